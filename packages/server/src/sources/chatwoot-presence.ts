// Chatwoot agents' availability, polled from its API: GET /api/v1/accounts/{account_id}/agents with an
// `api_access_token` header lists each agent with `availability_status` (online, busy, offline). A change
// since the last poll becomes `agent.status_changed` (online → online, busy → away, offline → offline),
// with the agent's name, through the same validation and stream as POST /v1/events. The last status of
// each agent is kept in Redis, and one instance polls at a time (a lease), so several instances and
// restarts emit each change once. docs/sources.md, "Presence".
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { LIMITS, validateEvent, type AgentStatus } from '@pulse/contracts';
import type { Config } from '../config/schema.ts';
import type { Appender } from '../ingest/append.ts';
import { agentOf } from './chatwoot.ts';
import { eventId, obj, str } from './common.ts';
import type { SourceDirectory } from './directory.ts';
import { Learned } from './learned.ts';

const STATUS: Record<string, AgentStatus> = { online: 'online', busy: 'away', offline: 'offline' };
const REQUEST_TIMEOUT_MS = 10_000;

type Cfg = Config['sources']['chatwoot'];

export interface PresenceDeps {
  redis: Redis;
  prefix: string;
  config: Config;
  appender: Appender;
  directory: SourceDirectory;
  instance: string;
  log: Logger;
}

/** The poll's settings when presence is fully configured (url, accountId, apiToken), else null. */
export function presenceSettings(cfg: Cfg): { url: string; accountId: string; apiToken: string; intervalMs: number } | null {
  const p = cfg.presence;
  if (!p?.url || p.accountId === undefined || !p.apiToken) return null;
  return { url: p.url.replace(/\/+$/, ''), accountId: String(p.accountId), apiToken: p.apiToken, intervalMs: p.intervalMs };
}

interface Seen {
  agent: string;
  status: AgentStatus;
  name: string | null;
}

export class ChatwootPresence {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private failing = false;
  /** aborts a request under way when the instance stops */
  private readonly abort = new AbortController();
  private readonly statusKey: string;
  private readonly leaseKey: string;

  constructor(
    private readonly deps: PresenceDeps,
    private readonly settings: NonNullable<ReturnType<typeof presenceSettings>>,
  ) {
    this.statusKey = `${deps.prefix}sources:chatwoot-presence`;
    this.leaseKey = `${deps.prefix}sources:chatwoot-presence:lease`;
  }

  start(): void {
    this.deps.log.info({ url: this.settings.url, account: this.settings.accountId, intervalMs: this.settings.intervalMs }, 'chatwoot presence: polling agents');
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.abort.abort();
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll().finally(() => this.schedule(this.settings.intervalMs));
    }, ms);
    this.timer.unref();
  }

  /** One poll: reads the agents (when this instance holds the lease) and emits their changes. */
  async poll(now = Date.now()): Promise<void> {
    const { redis, log } = this.deps;
    try {
      const lease = await redis.set(this.leaseKey, this.deps.instance, 'PX', Math.max(500, this.settings.intervalMs - 500), 'NX');
      if (lease !== 'OK') return;
      const agents = await this.fetchAgents();
      await this.emit(agents, now);
      if (this.failing) log.info('chatwoot presence: the agents API answers again');
      this.failing = false;
    } catch (e) {
      if (this.stopped) return;
      if (!this.failing) log.warn({ err: (e as Error).message, url: this.settings.url }, 'chatwoot presence: agents not read; retrying every interval');
      this.failing = true;
    }
  }

  private async fetchAgents(): Promise<Seen[]> {
    const cfg = this.deps.config.sources.chatwoot;
    const url = `${this.settings.url}/api/v1/accounts/${encodeURIComponent(this.settings.accountId)}/agents`;
    const res = await fetch(url, {
      headers: { api_access_token: this.settings.apiToken, accept: 'application/json' },
      signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
    });
    if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
    const body: unknown = await res.json();
    if (!Array.isArray(body)) throw new Error(`GET ${url} did not answer a list of agents`);
    const seen: Seen[] = [];
    for (const item of body) {
      const a = obj(item);
      const id = str(a?.id);
      const status = str(a?.availability_status);
      if (!a || id === null || status === null || !Object.hasOwn(STATUS, status)) continue;
      const name = str(a.available_name) ?? str(a.name);
      seen.push({ agent: agentOf(cfg, id), status: STATUS[status]!, name: name === null ? null : name.slice(0, LIMITS.nameLength) });
    }
    return seen;
  }

  /** Emits the changes since the last statuses kept; an agent gone from the account goes offline. */
  private async emit(seen: Seen[], now: number): Promise<void> {
    const { redis, appender, config, directory } = this.deps;
    const last = await redis.hgetall(this.statusKey);
    const listed = new Set(seen.map((s) => s.agent));
    const gone: Seen[] = Object.entries(last)
      .filter(([agent, status]) => !listed.has(agent) && status !== 'offline')
      .map(([agent]) => ({ agent, status: 'offline', name: null }));
    const changes = [...seen.filter((s) => last[s.agent] !== s.status), ...gone];

    const learned = new Learned();
    for (const s of seen) learned.agent(s.agent, s.name);
    await directory.learn(learned, now);
    if (changes.length === 0) return;

    const prefix = config.sources.chatwoot.idPrefix;
    const events: { id: string; json: string }[] = [];
    for (const c of changes) {
      const draft = {
        id: eventId(`${prefix}presence`, c.agent, c.status, String(now)),
        type: 'agent.status_changed',
        ts: now,
        agent_id: c.agent,
        status: c.status,
        ...(c.name !== null ? { name: c.name } : {}),
      };
      const v = validateEvent(draft, now, { maxAgeDays: config.ingest.maxEventAgeDays });
      if (!v.ok) {
        this.deps.log.warn({ agent: c.agent, err: v.error }, 'chatwoot presence: a status change could not be made an event');
        continue;
      }
      events.push({ id: v.event.id, json: JSON.stringify(v.event) });
    }
    if (events.length === 0) return;
    const result = await appender.append(events, now);
    if (result === 'backlog-full') throw new Error('the event stream is full; the status changes are sent at the next poll');
    await redis.hset(this.statusKey, Object.fromEntries(changes.map((c) => [c.agent, c.status])));
  }
}

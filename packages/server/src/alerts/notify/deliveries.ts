// Deliveries of alert notifications, persisted in Redis so a restart loses none: grouped from the outbox by
// queue (one message per queue and channel, in the channel's language), tried at once, retried with
// exponential backoff and jitter, and recorded (attempts, errors, outcome).
import { randomBytes } from 'node:crypto';
import { own, type AlertLang } from '@pulse/contracts';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AlertChannelConfig, AlertsConfig } from '../../config/schema.ts';
import type { AlertChange } from '../changes.ts';
import { emailMessage, slackMessage, webhookBody, type FormatOptions } from './format.ts';
import { send, type SendResult } from './senders.ts';

export interface Delivery {
  id: string;
  channel: string;
  type: AlertChannelConfig['type'];
  /** the queue its changes are about ('' for alerts of no single queue) */
  queue: string;
  status: 'pending' | 'delivered' | 'failed';
  created_at: string;
  attempts: number;
  next_attempt_at: string | null;
  delivered_at: string | null;
  last_error: string | null;
  alert_ids: string[];
  events: string[];
  body: string;
  log: { at: string; ok: boolean; status?: number; error?: string }[];
}

const KEEP = 1000;

export class Deliveries {
  private busy = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly config: AlertsConfig,
    private readonly where: { timeZone: string; queueNames: Record<string, string> },
    private readonly boardUrl: string | null,
    private readonly log: Logger,
    private readonly outboxKey: string,
  ) {}

  private hash = () => `${this.prefix}deliveries`;
  private due = () => `${this.prefix}deliveries:due`;
  private index = () => `${this.prefix}deliveries:index`;

  /** Groups what is in the outbox into one delivery per queue and channel. */
  async flushOutbox(now = Date.now()): Promise<number> {
    const raw = await this.redis.lrange(this.outboxKey, 0, -1);
    if (raw.length === 0) return 0;
    const changes = raw.map((r) => JSON.parse(r) as AlertChange);
    const byQueue = new Map<string, AlertChange[]>();
    for (const c of changes) {
      const q = queueOf(c);
      byQueue.set(q, [...(byQueue.get(q) ?? []), c]);
    }
    const multi = this.redis.multi();
    for (const [queue, group] of byQueue) {
      for (const channel of this.config.channels) {
        const d: Delivery = {
          id: `dl_${now.toString(36)}_${randomBytes(4).toString('hex')}`,
          channel: channel.name,
          type: channel.type,
          queue,
          status: 'pending',
          created_at: new Date(now).toISOString(),
          attempts: 0,
          next_attempt_at: new Date(now).toISOString(),
          delivered_at: null,
          last_error: null,
          alert_ids: [...new Set(group.map((c) => c.alert.id))],
          events: group.map((c) => c.event),
          body: this.body(channel, group, queue, now),
          log: [],
        };
        multi.hset(this.hash(), d.id, JSON.stringify(d)).zadd(this.due(), now, d.id).zadd(this.index(), now, d.id);
      }
    }
    // the changes read leave the outbox in the same transaction that makes their deliveries: a reply lost
    // to a timeout or a crash either did both or neither, so a change is never grouped twice (nor lost);
    // only this leader takes from the outbox, and changes are appended behind those read
    multi.ltrim(this.outboxKey, raw.length, -1);
    await multi.exec();
    return changes.length;
  }

  private body(channel: AlertChannelConfig, changes: AlertChange[], queue: string, now: number): string {
    const o: FormatOptions = {
      lang: (channel.lang ?? this.config.lang) as AlertLang,
      timeZone: this.where.timeZone,
      boardUrl: this.boardUrl,
      queue,
      queueName: queue ? (own(this.where.queueNames, queue) ?? queue) : null,
      now,
    };
    if (channel.type === 'webhook') return JSON.stringify(webhookBody(changes, o));
    if (channel.type === 'slack') return JSON.stringify(slackMessage(changes, o));
    return JSON.stringify(emailMessage(changes, o));
  }

  /** Tries every delivery that is due; never throws. */
  async work(now = Date.now()): Promise<void> {
    if (this.busy || this.redis.status !== 'ready') return; // Redis unreachable: nothing to read (nor to log every round)
    this.busy = true;
    try {
      const ids = await this.redis.zrangebyscore(this.due(), '-inf', now, 'LIMIT', 0, 20);
      await Promise.all(ids.map((id) => this.attempt(id)));
      await this.trim();
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'alert delivery round failed');
    } finally {
      this.busy = false;
    }
  }

  private async attempt(id: string): Promise<void> {
    const raw = await this.redis.hget(this.hash(), id);
    if (!raw) {
      await this.redis.zrem(this.due(), id);
      return;
    }
    const d = JSON.parse(raw) as Delivery;
    const channel = this.config.channels.find((c) => c.name === d.channel);
    const result: SendResult = channel
      ? await send(channel, d.body, this.config.delivery.timeoutMs, d.id)
      : { ok: false, error: `channel ${d.channel} is no longer configured` };
    const now = Date.now();
    d.attempts++;
    d.log = [...d.log, { at: new Date(now).toISOString(), ok: result.ok, status: result.status, error: result.error }].slice(-20);
    if (result.ok) {
      Object.assign(d, { status: 'delivered', delivered_at: new Date(now).toISOString(), next_attempt_at: null, last_error: null });
      await this.redis.multi().hset(this.hash(), id, JSON.stringify(d)).zrem(this.due(), id).exec();
      return;
    }
    d.last_error = result.error ?? 'failed';
    if (d.attempts >= this.config.delivery.maxAttempts || !channel) {
      Object.assign(d, { status: 'failed', next_attempt_at: null });
      await this.redis.multi().hset(this.hash(), id, JSON.stringify(d)).zrem(this.due(), id).exec();
      this.log.error({ delivery: id, channel: d.channel, attempts: d.attempts, err: d.last_error }, 'alert delivery failed for good');
      return;
    }
    const next = now + backoffMs(d.attempts, this.config.delivery.baseDelayMs, this.config.delivery.maxDelayMs);
    d.next_attempt_at = new Date(next).toISOString();
    await this.redis.multi().hset(this.hash(), id, JSON.stringify(d)).zadd(this.due(), next, id).exec();
  }

  async list(limit = 200): Promise<Delivery[]> {
    const ids = await this.redis.zrevrange(this.index(), 0, limit - 1);
    if (ids.length === 0) return [];
    const raws = await this.redis.hmget(this.hash(), ...ids);
    return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as Delivery);
  }

  private async trim(): Promise<void> {
    const n = await this.redis.zcard(this.index());
    if (n <= KEEP) return;
    const old = await this.redis.zrange(this.index(), 0, n - KEEP - 1);
    const pending = new Set(await this.redis.zrange(this.due(), 0, -1));
    const done = old.filter((id) => !pending.has(id));
    if (done.length > 0)
      await this.redis
        .multi()
        .hdel(this.hash(), ...done)
        .zrem(this.index(), ...done)
        .exec();
  }
}

/** The queue a change is about: its scope's, else its facts' ('' for none, e.g. an agent of several queues). */
function queueOf(c: AlertChange): string {
  const d = c.alert.details;
  return c.alert.scope.queue ?? (d && 'queue' in d ? (d.queue ?? '') : '');
}

/** Exponential backoff with ±50 % jitter: base × 2^(attempt − 1), capped. */
export function backoffMs(attempt: number, base: number, max: number, random = Math.random()): number {
  return Math.round(Math.min(max, base * 2 ** (attempt - 1)) * (0.5 + random));
}

// What the rules read besides the snapshot: the open work of agents who are away or offline (active chats and
// tickets with an unmet target whose clock runs, with each item's queue), reassigned tickets, the SLA targets at risk or breached, display names and help-desk links.
import { own, recordOf, setOwn, type AlertRule, type AlertSeverity, type Snapshot } from '@pulse/contracts';
import { agentSetKey, LIVE_HASH, queueScope, scopeSetKey, type MetricSettings, type StateReader } from '@pulse/metrics';
import type { Redis } from 'ioredis';
import type { AlertsConfig } from '../config/schema.ts';
import { alertKey, type HeldItem, type Names, type RuleContext } from './condition.ts';
import { ticketsWithRunningTargets } from './running-targets.ts';
import { readSlaEntries } from './sla-entries.ts';
import { queueThresholds } from './thresholds.ts';
import { forMsOf } from './timing.ts';

/** Display names and help-desk links, from the configuration (`queueNames`, `helpdeskLinkTemplate`). */
export interface Display {
  queueNames: Record<string, string>;
  linkTemplate: string | null;
}

/** Display names: agents by their name in live state, queues by `queueNames`; else the id. */
export function namesFor(display: Pick<Display, 'queueNames'>, snapshot: Snapshot): Names {
  const agents = new Map(snapshot.agents.map((a) => [a.id, a.name || a.id]));
  return {
    queue: (id) => own(display.queueNames, id) ?? id,
    agent: (id) => agents.get(id) ?? id,
    agents: snapshot.agents,
  };
}

/** A help-desk link: `{id}` the URL-encoded id, `{number}` its trailing digits, `{kind}` ticket or chat. */
export function linker(template: string | null): RuleContext['link'] {
  return (kind, id) => {
    if (!template) return undefined;
    const number = /(\d+)$/.exec(id)?.[1];
    if (template.includes('{number}') && number === undefined) return undefined;
    return template
      .replaceAll('{id}', encodeURIComponent(id))
      .replaceAll('{number}', number ?? '')
      .replaceAll('{kind}', kind);
  };
}

/**
 * The queue of each held chat or ticket: the queue whose active chats (or unsolved tickets) hold it. Asked
 * for all agents' items together, the cheaper of two ways: one `ZMSCORE` per queue with every member
 * (queues × members replies), or every queue's members (as many replies as the sets hold), whichever
 * reads less. (Per queue and agent, as before, it was 24,000 commands an evaluation with 300 agents away
 * and 40 queues, and the replies then took 165 ms of one turn of the event loop.)
 */
async function queuesOf(redis: Redis, livePrefix: string, queues: string[], ids: string[], set: 'active' | 'unsolved'): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (ids.length === 0 || queues.length === 0) return found;
  const members = [...new Set(ids)];
  const keys = queues.map((q) => livePrefix + scopeSetKey(set, queueScope(q)));
  const sizes = await Promise.all(keys.map((k) => redis.zcard(k)));
  const held = sizes.reduce((n, s) => n + s, 0);
  if (held <= members.length * queues.length) {
    const wanted = new Set(members);
    const sets = await Promise.all(keys.map((k) => redis.zrange(k, 0, -1)));
    for (let qi = 0; qi < sets.length; qi++) {
      for (const member of sets[qi]!) if (wanted.has(member) && !found.has(member)) found.set(member, queues[qi]!);
    }
    return found;
  }
  const scores = await Promise.all(keys.map((k) => redis.zmscore(k, ...members)));
  // one row of scores per queue, in order: the first queue that holds a member is its queue
  for (let qi = 0; qi < scores.length; qi++) {
    const row = scores[qi]!;
    for (let i = 0; i < row.length; i++) {
      if (row[i] === null) continue;
      const member = members[i]!;
      if (!found.has(member)) found.set(member, queues[qi]!);
    }
  }
  return found;
}

/** `[member, score]` pairs of a `WITHSCORES` reply, in member order. */
function pairsOf(r: string[]): [string, string][] {
  const out: [string, string][] = [];
  for (let i = 0; i < r.length; i += 2) {
    const member = r[i];
    const score = r[i + 1];
    if (member !== undefined && score !== undefined) out.push([member, score]);
  }
  return out.sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
}

export async function ruleContext(
  deps: {
    redis: Redis;
    livePrefix: string;
    reader: Pick<StateReader, 'zrangeByScore' | 'hmget'>;
    config: AlertsConfig;
    settings: MetricSettings;
    display: Display;
  },
  snapshot: Snapshot,
  now: number,
  open: Map<string, { state: string; severity: AlertSeverity }>,
): Promise<RuleContext> {
  const { redis, livePrefix, config, settings } = deps;
  const severity = new Map<string, AlertSeverity>();
  for (const [key, a] of open) severity.set(key, a.severity);
  const queues = Object.keys(snapshot.queues);
  // the open work of each agent who is away or offline: active chats, and tickets with a running target
  const held = (
    await Promise.all(
      snapshot.agents
        .filter((a) => a.status !== 'online')
        .map(async (a) => {
          const [chats, tickets] = await Promise.all([
            redis.zrange(livePrefix + agentSetKey('agentchats', a.id), 0, -1, 'WITHSCORES'),
            redis.zrange(livePrefix + agentSetKey('agenttickets', a.id), 0, -1, 'WITHSCORES'),
          ]);
          if (chats.length + tickets.length === 0) return null;
          // tickets count only while one of their targets is unmet with its clock running (not pending, not paused)
          const ticketPairs = pairsOf(tickets);
          const running = await ticketsWithRunningTargets(
            redis,
            livePrefix,
            ticketPairs.map(([id]) => id),
          );
          return { agent: a.id, chats: pairsOf(chats), tickets: ticketPairs.filter(([id]) => running.has(id)) };
        }),
    )
  ).filter((h) => h !== null);
  const [chatQueues, ticketQueues] = await Promise.all([
    queuesOf(
      redis,
      livePrefix,
      queues,
      held.flatMap((h) => h.chats.map(([id]) => id)),
      'active',
    ),
    queuesOf(
      redis,
      livePrefix,
      queues,
      held.flatMap((h) => h.tickets.map(([id]) => id)),
      'unsolved',
    ),
  ]);
  const heldItems = (ids: [string, string][], queueOf: Map<string, string>): HeldItem[] =>
    ids.map(([id, at]) => ({ id, queue: queueOf.get(id) ?? null, at: Number(at) }));
  const agentItems: RuleContext['agentItems'] = {};
  for (const h of held) setOwn(agentItems, h.agent, { chats: heldItems(h.chats, chatQueues), tickets: heldItems(h.tickets, ticketQueues) });
  const reassignedRaw = await redis.hgetall(livePrefix + LIVE_HASH.reassigned);
  const reassigned: RuleContext['reassigned'] = recordOf(Object.entries(reassignedRaw).map(([t, v]) => [t, JSON.parse(v)]));
  // the moment the rules judge, taken when the SLA targets are read, not when the evaluation began: under
  // load the reads above can take a second, and a breach read after it happened must not be judged (and
  // worded) younger than it is
  const at = Math.max(now, Date.now());
  const sla = await readSlaEntries(deps.reader, at);
  return {
    snapshot,
    now: at,
    thresholds: (queue) => queueThresholds(config, settings, queue),
    hysteresis: config.hysteresis,
    forMs: (rule: AlertRule) => forMsOf(config, rule),
    active: (rule: AlertRule, subject: string) => severity.get(alertKey(rule, subject)) ?? null,
    agentItems,
    reassigned,
    pingpongReassignments: config.pingpongReassignments,
    sla,
    names: namesFor(deps.display, snapshot),
    link: linker(deps.display.linkTemplate),
  };
}

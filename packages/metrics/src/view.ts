// What a snapshot is computed from, and how it is read from a store (Redis in the server, memory in
// the reference model) through the same keys. Reads are issued together so a Redis client pipelines them.
import { WINDOWS, type WindowName } from '@pulse/contracts';
import { valuesKey, windowBuckets, windowStarts } from './buckets.ts';
import type { SlaInfo } from './sla/contributions.ts';
import type { AgentState } from './items/agent.ts';
import { OVERALL, queueScope } from './scopes.ts';
import { agentSetKey, LIVE_HASH, scopeSetKey } from './model/keys.ts';

export interface StateReader {
  zcard(key: string): Promise<number>;
  /** score of the lowest member, or null when the set is empty */
  zmin(key: string): Promise<number | null>;
  zscores(key: string): Promise<number[]>;
  hgetall(key: string): Promise<Record<string, string>>;
  zcount(key: string, min: number, max: number): Promise<number>;
  /** members with min ≤ score ≤ max, lowest score first, at most `limit` */
  zrangeByScore(key: string, min: number, max: number, limit: number): Promise<[string, number][]>;
  hmget(key: string, fields: string[]): Promise<(string | null)[]>;
}

/** How many breached and at-risk targets a view reads at most (a snapshot lists the most urgent of them). */
export const SLA_LIST_LIMIT = 50_000;

export interface ZSummary {
  count: number;
  earliest: number | null;
}

export interface LiveView {
  now: number;
  timeZone: string;
  scopes: string[];
  waiting: Record<string, ZSummary>;
  active: Record<string, number>;
  unsolved: Record<string, number>;
  unassigned: Record<string, ZSummary>;
  agents: AgentState[];
  agentChats: Record<string, number>;
  agentTickets: Record<string, number>;
  /** bucket key → scoped counter field → value */
  buckets: Record<string, Record<string, number>>;
  /** values key (bucket:name:scope) → values */
  values: Record<string, number[]>;
  /** SLA targets breached and at risk now, per scope */
  slaBreached: Record<string, number>;
  slaAtRisk: Record<string, number>;
  /** breaches recorded inside each window, per scope */
  slaBreachesIn: Record<string, Record<WindowName, number>>;
  /** the overall targets at risk or breached now, with their details, most urgent first */
  slaTargets: SlaInfo[];
}

const summary = async (r: StateReader, key: string): Promise<ZSummary> => {
  const [count, earliest] = await Promise.all([r.zcard(key), r.zmin(key)]);
  return { count, earliest };
};

async function perKey<T>(keys: string[], read: (k: string) => Promise<T>): Promise<Record<string, T>> {
  const values = await Promise.all(keys.map(read));
  // Promise.all keeps one value per key, in order
  return Object.fromEntries(keys.map((k, i) => [k, values[i] as T]));
}

/** The scopes of live state: overall, those holding items (use counts > 0), configured queues, agents' queues; sorted. */
export function liveScopes(counts: Iterable<[scope: string, uses: number]>, agents: AgentState[], extraQueues: string[]): string[] {
  const set = new Set<string>([OVERALL]);
  for (const [scope, n] of counts) if (n > 0) set.add(scope);
  const queues = new Set(extraQueues);
  for (const a of agents) for (const q of a.queues) queues.add(q);
  for (const q of queues) set.add(queueScope(q));
  return [...set].sort();
}

export async function loadView(r: StateReader, now: number, timeZone: string, extraQueues: string[] = []): Promise<LiveView> {
  const [scopeCounts, agentHash] = await Promise.all([r.hgetall(LIVE_HASH.scopes), r.hgetall(LIVE_HASH.agents)]);
  const agents = Object.values(agentHash)
    .map((v) => JSON.parse(v) as AgentState)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const scopes = liveScopes(
    Object.entries(scopeCounts).map(([s, n]) => [s, Number(n)]),
    agents,
    extraQueues,
  );
  const windows = windowBuckets(now, timeZone);
  const bucketKeys = [...new Set([...windows['60m'], ...windows.today])];
  const valueKeys = bucketKeys.flatMap((b) => scopes.map((scope) => valuesKey(b, 'frt', scope)));
  const ids = agents.map((a) => a.id);

  const [waiting, active, unsolved, unassigned, agentChats, agentTickets, rawBuckets, values] = await Promise.all([
    perKey(scopes, (s) => summary(r, scopeSetKey('waiting', s))),
    perKey(scopes, (s) => r.zcard(scopeSetKey('active', s))),
    perKey(scopes, (s) => r.zcard(scopeSetKey('unsolved', s))),
    perKey(scopes, (s) => summary(r, scopeSetKey('unassigned', s))),
    perKey(ids, (id) => r.zcard(agentSetKey('agentchats', id))),
    perKey(ids, (id) => r.zcard(agentSetKey('agenttickets', id))),
    perKey(bucketKeys, (k) => r.hgetall(k)),
    perKey(valueKeys, (k) => r.zscores(k)),
  ]);
  const starts = windowStarts(now, timeZone);
  const [slaDue, slaRisk, slaBreachesIn, riskMembers] = await Promise.all([
    perKey(scopes, (s) => r.zcount(scopeSetKey('sladue', s), -Infinity, now)),
    perKey(scopes, (s) => r.zcount(scopeSetKey('slarisk', s), -Infinity, now)),
    perKey(scopes, async (s) => {
      const counts = await Promise.all(WINDOWS.map((w) => r.zcount(scopeSetKey('slabreach', s), starts[w], now)));
      return Object.fromEntries(WINDOWS.map((w, i) => [w, counts[i]!])) as Record<WindowName, number>;
    }),
    r.zrangeByScore(scopeSetKey('slarisk', OVERALL), -Infinity, now, SLA_LIST_LIMIT),
  ]);
  const infos =
    riskMembers.length > 0
      ? await r.hmget(
          LIVE_HASH.slainfo,
          riskMembers.map(([m]) => m),
        )
      : [];
  const slaTargets = infos.filter((v): v is string => v !== null).map((v) => JSON.parse(v) as SlaInfo);
  // slaRisk and slaDue hold every scope (perKey over scopes)
  const slaAtRisk = Object.fromEntries(scopes.map((s) => [s, slaRisk[s]! - slaDue[s]!]));
  const buckets: LiveView['buckets'] = {};
  for (const [k, fields] of Object.entries(rawBuckets)) {
    buckets[k] = Object.fromEntries(Object.entries(fields).map(([f, v]) => [f, Number(v)]));
  }
  return {
    now,
    timeZone,
    scopes,
    waiting,
    active,
    unsolved,
    unassigned,
    agents,
    agentChats,
    agentTickets,
    buckets,
    values,
    slaBreached: slaDue,
    slaAtRisk,
    slaBreachesIn,
    slaTargets,
  };
}

// What a snapshot is computed from, and how it is read from a store (Redis in the server, memory in
// the reference model) through the same keys. Reads are issued together so a Redis client pipelines them.
import { valuesKey, windowBuckets } from './buckets.ts';
import type { AgentState } from './items/agent.ts';
import { OVERALL } from './scopes.ts';

export interface StateReader {
  zcard(key: string): Promise<number>;
  /** score of the lowest member, or null when the set is empty */
  zmin(key: string): Promise<number | null>;
  zscores(key: string): Promise<number[]>;
  hgetall(key: string): Promise<Record<string, string>>;
}

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
}

const summary = async (r: StateReader, key: string): Promise<ZSummary> => {
  const [count, earliest] = await Promise.all([r.zcard(key), r.zmin(key)]);
  return { count, earliest };
};

async function perKey<T>(keys: string[], read: (k: string) => Promise<T>): Promise<Record<string, T>> {
  const values = await Promise.all(keys.map(read));
  return Object.fromEntries(keys.map((k, i) => [k, values[i]]));
}

export async function loadView(r: StateReader, now: number, timeZone: string, extraQueues: string[] = []): Promise<LiveView> {
  const [scopeCounts, agentHash] = await Promise.all([r.hgetall('scopes'), r.hgetall('agents')]);
  const agents = Object.values(agentHash)
    .map((v) => JSON.parse(v) as AgentState)
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const scopeSet = new Set<string>([OVERALL]);
  for (const [scope, n] of Object.entries(scopeCounts)) if (Number(n) > 0) scopeSet.add(scope);
  for (const q of [...extraQueues, ...agents.flatMap((a) => a.queues)]) scopeSet.add(`q:${q}`);
  const scopes = [...scopeSet].sort();
  const windows = windowBuckets(now, timeZone);
  const bucketKeys = [...new Set([...windows['60m'], ...windows.today])];
  const valueKeys = bucketKeys.flatMap((b) => scopes.map((scope) => valuesKey(b, 'frt', scope)));
  const ids = agents.map((a) => a.id);

  const [waiting, active, unsolved, unassigned, agentChats, agentTickets, rawBuckets, values] = await Promise.all([
    perKey(scopes, (s) => summary(r, `waiting:${s}`)),
    perKey(scopes, (s) => r.zcard(`active:${s}`)),
    perKey(scopes, (s) => r.zcard(`unsolved:${s}`)),
    perKey(scopes, (s) => summary(r, `unassigned:${s}`)),
    perKey(ids, (id) => r.zcard(`agentchats:${id}`)),
    perKey(ids, (id) => r.zcard(`agenttickets:${id}`)),
    perKey(bucketKeys, (k) => r.hgetall(k)),
    perKey(valueKeys, (k) => r.zscores(k)),
  ]);
  const buckets: LiveView['buckets'] = {};
  for (const [k, fields] of Object.entries(rawBuckets)) {
    buckets[k] = Object.fromEntries(Object.entries(fields).map(([f, v]) => [f, Number(v)]));
  }
  return { now, timeZone, scopes, waiting, active, unsolved, unassigned, agents, agentChats, agentTickets, buckets, values };
}

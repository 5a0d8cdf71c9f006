// The names of the live-state keys (relative to the live prefix, `<prefix>live:`), built and parsed in
// this one place. Every key the live state holds parses back to what built it; a name that does not parse
// is an error (`parseLiveKey` throws), never skipped.
//
//   m:<epoch minute>                 hash   counters of a minute: fields `<scope>|<counter>` (scope.ts)
//   d:<YYYY-MM-DD>                   hash   counters of a local day
//   <bucket>:<name>:<scope>          zset   values kept for percentiles (name `frt`), member = item id
//   <set>:<scope>                    zset   waiting, active, unsolved, unassigned, sladue, slarisk, slabreach
//   agentchats:<agent>, agenttickets:<agent>   zset   an agent's work
//   scopes, agents, slainfo, reassigned        hash   scope use counts, agent states, SLA details, reassigned tickets
//   it:<kind>:<id>                   hash   an item: its events, version `_v`, contributions `_c`, state `_s` (item.ts)
//   complete, rebuilding, rebuild-lock        strings of the rebuild (live/rebuild.ts)
import { parseScope } from './scope.ts';
import { itemKey, parseItemKey } from './item.ts';
import type { ItemRef } from '../items/item.ts';

export const SCOPE_SETS = ['waiting', 'active', 'unsolved', 'unassigned', 'sladue', 'slarisk', 'slabreach'] as const;
export type ScopeSet = (typeof SCOPE_SETS)[number];
export const AGENT_SETS = ['agentchats', 'agenttickets'] as const;
export type AgentSet = (typeof AGENT_SETS)[number];
export const HASHES = ['scopes', 'agents', 'slainfo', 'reassigned'] as const;
export type LiveHash = (typeof HASHES)[number];
/** The hashes shared by all items, by name: `LIVE_HASH.agents` is the key of the agents' states. */
export const LIVE_HASH: { readonly [K in LiveHash]: K } = { scopes: 'scopes', agents: 'agents', slainfo: 'slainfo', reassigned: 'reassigned' };
export const MARKERS = ['complete', 'rebuilding', 'rebuild-lock'] as const;
export type Marker = (typeof MARKERS)[number];
/** The rebuild's keys (live/rebuild.ts): the live state is complete; a rebuild runs; who holds the rebuild. */
export const LIVE_MARKER: { readonly [K in Marker]: K } = { complete: 'complete', rebuilding: 'rebuilding', 'rebuild-lock': 'rebuild-lock' };
/** Names of the value sets kept per bucket and scope. */
export const VALUE_SETS = ['frt'] as const;
export type ValueSet = (typeof VALUE_SETS)[number];

export type Bucket = { kind: 'minute'; minute: number } | { kind: 'day'; date: string };

export type LiveKey =
  | Bucket
  | { kind: 'values'; bucket: Bucket; name: ValueSet; scope: string }
  | { kind: 'scopeSet'; set: ScopeSet; scope: string }
  | { kind: 'agentSet'; set: AgentSet; agent: string }
  | { kind: 'hash'; name: LiveHash }
  | { kind: 'item'; ref: ItemRef }
  | { kind: 'marker'; name: Marker };

export const minuteBucketKey = (minute: number): string => `m:${minute}`;
export const dayBucketKey = (date: string): string => `d:${date}`;
export const valuesKey = (bucket: string, name: ValueSet, scope: string): string => `${bucket}:${name}:${scope}`;
export const scopeSetKey = (set: ScopeSet, scope: string): string => `${set}:${scope}`;
export const agentSetKey = (set: AgentSet, agent: string): string => `${set}:${agent}`;
/** A SCAN pattern matching the keys of one scope set, whatever the scope. */
export const scopeSetPattern = (set: ScopeSet): string => `${set}:*`;

export function buildLiveKey(k: LiveKey): string {
  switch (k.kind) {
    case 'minute':
      return minuteBucketKey(k.minute);
    case 'day':
      return dayBucketKey(k.date);
    case 'values':
      return valuesKey(buildLiveKey(k.bucket), k.name, k.scope);
    case 'scopeSet':
      return scopeSetKey(k.set, k.scope);
    case 'agentSet':
      return agentSetKey(k.set, k.agent);
    case 'hash':
    case 'marker':
      return k.name;
    case 'item':
      return itemKey(k.ref);
  }
}

const isDigits = (s: string): boolean => {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
};

/** `YYYY-MM-DD`, checked by its characters (no regular expression). */
const isDate = (s: string): boolean =>
  s.length === 10 && s[4] === '-' && s[7] === '-' && isDigits(s.slice(0, 4)) && isDigits(s.slice(5, 7)) && isDigits(s.slice(8));

const includes = <T extends string>(list: readonly T[], s: string): s is T => (list as readonly string[]).includes(s);

const fail = (key: string, why: string): never => {
  throw new Error(`not a live-state key: ${JSON.stringify(key)} (${why})`);
};

/** A bucket (`m:<minute>` or `d:<date>`) at the start of `key`, and where it ends. */
function bucketAt(key: string): { bucket: Bucket; end: number } | null {
  if (key.startsWith('m:')) {
    const colon = key.indexOf(':', 2);
    const end = colon < 0 ? key.length : colon;
    const digits = key.slice(2, end);
    if (!isDigits(digits) || (digits.length > 1 && digits[0] === '0')) return fail(key, 'minute');
    return { bucket: { kind: 'minute', minute: Number(digits) }, end };
  }
  if (key.startsWith('d:')) {
    const date = key.slice(2, 12);
    if (!isDate(date) || (key.length > 12 && key[12] !== ':')) return fail(key, 'date');
    return { bucket: { kind: 'day', date }, end: 12 };
  }
  return null;
}

/** What a live-state key names; throws when it names nothing the live state holds. */
export function parseLiveKey(key: string): LiveKey {
  const b = bucketAt(key);
  if (b) {
    if (b.end === key.length) return b.bucket;
    const nameEnd = key.indexOf(':', b.end + 1);
    if (nameEnd < 0) return fail(key, 'values key without a scope');
    const name = key.slice(b.end + 1, nameEnd);
    if (!includes(VALUE_SETS, name)) return fail(key, `value set ${name}`);
    const scope = key.slice(nameEnd + 1);
    parseScope(scope);
    return { kind: 'values', bucket: b.bucket, name, scope };
  }
  if (includes(HASHES, key)) return { kind: 'hash', name: key };
  if (includes(MARKERS, key)) return { kind: 'marker', name: key };
  const colon = key.indexOf(':');
  if (colon < 0) return fail(key, 'unknown name');
  const head = key.slice(0, colon);
  const rest = key.slice(colon + 1);
  if (includes(SCOPE_SETS, head)) {
    parseScope(rest);
    return { kind: 'scopeSet', set: head, scope: rest };
  }
  if (includes(AGENT_SETS, head)) {
    if (rest.length === 0) return fail(key, 'empty agent id');
    return { kind: 'agentSet', set: head, agent: rest };
  }
  if (head === 'it') return { kind: 'item', ref: parseItemKey(key) };
  return fail(key, 'unknown name');
}

// One item's change, turned at once into both the Redis writes that apply it to the live state and the
// facts that history keeps of it: the change of each minute counter, and the values added to or removed
// from percentile and breach sets, with the item's summary row. The applier appends the facts to the facts
// stream in the same atomic step as the live change, so history is the sum of exactly the changes live
// state made. Keys are read with the live-state model (@pulse/metrics): a key it cannot parse is an error.
import { contributionId, parseLiveKey, parseScopedField, type Contribution, type ItemSummary, type LiveKey } from '@pulse/metrics';
import type { Op } from '../redis/lua/apply-items.ts';

export interface Facts {
  /** item name, e.g. `chat:c1` */
  item: string;
  /** the item's version after this change (monotonic per item) */
  v: number;
  /** counter deltas: minute (epoch minutes), scope, counter, delta */
  d: [number, string, string, number][];
  /** set changes: name (frt, sla_breach), scope, member, value, sign (+1 added, −1 removed), minute */
  s: [string, string, string, number, 1 | -1, number][];
  sum: ItemSummary | null;
}

export interface ItemChange {
  /** the writes to shared live-state keys (prefixed) */
  ops: Op[];
  /** what history keeps of the change, or null when it keeps nothing of it (or facts were not asked for) */
  facts: Facts | null;
}

/** What history keeps of a key's contributions: minute counters, and members of minute value sets and of breach sets. */
type Kept = { kind: 'counter'; minute: number } | { kind: 'set'; name: string; scope: string; minute: number | null } | null;

const kept = new Map<string, Kept>();

function keptOf(key: string): Kept {
  let k = kept.get(key);
  if (k !== undefined) return k;
  k = classify(parseLiveKey(key));
  if (kept.size > 50_000) kept.clear();
  kept.set(key, k);
  return k;
}

/** Prefixed keys, made once per key and prefix: the same string each time, so maps keyed by it hash it once. */
const prefixed = new Map<string, Map<string, string>>();

function prefixer(prefix: string): (key: string) => string {
  let keys = prefixed.get(prefix);
  if (!keys) prefixed.set(prefix, (keys = new Map()));
  const cache = keys;
  return (key) => {
    let k = cache.get(key);
    if (k === undefined) {
      k = prefix + key;
      if (cache.size > 50_000) cache.clear();
      cache.set(key, k);
    }
    return k;
  };
}

/** A counter field's scope and counter (fields repeat: a few counters in every scope), parsed once. */
const scoped = new Map<string, [scope: string, counter: string]>();

function scopedOf(field: string): [scope: string, counter: string] {
  let s = scoped.get(field);
  if (s !== undefined) return s;
  const { scope, counter } = parseScopedField(field);
  s = [scope, counter];
  if (scoped.size > 50_000) scoped.clear();
  scoped.set(field, s);
  return s;
}

function classify(k: LiveKey): Kept {
  switch (k.kind) {
    case 'minute':
      return { kind: 'counter', minute: k.minute };
    case 'values':
      return k.bucket.kind === 'minute' ? { kind: 'set', name: k.name, scope: k.scope, minute: k.bucket.minute } : null;
    case 'scopeSet':
      // a breach counts in the minute it was due (its score)
      return k.set === 'slabreach' ? { kind: 'set', name: 'sla_breach', scope: k.scope, minute: null } : null;
    default:
      return null;
  }
}

/**
 * Contributions by identity, as the live state sums them: an item may add to the same counter more than
 * once (two reassignments in one minute); a sorted-set member or hash field takes its last value.
 */
function byId(list: Contribution[]): Map<string, Contribution> {
  const out = new Map<string, Contribution>();
  for (const c of list) {
    const id = contributionId(c);
    const prev = out.get(id);
    if (c.k === 'n' && prev?.k === 'n') {
      out.set(id, { ...prev, d: prev.d + c.d, expireAt: Math.max(prev.expireAt ?? 0, c.expireAt ?? 0) || undefined });
    } else {
      out.set(id, c);
    }
  }
  return out;
}

/**
 * The change from an item's old contributions to its new ones: the operations on live-state keys (under
 * `prefix`) and, with `facts`, history's facts of it (`item` its name, `version` the facts version).
 */
export function itemChange(
  prefix: string,
  oldC: Contribution[],
  newC: Contribution[],
  facts: { item: string; version: number; summary: ItemSummary | null } | null,
): ItemChange {
  const ops: Op[] = [];
  const full = prefixer(prefix);
  const d: Facts['d'] = [];
  const s: Facts['s'] = [];
  const expires = new Map<string, number>();
  const touchExpire = (key: string, at: number | undefined) => {
    if (at !== undefined) expires.set(key, Math.max(expires.get(key) ?? 0, at));
  };
  const counter = (c: Extract<Contribution, { k: 'n' }>, delta: number) => {
    ops.push(['n', full(c.key), c.field, delta]);
    touchExpire(c.key, c.expireAt);
    if (!facts) return;
    const k = keptOf(c.key);
    if (k?.kind !== 'counter') return;
    const [scope, name] = scopedOf(c.field);
    d.push([k.minute, scope, name, delta]);
  };
  const member = (c: Extract<Contribution, { k: 'z' }>, sign: 1 | -1) => {
    if (!facts) return;
    const k = keptOf(c.key);
    if (k?.kind === 'set') s.push([k.name, k.scope, c.m, c.s, sign, k.minute ?? Math.floor(c.s / 60_000)]);
  };
  const oldById = byId(oldC);
  const newById = byId(newC);

  for (const [id, c] of oldById) {
    if (newById.has(id)) continue;
    if (c.k === 'n') counter(c, -c.d);
    else if (c.k === 'z') {
      ops.push(['zr', full(c.key), c.m]);
      member(c, -1);
    } else ops.push(['hd', full(c.key), c.field]);
  }
  for (const [id, c] of newById) {
    const before = oldById.get(id);
    if (c.k === 'n') {
      const delta = c.d - (before?.k === 'n' ? before.d : 0);
      if (delta !== 0) counter(c, delta);
    } else if (c.k === 'z') {
      if (before?.k !== 'z' || before.s !== c.s) {
        ops.push(['za', full(c.key), c.s, c.m]);
        touchExpire(c.key, c.expireAt);
        if (before?.k === 'z') member(before, -1);
        member(c, 1);
      }
    } else if (before?.k !== 'h' || before.v !== c.v) {
      ops.push(['hs', full(c.key), c.field, c.v]);
    }
  }
  for (const [key, at] of expires) ops.push(['x', prefix + key, at]);
  if (!facts || (d.length === 0 && s.length === 0 && facts.summary === null)) return { ops, facts: null };
  return { ops, facts: { item: facts.item, v: facts.version, d, s, sum: facts.summary } };
}

/** History's facts of a change alone (a backfill writes no live state). */
export function historyFacts(item: string, version: number, oldC: Contribution[], newC: Contribution[], summary: ItemSummary | null): Facts | null {
  return itemChange('', oldC, newC, { item, version, summary }).facts;
}

// A scope's counters summed over window buckets. A bucket hash holds the counters of every scope
// (`<scope>|<counter>`): it is indexed by scope once per bucket object, so each scope's sum reads its own
// counters only (a view that changes a bucket replaces its object, and the index with it).
//
// A scope's counters in a bucket are one record that is never changed once indexed: a change of the bucket
// (setBucketFields) gives the scope a new record. So a window's sum is kept per view and scope, with the
// records it was summed from, and brought up to date by the records that are not the same any more (the minute
// that changed, the minute that entered the window and the one that left it) instead of summing every bucket
// again. Counters are whole numbers (HINCRBY), so adding and taking away gives exactly the sum done afresh;
// a value that is not a safe integer makes the sum be done afresh.
import type { Counters } from './formulas.ts';
import type { LiveView } from './view.ts';

type ScopeRecord = Readonly<Record<string, number>>;

/** A bucket's counters by scope (fields are `<scope>|<counter>`; counters have no `|`), once per bucket object. */
const scopeIndexes = new WeakMap<Record<string, number>, Map<string, ScopeRecord>>();
const NO_FIELDS: Record<string, number> = {};

function scopeIndex(fields: Record<string, number>): Map<string, ScopeRecord> {
  let index = scopeIndexes.get(fields);
  if (index) return index;
  const built = new Map<string, Record<string, number>>();
  for (const [field, v] of Object.entries(fields)) {
    const bar = field.lastIndexOf('|');
    const scope = field.slice(0, bar);
    let counters = built.get(scope);
    if (!counters) built.set(scope, (counters = {}));
    counters[field.slice(bar + 1)] = v;
  }
  index = built;
  scopeIndexes.set(fields, index);
  return index;
}

/** One window's sum for one scope: the records it adds up (of the bucket keys, in order) and how many of them hold each counter. */
interface WindowSum {
  keys: string[];
  records: (ScopeRecord | undefined)[];
  counters: Counters;
  holders: Map<string, number>;
}

/** The sums kept, per view (its buckets object) and per scope and window length (one entry each: it moves on). */
const windowSums = new WeakMap<LiveView['buckets'], Map<string, WindowSum>>();

/** Adds (sign 1) or takes away (-1) a record; false when a value is not a safe integer (the sum is done afresh). */
function apply(sum: WindowSum, rec: ScopeRecord | undefined, sign: 1 | -1): boolean {
  if (rec === undefined) return true;
  for (const name in rec) {
    const v = rec[name]!; // own enumerable keys of a plain record
    const next = (sum.counters[name] ?? 0) + sign * v;
    if (!Number.isSafeInteger(v) || !Number.isSafeInteger(next)) return false;
    const holders = (sum.holders.get(name) ?? 0) + sign;
    if (holders === 0) {
      sum.holders.delete(name);
      delete sum.counters[name];
    } else {
      sum.holders.set(name, holders);
      sum.counters[name] = next;
    }
  }
  return true;
}

function sumOf(keys: string[], records: (ScopeRecord | undefined)[]): WindowSum {
  const sum: WindowSum = { keys, records, counters: {}, holders: new Map() };
  for (const rec of records) {
    if (rec === undefined) continue;
    for (const name in rec) {
      sum.counters[name] = (sum.counters[name] ?? 0) + rec[name]!;
      sum.holders.set(name, (sum.holders.get(name) ?? 0) + 1);
    }
  }
  return sum;
}

const sameKeys = (a: string[], b: string[]) => a === b || (a.length === b.length && a.every((k, i) => k === b[i]));

/** Brings a kept sum to `records` of `keys` (the same keys, or the window moved on); false when it cannot be. */
function moveOn(sum: WindowSum, keys: string[], records: (ScopeRecord | undefined)[]): boolean {
  if (sameKeys(sum.keys, keys)) {
    for (let i = 0; i < keys.length; i++) {
      const before = sum.records[i];
      const rec = records[i];
      if (before !== rec && (!apply(sum, before, -1) || !apply(sum, rec, 1))) return false;
    }
  } else {
    const previous = new Map(sum.keys.map((k, i) => [k, sum.records[i]]));
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const before = previous.get(key);
      previous.delete(key);
      const rec = records[i];
      if (before !== rec && (!apply(sum, before, -1) || !apply(sum, rec, 1))) return false;
    }
    // buckets that left the window
    for (const before of previous.values()) if (!apply(sum, before, -1)) return false;
  }
  sum.keys = keys;
  sum.records = records;
  return true;
}

/** One scope's counters summed over some buckets (`<scope>|<counter>` fields); a new object the caller may change. */
export function scopeCounters(view: LiveView, bucketKeys: string[], scope: string): Counters {
  const records = bucketKeys.map((key) => scopeIndex(view.buckets[key] ?? NO_FIELDS).get(scope));
  let sums = windowSums.get(view.buckets);
  if (!sums) windowSums.set(view.buckets, (sums = new Map()));
  const id = `${bucketKeys.length}|${scope}`;
  let sum = sums.get(id);
  if (sum === undefined || !sameKeys(sum.keys, bucketKeys)) {
    // a bucket named twice counts twice: summed as named, not kept
    if (new Set(bucketKeys).size !== bucketKeys.length) return plainSum(view, bucketKeys, scope);
  }
  if (sum === undefined || !moveOn(sum, bucketKeys, records)) sums.set(id, (sum = sumOf(bucketKeys, records)));
  return { ...sum.counters };
}

function plainSum(view: LiveView, bucketKeys: string[], scope: string): Counters {
  const counters: Counters = {};
  for (const key of bucketKeys) {
    const mine = scopeIndex(view.buckets[key] ?? NO_FIELDS).get(scope);
    if (mine) for (const [name, v] of Object.entries(mine)) counters[name] = (counters[name] ?? 0) + v;
  }
  return counters;
}

/**
 * Sets counters of a bucket in place (null: the field is gone), keeping its scope index in step if it has one,
 * so a bucket of the day with thousands of fields is not indexed again for a few changes. A scope whose counters
 * change gets a new record in the index (the kept sums see which records changed).
 */
export function setBucketFields(fields: Record<string, number>, updates: Iterable<[field: string, value: number | null]>): void {
  const index = scopeIndexes.get(fields);
  const fresh = new Map<string, Record<string, number>>();
  for (const [field, value] of updates) {
    if (value === null) delete fields[field];
    // an own field is assigned (the common case, and cheaper); a new one defined (`__proto__` is a field like any)
    else if (Object.hasOwn(fields, field)) fields[field] = value;
    else Object.defineProperty(fields, field, { value, writable: true, enumerable: true, configurable: true });
    if (!index) continue;
    const bar = field.lastIndexOf('|');
    const scope = field.slice(0, bar);
    let counters = fresh.get(scope);
    if (!counters) {
      counters = { ...index.get(scope) };
      fresh.set(scope, counters);
      index.set(scope, counters);
    }
    if (value === null) delete counters[field.slice(bar + 1)];
    else counters[field.slice(bar + 1)] = value;
  }
}

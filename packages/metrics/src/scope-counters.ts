// A scope's counters summed over window buckets. A bucket hash holds the counters of every scope
// (`<scope>|<counter>`): it is indexed by scope once per bucket object, so each scope's sum reads its own
// counters only (a view that changes a bucket replaces its object, and the index with it).
import type { Counters } from './formulas.ts';
import type { LiveView } from './view.ts';

/** A bucket's counters by scope (fields are `<scope>|<counter>`; counters have no `|`), once per bucket object. */
const scopeIndexes = new WeakMap<Record<string, number>, Map<string, Record<string, number>>>();
const NO_FIELDS: Record<string, number> = {};

function scopeIndex(fields: Record<string, number>): Map<string, Record<string, number>> {
  let index = scopeIndexes.get(fields);
  if (index) return index;
  index = new Map();
  for (const [field, v] of Object.entries(fields)) {
    const bar = field.lastIndexOf('|');
    const scope = field.slice(0, bar);
    let counters = index.get(scope);
    if (!counters) index.set(scope, (counters = {}));
    counters[field.slice(bar + 1)] = v;
  }
  scopeIndexes.set(fields, index);
  return index;
}

/** One scope's counters summed over some buckets (`<scope>|<counter>` fields). */
export function scopeCounters(view: LiveView, bucketKeys: string[], scope: string): Counters {
  const counters: Counters = {};
  for (const key of bucketKeys) {
    const mine = scopeIndex(view.buckets[key] ?? NO_FIELDS).get(scope);
    if (mine) for (const [name, v] of Object.entries(mine)) counters[name] = (counters[name] ?? 0) + v;
  }
  return counters;
}

/**
 * Sets counters of a bucket in place (null: the field is gone), keeping its scope index in step if it has one,
 * so a bucket of the day with thousands of fields is not indexed again for a few changes.
 */
export function setBucketFields(fields: Record<string, number>, updates: Iterable<[field: string, value: number | null]>): void {
  const index = scopeIndexes.get(fields);
  for (const [field, value] of updates) {
    if (value === null) delete fields[field];
    // an own field is assigned (the common case, and cheaper); a new one defined (`__proto__` is a field like any)
    else if (Object.hasOwn(fields, field)) fields[field] = value;
    else Object.defineProperty(fields, field, { value, writable: true, enumerable: true, configurable: true });
    if (!index) continue;
    const bar = field.lastIndexOf('|');
    const scope = field.slice(0, bar);
    let counters = index.get(scope);
    if (!counters) index.set(scope, (counters = {}));
    if (value === null) delete counters[field.slice(bar + 1)];
    else counters[field.slice(bar + 1)] = value;
  }
}

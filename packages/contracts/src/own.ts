// Records keyed by ids and names (SPEC §1: `toString`, `constructor` or `__proto__` are ids like any
// other). A plain object inherits Object.prototype's members, so `rec[key]` finds `toString` in every
// record and `rec['__proto__'] = v` replaces the prototype instead of adding a key: read such records
// with `own` and build them with `recordOf` (or use a Map).

/** The value of `key` when it is the record's own property, else undefined (never an inherited member). */
export function own<T>(rec: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return rec != null && Object.hasOwn(rec, key) ? rec[key] : undefined;
}

/** A record of entries in which every key, `__proto__` included, is an own enumerable property. */
export function recordOf<T>(entries: Iterable<readonly [string, T]>): Record<string, T> {
  return Object.fromEntries(entries) as Record<string, T>;
}

/** Sets `key` as an own enumerable property (plain assignment of `__proto__` would set the prototype). */
export function setOwn<T>(rec: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(rec, key, { value, writable: true, enumerable: true, configurable: true });
}

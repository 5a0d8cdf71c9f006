// The arguments of apply_items.lua, encoded in this one place and documented only here. The script writes
// an item's own fields by their names in the live-state model (`ITEM_FIELDS`: `_v`, `_c`, `_s`).
//
// KEYS[1]      the facts stream (history of live changes)
// KEYS[2 ..]   the item keys, one per item, in order
// ARGV[1]      the facts of the chunk (one JSON array) or ''
// then per item: the version it was read at (the script applies nothing of the chunk if any item's `_v` differs)
// then per item: L, the number of values of its section, then the section:
//   contributions (`_c`, compact JSON) or '' when unchanged, derivation state (`_s`) or '' when unchanged,
//   expire-at (ms) or 0 for never, N, then N pairs (field, event JSON), M, then M fields to delete
// then the chunk's operations on shared keys to the end, each a tag and its operands: `x key at-ms`, and
// grouped by key, with how many values follow (at most 1000): `n key count field delta …` (counter deltas,
// added to the fields) | za key count score member … | zr key count member … | hs key count field value … |
// hd key count field …
// Returns [1] when applied, else [0, i, …]: the positions (1-based) of the items that changed meanwhile.

/** One operation on a shared key, as an item's change makes it: `n key field delta`, `x key at-ms`,
 * `za key score member`, `zr key member`, `hs key field value`, `hd key field`. */
export type Op = (string | number)[];

/** Values of one grouped operation at most (Lua's stack bounds `unpack`); even, so pairs stay whole. */
const GROUP_MAX = 1000;

/** What one item's change writes. */
export interface ItemWrite {
  /** the item's key, prefixed */
  key: string;
  /** the version the item had when it was read ('0' for a new item) */
  version: string;
  /** compact contributions to store, or null when they did not change */
  contributions: string | null;
  /** derivation state to store, or null when there is none to write */
  state: string | null;
  /** when the item's key expires (ms), 0 for never */
  expireAt: number;
  /** events to store: field, JSON */
  events: [string, string][];
  /** event fields to delete (compacted away) */
  remove: string[];
  /** the facts of the change for history, JSON, or '' */
  facts: string;
  ops: Op[];
}

/**
 * Script arguments after numKeys (which is `1 + items.length`). The items' operations on shared keys
 * are merged: counter deltas summed per field (a zero sum is not written), sorted-set and hash changes
 * grouped per key and command (items of a chunk are distinct, so are their members and fields), expiries
 * at their latest and last (a key exists only once something was written to it). A key many items touch
 * is so written once per chunk.
 */
export function applyItemsArgs(factsStream: string, items: ItemWrite[]): (string | number)[] {
  const args: (string | number)[] = [factsStream];
  for (const it of items) args.push(it.key);
  const facts = items.filter((it) => it.facts !== '').map((it) => it.facts);
  args.push(facts.length > 0 ? `[${facts.join(',')}]` : '');
  for (const it of items) args.push(it.version);
  for (const it of items) {
    args.push(5 + 2 * it.events.length + it.remove.length, it.contributions ?? '', it.state ?? '', it.expireAt, it.events.length);
    for (const [field, json] of it.events) args.push(field, json);
    args.push(it.remove.length, ...it.remove);
  }

  const counters = new Map<string, Map<string, number>>();
  const expiries = new Map<string, number>();
  /** tag → key → values */
  const grouped = new Map<string, Map<string, (string | number)[]>>();
  for (const it of items) {
    for (const op of it.ops) {
      const tag = op[0] as string;
      const key = op[1] as string;
      if (tag === 'n') {
        let fields = counters.get(key);
        if (!fields) counters.set(key, (fields = new Map<string, number>()));
        const field = op[2] as string;
        fields.set(field, (fields.get(field) ?? 0) + (op[3] as number));
      } else if (tag === 'x') {
        expiries.set(key, Math.max(expiries.get(key) ?? 0, op[2] as number));
      } else {
        let byKey = grouped.get(tag);
        if (!byKey) grouped.set(tag, (byKey = new Map()));
        let values = byKey.get(key);
        if (!values) byKey.set(key, (values = []));
        for (let i = 2; i < op.length; i++) values.push(op[i]!);
      }
    }
  }
  for (const [key, fields] of counters) {
    const values: (string | number)[] = [];
    for (const [field, delta] of fields) if (delta !== 0) values.push(field, delta);
    pushGrouped(args, 'n', key, values);
  }
  for (const [tag, byKey] of grouped) {
    for (const [key, values] of byKey) pushGrouped(args, tag, key, values);
  }
  for (const [key, at] of expiries) args.push('x', key, at);
  return args;
}

/** One grouped operation on a key, in parts of at most GROUP_MAX values (none when there are no values). */
function pushGrouped(args: (string | number)[], tag: string, key: string, values: (string | number)[]): void {
  for (let i = 0; i < values.length; i += GROUP_MAX) {
    const n = Math.min(GROUP_MAX, values.length - i);
    args.push(tag, key, n);
    for (let j = i; j < i + n; j++) args.push(values[j]!);
  }
}

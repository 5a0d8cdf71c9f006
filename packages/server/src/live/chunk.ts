// The arguments of one apply_items.lua call for a chunk of items: each item's own writes, the chunk's
// facts as one stream entry, and the items' operations on shared keys merged (counter deltas summed per
// field, expiries taken at their latest), so a counter many items touch is written once per chunk.
import type { Op } from './diff.ts';

export interface ChunkItem {
  key: string;
  /** the version the item had when it was read */
  version: string;
  /** `_c` JSON, expire-at, N, N pairs (id, JSON), M, M ids to delete */
  section: (string | number)[];
  /** the facts of the change, JSON, or '' */
  facts: string;
  ops: Op[];
}

/** Script arguments after numKeys: the facts stream, the item keys, then ARGV as apply_items.lua reads it. */
export function chunkArgs(factsStream: string, items: ChunkItem[]): (string | number)[] {
  const args: (string | number)[] = [factsStream];
  for (const it of items) args.push(it.key);
  const facts = items.filter((it) => it.facts !== '').map((it) => it.facts);
  args.push(facts.length > 0 ? `[${facts.join(',')}]` : '');
  for (const it of items) args.push(it.version);
  for (const it of items) args.push(it.section.length, ...it.section);

  const counters = new Map<string, Map<string, number>>();
  const expiries = new Map<string, number>();
  const members: Op[] = [];
  for (const it of items) {
    for (const op of it.ops) {
      if (op[0] === 'n') {
        const fields = counters.get(op[1] as string) ?? new Map<string, number>();
        counters.set(op[1] as string, fields);
        fields.set(op[2] as string, (fields.get(op[2] as string) ?? 0) + (op[3] as number));
      } else if (op[0] === 'x') {
        expiries.set(op[1] as string, Math.max(expiries.get(op[1] as string) ?? 0, op[2] as number));
      } else {
        members.push(op);
      }
    }
  }
  for (const [key, fields] of counters) {
    for (const [field, delta] of fields) if (delta !== 0) args.push('n', key, field, delta);
  }
  for (const op of members) args.push(...op);
  // expiries last: a key only exists once something was written to it
  for (const [key, at] of expiries) args.push('x', key, at);
  return args;
}

// A contribution is what one item (a chat, a ticket, an agent) adds to the shared live state.
// An item's contributions are derived from all of its events at once, so the live state is the sum of
// every item's current contributions, whatever order the events arrived in. Keys are relative to the
// live-state prefix; the applier diffs an item's old and new contributions and applies the difference.
export type Contribution =
  /** add `d` to a counter field of a hash (bucket), e.g. answered chats in a minute */
  | { k: 'n'; key: string; field: string; d: number; expireAt?: number }
  /** membership of a sorted set with a score, e.g. a waiting chat scored by the start of its wait;
   * `expireAt` only for a set that belongs to one time bucket, since it expires the whole set */
  | { k: 'z'; key: string; m: string; s: number; expireAt?: number }
  /** a field of a hash holding a value, e.g. an agent's current state */
  | { k: 'h'; key: string; field: string; v: string };

export function contributionId(c: Contribution): string {
  return c.k === 'n' ? `n\u0000${c.key}\u0000${c.field}` : `${c.k}\u0000${c.key}\u0000${c.k === 'z' ? c.m : c.field}`;
}

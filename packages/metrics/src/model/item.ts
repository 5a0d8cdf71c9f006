// An item's hash in the live state (`it:<kind>:<id>`): its events, one field each, and its own fields.
import type { ItemKind, ItemRef } from '../items/item.ts';

const ITEM = 'it:';
const KINDS: readonly ItemKind[] = ['chat', 'ticket', 'agent'];

export const itemKey = (ref: ItemRef): string => `${ITEM}${ref.kind}:${ref.id}`;
/** The item's name in history rows (`metric_deltas.item`): `<kind>:<id>`. */
export const itemName = (ref: ItemRef): string => `${ref.kind}:${ref.id}`;

export function parseItemKey(key: string): ItemRef {
  const colon = key.indexOf(':', ITEM.length);
  const kind = key.slice(ITEM.length, colon) as ItemKind;
  if (!key.startsWith(ITEM) || colon < 0 || !KINDS.includes(kind) || colon === key.length - 1) {
    throw new Error(`not an item key: ${JSON.stringify(key)}`);
  }
  return { kind, id: key.slice(colon + 1) };
}

/** The item hash's own fields: its version, its contributions (compact, contribution-codec.ts), its derivation state. */
export const ITEM_FIELDS = { version: '_v', contributions: '_c', state: '_s' } as const;

/** The hash field of an event: its id, with one more `_` in front of an id that starts with `_`, so that no
 * id (`_v`, `_c` are ids like any other) lands on the item's own fields. */
export const eventField = (id: string): string => (id.startsWith('_') ? `_${id}` : id);
/** The event id a field holds, or null for the item's own fields. */
export const eventIdOf = (field: string): string | null =>
  field === ITEM_FIELDS.version || field === ITEM_FIELDS.contributions || field === ITEM_FIELDS.state ? null : field.startsWith('__') ? field.slice(1) : field;

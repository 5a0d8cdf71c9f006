// Reads back the stored events of chats and tickets from history (pulse.events), for the live applier:
// a late event (a rating, a reopen, a reply) for an item that has left live state is applied on top of
// what the item was, not on nothing.
import type { ClickHouseClient } from '@clickhouse/client';
import type { PulseEvent } from '@pulse/contracts';
import { itemKey, itemOf, type ItemRef } from '@pulse/metrics';
import { sql } from './sql.ts';

export interface StoredEvent {
  event: PulseEvent;
  /** when it was received (ms): events received after a late one were not applied before it */
  receivedAt: number;
}

export type ItemEventsReader = (refs: ItemRef[]) => Promise<Map<string, StoredEvent[]>>;

/** A reader of items' stored events, keyed by `itemKey(ref)`. */
export function itemEventsReader(client: ClickHouseClient): ItemEventsReader {
  return async (refs) => {
    const out = new Map<string, StoredEvent[]>();
    if (refs.length === 0) return out;
    const rs = await client.query({
      query: sql('item_events'),
      query_params: {
        tickets: refs.filter((r) => r.kind === 'ticket').map((r) => r.id),
        chats: refs.filter((r) => r.kind === 'chat').map((r) => r.id),
      },
      format: 'JSONEachRow',
    });
    const wanted = new Set(refs.map(itemKey));
    for (const row of await rs.json<{ payload: string; received_ms: number | string }>()) {
      const event = JSON.parse(row.payload) as PulseEvent;
      const key = itemKey(itemOf(event));
      if (!wanted.has(key)) continue;
      const list = out.get(key) ?? [];
      list.push({ event, receivedAt: Number(row.received_ms) });
      out.set(key, list);
    }
    return out;
  };
}

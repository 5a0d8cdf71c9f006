// The history consumer of the facts stream: each batch of live changes becomes rows of metric_deltas,
// metric_values and items, each insert with a dedup token derived from the batch.
import { insertOnce } from './insert.ts';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Facts } from '../live/facts.ts';
import type { StreamEntry } from '../stream/consumer.ts';
import { dedupToken } from './writer.ts';

const MINUTE = 60_000;

export interface FactRows {
  deltas: Record<string, unknown>[];
  values: Record<string, unknown>[];
  items: Record<string, unknown>[];
}

/** The rows of metric_deltas, metric_values and items that a list of facts makes. */
export function factRows(list: Iterable<Facts>): FactRows {
  const rows: FactRows = { deltas: [], values: [], items: [] };
  for (const f of list) {
    f.d.forEach(([minute, scope, counter, delta], idx) => {
      rows.deltas.push({ item: f.item, version: f.v, idx, minute: (minute * MINUTE) / 1000, scope, counter, delta });
    });
    f.s.forEach(([name, scope, member, value, sign, minute], idx) => {
      rows.values.push({ item: f.item, version: f.v, idx, minute: (minute * MINUTE) / 1000, scope, name, member, value, sign });
    });
    if (f.sum) {
      const s = f.sum;
      rows.items.push({
        ...s,
        version: f.v,
        queue: s.queue ?? '',
        channel: s.channel ?? '',
        agent_id: s.agent_id ?? '',
        priority: s.priority ?? '',
        tier: s.tier ?? '',
        csat: s.csat ?? '',
        reopened: s.reopened ? 1 : 0,
        abandoned: s.abandoned ? 1 : 0,
      });
    }
  }
  return rows;
}

/** Inserts fact rows, each table's insert deduplicated by `token`. */
export async function insertFactRows(client: ClickHouseClient, rows: FactRows, token: string): Promise<void> {
  const insert = (table: string, values: Record<string, unknown>[]) => insertOnce(client, table, values, `${table}:${token}`);
  await insert('pulse.metric_deltas', rows.deltas);
  await insert('pulse.metric_values', rows.values);
  await insert('pulse.items', rows.items);
}

export class FactsWriter {
  constructor(private readonly client: ClickHouseClient) {}

  handle = async (entries: StreamEntry[]): Promise<void> => {
    // an entry holds the facts of one chunk of items (a JSON array; one object in entries of older versions)
    const facts = entries.filter((e) => e.fields.f).flatMap((e) => JSON.parse(e.fields.f) as Facts | Facts[]);
    await insertFactRows(this.client, factRows(facts), dedupToken(entries));
  };
}

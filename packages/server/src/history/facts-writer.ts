// The history consumer of the facts stream: each batch of live changes becomes rows of metric_deltas,
// metric_values and items, each insert with a dedup token derived from the batch.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Facts } from '../live/facts.ts';
import type { StreamEntry } from '../stream/consumer.ts';
import { dedupToken } from './writer.ts';

const MINUTE = 60_000;

export class FactsWriter {
  constructor(private readonly client: ClickHouseClient) {}

  handle = async (entries: StreamEntry[]): Promise<void> => {
    const deltas: Record<string, unknown>[] = [];
    const values: Record<string, unknown>[] = [];
    const items: Record<string, unknown>[] = [];
    for (const e of entries) {
      if (!e.fields.f) continue;
      const f = JSON.parse(e.fields.f) as Facts;
      f.d.forEach(([minute, scope, counter, delta], idx) => {
        deltas.push({ item: f.item, version: f.v, idx, minute: (minute * MINUTE) / 1000, scope, counter, delta });
      });
      f.s.forEach(([name, scope, member, value, sign, minute], idx) => {
        values.push({ item: f.item, version: f.v, idx, minute: (minute * MINUTE) / 1000, scope, name, member, value, sign });
      });
      if (f.sum) {
        const s = f.sum;
        items.push({
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
    const token = dedupToken(entries);
    const insert = (table: string, rows: Record<string, unknown>[]) =>
      rows.length === 0
        ? Promise.resolve()
        : this.client.insert({
            table,
            values: rows,
            format: 'JSONEachRow',
            clickhouse_settings: {
              insert_deduplicate: 1,
              insert_deduplication_token: `${table}:${token}`,
              deduplicate_blocks_in_dependent_materialized_views: 1,
            },
          });
    await insert('pulse.metric_deltas', deltas);
    await insert('pulse.metric_values', values);
    await insert('pulse.items', items);
  };
}

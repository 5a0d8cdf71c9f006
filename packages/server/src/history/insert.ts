// The one way history is written: JSON rows in one insert whose dedup token makes a retried insert a
// no-op (also in the materialized views it feeds). Empty inserts are skipped.
import type { ClickHouseClient } from '@clickhouse/client';

export async function insertOnce(client: ClickHouseClient, table: string, rows: Record<string, unknown>[] | object[], token: string): Promise<void> {
  if (rows.length === 0) return;
  await client.insert({
    table,
    values: rows,
    format: 'JSONEachRow',
    clickhouse_settings: {
      insert_deduplicate: 1,
      insert_deduplication_token: token,
      deduplicate_blocks_in_dependent_materialized_views: 1,
    },
  });
}

// The one way history is written: JSON rows in inserts whose dedup tokens make a retried insert a no-op
// (also in the materialized views they feed). Rows are grouped so that one insert touches at most
// `maxPartitions` month partitions (partitions.ts); with several groups, group k has the token
// `<token>:<k>`. With dead letters, rows ClickHouse refuses for what they hold are found (salvage.ts)
// and kept in pulse.dead_letters, and the rest is written; without, a refused insert throws. Empty
// inserts are skipped.
import type { ClickHouseClient } from '@clickhouse/client';
import { rowStream } from '../loop/turns.ts';
import type { DeadLetters } from './dead-letters.ts';
import { DEFAULT_MAX_PARTITIONS, partitionGroups } from './partitions.ts';
import { salvage, type Refused } from './salvage.ts';

export interface InsertOptions {
  /** month partitions one insert may touch (ClickHouse's max_partitions_per_insert_block is 100 by default) */
  maxPartitions?: number;
  /** where refused rows go; without it a refused insert throws (and is retried by its consumer) */
  deadLetters?: DeadLetters | null;
  /** the stream entry ids each row came from (parallel to the rows), kept with a dead letter */
  sources?: readonly (readonly string[])[];
}

export interface InsertResult {
  written: number;
  deadLettered: number;
}

async function insertBlock(client: ClickHouseClient, table: string, rows: object[], token: string): Promise<void> {
  await client.insert({
    table,
    // encoded a slice a turn (an array would be encoded in one synchronous pass)
    values: rowStream(rows),
    format: 'JSONEachRow',
    clickhouse_settings: {
      insert_deduplicate: 1,
      insert_deduplication_token: token,
      deduplicate_blocks_in_dependent_materialized_views: 1,
    },
  });
}

export async function insertOnce(
  client: ClickHouseClient,
  table: string,
  rows: Record<string, unknown>[] | object[],
  token: string,
  opts: InsertOptions = {},
): Promise<InsertResult> {
  if (rows.length === 0) return { written: 0, deadLettered: 0 };
  const groups = partitionGroups(table, rows, opts.maxPartitions ?? DEFAULT_MAX_PARTITIONS);
  const attempt = (indexes: number[], tok: string) =>
    // partitionGroups and salvage hand back indexes of rows
    insertBlock(client, table, indexes.length === rows.length ? rows : indexes.map((i) => rows[i]!), tok);
  const isUp = () =>
    client.ping().then(
      (p) => p.success,
      () => false,
    );
  const refused: Refused[] = [];
  for (const [k, group] of groups.entries()) {
    const tok = groups.length === 1 ? token : `${token}:${k}`;
    if (opts.deadLetters) refused.push(...(await salvage(group, tok, attempt, isUp)));
    else await attempt(group, tok);
  }
  if (refused.length > 0) {
    const letters = refused.map((r) => ({ row: rows[r.index]!, error: r.error, entryIds: opts.sources?.[r.index] ?? [] }));
    await opts.deadLetters!.write(table, letters, token);
  }
  return { written: rows.length - refused.length, deadLettered: refused.length };
}

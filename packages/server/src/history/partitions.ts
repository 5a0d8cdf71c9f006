// The month partitions an insert touches. Every table but items is PARTITION BY toYYYYMM(<column>)
// (packages/server/migrations), and ClickHouse refuses an insert block spanning more partitions than
// max_partitions_per_insert_block (100 by default), so rows are grouped to touch at most a bound each.

/** The partition column of each table, and its unit as written (epoch milliseconds or seconds). */
export const PARTITION_COLUMNS: Record<string, { column: string; unit: 'ms' | 's' }> = {
  'pulse.events': { column: 'ts', unit: 'ms' },
  'pulse.alert_changes': { column: 'at', unit: 'ms' },
  'pulse.metric_deltas': { column: 'minute', unit: 's' },
  'pulse.metric_values': { column: 'minute', unit: 's' },
  'pulse.dead_letters': { column: 'at', unit: 'ms' },
};

/** Partitions an insert may touch unless configured (clickhouse.maxPartitionsPerInsert). */
export const DEFAULT_MAX_PARTITIONS = 50;

/** The UTC month (YYYYMM) of a value of a partition column, or -1 when it is not a time. */
function monthOf(value: unknown, unit: 'ms' | 's'): number {
  const ms = typeof value === 'number' ? (unit === 's' ? value * 1000 : value) : typeof value === 'string' ? Date.parse(value) : NaN;
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? -1 : d.getUTCFullYear() * 100 + d.getUTCMonth() + 1;
}

/**
 * Splits rows into groups (lists of row indexes, in row order) that each touch at most `max` month
 * partitions of `table`: months in ascending order, `max` months a group. Deterministic: the same rows
 * give the same groups, so a retried batch gives the same inserts. A table without a partition key, or
 * rows within the bound, give one group.
 */
export function partitionGroups(table: string, rows: readonly object[], max: number): number[][] {
  const key = PARTITION_COLUMNS[table];
  const all = () => [rows.map((_, i) => i)];
  if (!key || rows.length === 0) return all();
  const months = rows.map((r) => monthOf((r as Record<string, unknown>)[key.column], key.unit));
  const distinct = [...new Set(months)].sort((a, b) => a - b);
  if (distinct.length <= max) return all();
  const groupOf = new Map(distinct.map((m, i) => [m, Math.floor(i / Math.max(1, max))]));
  const groups: number[][] = Array.from({ length: Math.ceil(distinct.length / Math.max(1, max)) }, () => []);
  // every month has a group below groups.length
  months.forEach((m, i) => groups[groupOf.get(m)!]!.push(i));
  return groups;
}

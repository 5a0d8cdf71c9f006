// The migrations for a ClickHouse cluster, derived from the single-node ones so the two never drift:
// each table becomes a Replicated*MergeTree `<name>_local` on every shard plus a Distributed `<name>`
// over them (sharded so that rows of one event, item or alert land on one shard, which keeps
// ReplacingMergeTree folding and FINAL correct); materialized views run on each shard's local tables.
import type { Migration } from './migrate.ts';

/** Sharding keys: the identity that ReplacingMergeTree folds on. Rollups are written by local views. */
export const SHARDING: Record<string, string> = {
  events: 'cityHash64(id)',
  alert_changes: 'cityHash64(alert_id)',
  metric_deltas: 'cityHash64(item)',
  metric_values: 'cityHash64(item)',
  metric_minute: 'rand()',
  items: 'cityHash64(id)',
  dead_letters: 'cityHash64(id)',
};

const TABLE = /^CREATE TABLE IF NOT EXISTS pulse\.(\w+)\s*(\([\s\S]*\))\s*ENGINE = (\w+)(?:\(([^)]*)\))?\s*([\s\S]*)$/;
const VIEW = /^CREATE MATERIALIZED VIEW IF NOT EXISTS pulse\.(\w+) TO pulse\.(\w+) AS\s+([\s\S]*)FROM pulse\.(\w+)([\s\S]*)$/;

export function clusterStatements(statement: string, cluster: string): string[] {
  const on = `ON CLUSTER '${cluster}'`;
  const t = TABLE.exec(statement);
  if (t) {
    const [, name, columns, engine, args, rest] = t;
    const sharding = name === undefined ? undefined : SHARDING[name];
    if (!sharding) throw new Error(`cluster migrations: no sharding key for table pulse.${name}`);
    const replicatedArgs = [`'/clickhouse/tables/{shard}/pulse/${name}_local'`, `'{replica}'`, ...(args ? [args] : [])].join(', ');
    const settings = (rest ?? '').replace(/non_replicated_deduplication_window/g, 'replicated_deduplication_window');
    return [
      `CREATE TABLE IF NOT EXISTS pulse.${name}_local ${on}\n${columns}\nENGINE = Replicated${engine}(${replicatedArgs})\n${settings}`.trim(),
      `CREATE TABLE IF NOT EXISTS pulse.${name} ${on} AS pulse.${name}_local\nENGINE = Distributed('${cluster}', 'pulse', '${name}_local', ${sharding})`,
    ];
  }
  const v = VIEW.exec(statement);
  if (v) {
    const [, view, target, select, source, rest] = v;
    return [`CREATE MATERIALIZED VIEW IF NOT EXISTS pulse.${view} ${on} TO pulse.${target}_local AS ${select}FROM pulse.${source}_local${rest}`.trim()];
  }
  throw new Error(`cluster migrations: cannot derive a cluster form of: ${statement.slice(0, 80)}`);
}

export function clusterMigrations(migrations: Migration[], cluster: string): Migration[] {
  return migrations.map((m) => ({ ...m, statements: m.statements.flatMap((s) => clusterStatements(s, cluster)) }));
}

/** The whole cluster DDL as one file (infra/clickhouse/cluster/pulse-cluster.sql). */
export function clusterSql(migrations: Migration[], cluster = '{cluster}'): string {
  const header = [
    '-- Generated from packages/server/migrations by scripts/cluster-sql.ts: do not edit by hand.',
    '-- Replicated tables on every shard plus Distributed tables over them. Needs Keeper and the',
    '-- macros {shard} and {replica}; set clickhouse.cluster (CLICKHOUSE_CLUSTER) and the server applies it.',
    `CREATE DATABASE IF NOT EXISTS pulse ON CLUSTER '${cluster}';`,
  ];
  const body = clusterMigrations(migrations, cluster).flatMap((m) => [`\n-- ${m.name}`, ...m.statements.map((s) => `${s};`)]);
  return `${[...header, ...body].join('\n')}\n`;
}

// The ClickHouse cluster migrations: derived from the single-node ones (no drift), every table Replicated
// on the shards with a Distributed table over it, views on local tables — and the DDL applies: its
// single-node rendering (no Keeper here) runs on chDB and the views fill the local rollups.
import { readFileSync } from 'node:fs';
import { createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { afterAll, describe, expect, it } from 'vitest';
import { readMigrations, splitStatements } from '../../packages/server/src/history/migrate.ts';
import { clusterSql, SHARDING } from '../../packages/server/src/history/cluster.ts';
import { tmpFolder } from '../support/tmp.ts';

const file = new URL('../../infra/clickhouse/cluster/pulse-cluster.sql', import.meta.url);
const text = readFileSync(file, 'utf8');
const statements = splitStatements(text);
const folder = tmpFolder('cluster');
afterAll(() => folder.remove());

describe('cluster migrations', () => {
  it('are exactly what the single-node migrations give (run scripts/cluster-sql.ts after adding one)', () => {
    expect(text).toBe(clusterSql(readMigrations()));
  });

  it('make every table Replicated on each shard with a Distributed table over it, sharded by its identity', () => {
    const tables = readMigrations()
      .flatMap((m) => m.statements)
      .flatMap((s) => /^CREATE TABLE IF NOT EXISTS pulse\.(\w+)/.exec(s)?.[1] ?? []);
    expect(tables.sort()).toEqual(Object.keys(SHARDING).sort());
    for (const t of tables) {
      const local = statements.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS pulse.${t}_local ON CLUSTER '{cluster}'`));
      expect(local, t).toMatch(new RegExp(`ENGINE = Replicated\\w*MergeTree\\('/clickhouse/tables/\\{shard\\}/pulse/${t}_local', '\\{replica\\}'`));
      expect(local, t).not.toContain('non_replicated_deduplication_window');
      const dist = statements.find((s) => s.startsWith(`CREATE TABLE IF NOT EXISTS pulse.${t} ON CLUSTER`));
      expect(dist, t).toBe(
        `CREATE TABLE IF NOT EXISTS pulse.${t} ON CLUSTER '{cluster}' AS pulse.${t}_local\nENGINE = Distributed('{cluster}', 'pulse', '${t}_local', ${SHARDING[t]})`,
      );
    }
    const views = statements.filter((s) => s.startsWith('CREATE MATERIALIZED VIEW'));
    expect(views).toEqual([
      "CREATE MATERIALIZED VIEW IF NOT EXISTS pulse.metric_minute_mv ON CLUSTER '{cluster}' TO pulse.metric_minute_local AS SELECT scope, counter, minute, delta AS value FROM pulse.metric_deltas_local",
    ]);
  });

  it('applies on ClickHouse in its single-node rendering, and the local view fills the rollup', async () => {
    const client = createClient({ connection: createChdbConnection({ path: folder.path }) as never });
    const single = statements.map((s) =>
      s
        .replace(/ ON CLUSTER '\{cluster\}'/g, '')
        .replace(/Replicated(\w+)\('[^']*', '\{replica\}'(?:, ([^)]*))?\)/, (_m, engine: string, args?: string) => `${engine}(${args ?? ''})`)
        .replace(/ENGINE = Distributed\('\{cluster\}', 'pulse', '(\w+)', [^)]*\)\)?/, (_m, local: string) => `ENGINE = Merge('pulse', '^${local}$')`),
    );
    for (const s of single) await client.command({ query: s });
    await client.insert({
      table: 'pulse.metric_deltas_local',
      values: [
        { item: 'chat:a', version: 1, idx: 0, minute: 1_767_607_200, scope: 'all', counter: 'answered', delta: 1 },
        { item: 'chat:b', version: 1, idx: 0, minute: 1_767_607_200, scope: 'all', counter: 'answered', delta: 2 },
      ],
      format: 'JSONEachRow',
    });
    const rs = await client.query({ query: "SELECT toInt64(sum(value)) AS n FROM pulse.metric_minute WHERE counter = 'answered'", format: 'JSONEachRow' });
    expect(Number((await rs.json<{ n: number }>())[0]?.n)).toBe(3);
    await client.close();
  });
});

// Writes infra/clickhouse/cluster/pulse-cluster.sql from the single-node migrations.
import { writeFileSync } from 'node:fs';
import { readMigrations } from '../packages/server/src/history/migrate.ts';
import { clusterSql } from '../packages/server/src/history/cluster.ts';

const out = new URL('../infra/clickhouse/cluster/pulse-cluster.sql', import.meta.url);
writeFileSync(out, clusterSql(readMigrations()));
process.stdout.write(`wrote ${out.pathname}\n`);

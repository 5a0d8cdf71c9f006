// Applies the SQL migrations under packages/server/migrations (shipped with the package) in order,
// recording each one applied.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { sql } from './sql.ts';
import { clusterMigrations } from './cluster.ts';

export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

export interface Migration {
  version: string;
  name: string;
  statements: string[];
  checksum: string;
}

/** Splits a file into statements at semicolons that end a line; `--` comments are dropped. */
export function splitStatements(text: string): string[] {
  const withoutComments = text
    .split('\n')
    .filter((l) => !l.trim().startsWith('--'))
    .join('\n');
  return withoutComments
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_.+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      return {
        version: file.slice(0, 4),
        name: file.replace(/\.sql$/, ''),
        statements: splitStatements(text),
        checksum: createHash('sha256').update(text).digest('hex'),
      };
    });
}

export async function migrate(client: ClickHouseClient, log: Logger, dir = MIGRATIONS_DIR, cluster?: string): Promise<string[]> {
  await client.command({ query: cluster ? `CREATE DATABASE IF NOT EXISTS pulse ON CLUSTER '${cluster}'` : 'CREATE DATABASE IF NOT EXISTS pulse' });
  await client.command({ query: sql('migrations_table') });
  const rs = await client.query({ query: sql('applied_migrations'), format: 'JSONEachRow' });
  const applied = new Map((await rs.json<{ version: string; checksum: string }>()).map((r) => [r.version, r.checksum]));
  const done: string[] = [];
  const migrations = cluster ? clusterMigrations(readMigrations(dir), cluster) : readMigrations(dir);
  for (const m of migrations) {
    const prior = applied.get(m.version);
    if (prior !== undefined) {
      if (prior !== m.checksum) log.warn({ migration: m.name }, 'an applied migration was edited; add a new one instead');
      continue;
    }
    for (const statement of m.statements) await client.command({ query: statement });
    await client.insert({
      table: 'pulse.schema_migrations',
      values: [{ version: m.version, name: m.name, checksum: m.checksum }],
      format: 'JSONEachRow',
    });
    log.info({ migration: m.name }, 'applied migration');
    done.push(m.name);
  }
  return done;
}

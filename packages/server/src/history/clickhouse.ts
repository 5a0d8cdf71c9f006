// The ClickHouse client: a server when a URL is configured, else embedded chDB under the data folder.
// Both go through @clickhouse/client, so the SQL is the same.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { Config } from '../config/schema.ts';

export async function createHistoryClient(config: Config): Promise<{ client: ClickHouseClient; kind: 'server' | 'chdb' }> {
  if (config.clickhouse.url) {
    const client = createClient({
      url: config.clickhouse.url,
      username: config.clickhouse.username,
      password: config.clickhouse.password,
      request_timeout: 30_000,
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
    });
    return { client, kind: 'server' };
  }
  const path = resolve(config.dataDir, 'clickhouse');
  mkdirSync(path, { recursive: true });
  const { createChdbConnection } = await import('chdb/connection');
  return { client: createClient({ connection: createChdbConnection({ path }) as never }), kind: 'chdb' };
}

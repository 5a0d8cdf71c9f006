// The ClickHouse client: a server when a URL is configured, else embedded chDB under the data folder.
// Both go through @clickhouse/client, so the SQL is the same. chDB is an optional dependency, loaded
// only when no URL is set (a server-mode install leaves it out); a server's version is checked first.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import { StartupError } from '../startup-error.ts';
import { clientLog } from './client-log.ts';
import { checkServerVersion } from './server-version.ts';

export async function createHistoryClient(config: Config, log?: Logger): Promise<{ client: ClickHouseClient; kind: 'server' | 'chdb'; version: string }> {
  if (config.clickhouse.url) {
    const client = createClient({
      url: config.clickhouse.url,
      username: config.clickhouse.username,
      password: config.clickhouse.password,
      request_timeout: 30_000,
      clickhouse_settings: { output_format_json_quote_64bit_integers: 0 },
      log: clientLog(log),
    });
    const where = new URL(config.clickhouse.url).origin;
    try {
      return { client, kind: 'server', version: await checkServerVersion(client, where) };
    } catch (e) {
      await client.close();
      throw e;
    }
  }
  const path = resolve(config.dataDir, 'clickhouse');
  mkdirSync(path, { recursive: true });
  const client = createClient({ connection: (await loadChdb()).createChdbConnection({ path }) as never, log: clientLog(log) });
  return { client, kind: 'chdb', version: await checkServerVersion(client, 'chDB') };
}

async function loadChdb(): Promise<typeof import('chdb/connection')> {
  try {
    return await import('chdb/connection');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ERR_MODULE_NOT_FOUND' && /'chdb(\/connection)?'/.test(err.message)) {
      throw new StartupError('embedded ClickHouse (the optional package chdb) is not installed: set CLICKHOUSE_URL to a ClickHouse server, or install chdb');
    }
    throw e;
  }
}

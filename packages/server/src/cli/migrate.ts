// `pulse-server migrate`: apply the migrations shipped with the package to the configured ClickHouse
// (a server at CLICKHOUSE_URL, else embedded chDB), after the version check; print what was applied.
import { loadConfig } from '../config/load.ts';
import { createHistoryClient } from '../history/clickhouse.ts';
import { migrate, readMigrations } from '../history/migrate.ts';
import { EXIT, fail } from './fail.ts';
import { processLogger } from './logger.ts';

export async function migrateCommand(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(env);
  } catch (e) {
    fail(e, null, 'invalid configuration');
  }
  const log = processLogger(config.logLevel, 'stderr');
  let h: Awaited<ReturnType<typeof createHistoryClient>>;
  try {
    h = await createHistoryClient(config, log);
  } catch (e) {
    fail(e, log, 'could not open ClickHouse');
  }
  try {
    const applied = await migrate(h.client, log, undefined, config.clickhouse.cluster);
    const total = readMigrations().length;
    const where = h.kind === 'server' ? `ClickHouse ${h.version}` : `chDB (ClickHouse ${h.version})`;
    process.stdout.write(
      applied.length > 0
        ? `${where}: applied ${applied.length} of ${total} migrations: ${applied.join(', ')}\n`
        : `${where}: the schema is up to date (${total} migrations)\n`,
    );
    return EXIT.ok;
  } catch (e) {
    fail(e, log, 'migration failed');
  } finally {
    await h.client.close();
  }
}

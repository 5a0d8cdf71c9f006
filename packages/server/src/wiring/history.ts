// Opens the history store for an instance that runs the history worker: the ClickHouse client (migrated to
// the current schema) and the writers its stream consumers hand batches to. Called once at start.
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { AlertHistoryWriter } from '../alerts/history.ts';
import type { Config } from '../config/schema.ts';
import { createHistoryClient } from '../history/clickhouse.ts';
import { DeadLetters } from '../history/dead-letters.ts';
import { FactsWriter } from '../history/facts-writer.ts';
import { migrate } from '../history/migrate.ts';
import { HistoryWriter } from '../history/writer.ts';

export interface HistoryParts {
  client: ClickHouseClient;
  /** rows ClickHouse refused, kept */
  deadLetters: DeadLetters;
  events: HistoryWriter;
  alertChanges: AlertHistoryWriter;
  facts: FactsWriter;
}

/** The history store, or null when this instance runs no history worker. */
export async function openHistory(config: Config, log: Logger): Promise<HistoryParts | null> {
  if (!config.workers.history) return null;
  const h = await createHistoryClient(config, log);
  const client = h.client;
  await migrate(client, log, undefined, config.clickhouse.cluster);
  const deadLetters = new DeadLetters(client, log.child({ part: 'dead-letters' }));
  const inserts = { maxPartitions: config.clickhouse.maxPartitionsPerInsert, deadLetters };
  log.info({ clickhouse: h.kind, version: h.version }, 'history store ready');
  return {
    client,
    deadLetters,
    events: new HistoryWriter(client, inserts),
    alertChanges: new AlertHistoryWriter(client, inserts),
    facts: new FactsWriter(client, inserts),
  };
}

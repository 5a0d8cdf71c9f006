// The ClickHouse version check at start: the schema (packages/server/migrations) and the history queries
// need at least MIN_CLICKHOUSE_VERSION, the oldest LTS release still supported upstream; CI runs the
// server-mode tests on it and on the version docker-compose.yml pins (.github/workflows/server-mode.yml).
// An older server stops the start with one line naming both versions; one that does not answer, too.
import type { ClickHouseClient } from '@clickhouse/client';
import { StartupError } from '../startup-error.ts';

export const MIN_CLICKHOUSE_VERSION = '25.8';

/** Whether version `v` (e.g. 26.7.5.10) is at least `min` (e.g. 25.8), comparing numerically part by part. */
export function atLeast(v: string, min: string): boolean {
  const a = v.split('.').map((x) => parseInt(x, 10));
  const b = min.split('.').map((x) => parseInt(x, 10));
  for (const [i, y] of b.entries()) {
    const ai = a[i];
    const x = ai === undefined || Number.isNaN(ai) ? 0 : ai;
    if (x !== y) return x > y;
  }
  return true;
}

/** Reads the server's version; throws a StartupError when it is too old or does not answer. */
export async function checkServerVersion(client: ClickHouseClient, where: string): Promise<string> {
  let version: string;
  try {
    const rs = await client.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' });
    version = String((await rs.json<{ v: string }>())[0]?.v ?? '');
  } catch (e) {
    throw new StartupError(`ClickHouse at ${where} did not answer: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!atLeast(version, MIN_CLICKHOUSE_VERSION)) {
    throw new StartupError(
      `ClickHouse ${version} at ${where} is older than ${MIN_CLICKHOUSE_VERSION}, the oldest version Pulse supports: upgrade the server (docker-compose.yml pins a tested one)`,
    );
  }
  return version;
}

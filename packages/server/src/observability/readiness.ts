// Readiness, split by part (docs/operations.md, "Readiness"): ingest and the live view need Redis (live
// also its consumer); history needs ClickHouse and its consumers. Only ingest and live decide whether the
// instance is ready: a history outage marks history degraded (status `degraded`, still 200), since
// events keep being accepted and shown, and history catches up from the stream once ClickHouse is back.
import type { ReadinessReply } from '@pulse/contracts';

/** How long the ClickHouse check may take: within /readyz's own deadline (READY_DEADLINE_MS), beside Redis's. */
export const CLICKHOUSE_CHECK_MS = 500;

export interface ReadinessInputs {
  /** `ok`, or why Redis cannot be used */
  redis: () => Promise<string>;
  /** `ok`, or why ClickHouse cannot be used; null when this instance runs no history worker */
  clickhouse: (() => Promise<string>) | null;
  /** the stream consumers: `history` ones count for history, the others for live */
  consumers: { name: string; lastError: string | null }[];
}

export type Readiness = ReadinessReply & { ok: boolean };

/** Resolves within `ms` with `check`'s answer, or with a message saying it did not answer. */
export async function within(check: () => Promise<string>, ms: number, what: string): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((r) => (timer = setTimeout(() => r(`${what} did not answer within ${ms} ms`), ms)));
  try {
    return await Promise.race([check().catch((e: Error) => e.message), late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function readiness(inputs: ReadinessInputs): Promise<Readiness> {
  const checks: Record<string, string> = {};
  const [redis, clickhouse] = await Promise.all([
    inputs.redis(),
    inputs.clickhouse ? within(inputs.clickhouse, CLICKHOUSE_CHECK_MS, 'ClickHouse') : Promise.resolve(null),
  ]);
  checks.redis = redis;
  if (clickhouse !== null) checks.clickhouse = clickhouse;
  const failing = inputs.consumers.filter((c) => c.lastError !== null);
  for (const c of failing) checks[`consumer ${c.name}`] = c.lastError!;

  const isHistory = (c: { name: string }) => c.name.startsWith('history ');
  const liveFailure = failing.find((c) => !isHistory(c));
  const historyFailure = failing.find(isHistory);
  const ingest = redis === 'ok' ? 'ready' : `unavailable: redis ${redis}`;
  const live = redis !== 'ok' ? `unavailable: redis ${redis}` : liveFailure ? `unavailable: consumer ${liveFailure.name}: ${liveFailure.lastError}` : 'ready';
  const history =
    clickhouse === null
      ? 'disabled'
      : clickhouse !== 'ok'
        ? `degraded: clickhouse ${clickhouse}`
        : historyFailure
          ? `degraded: consumer ${historyFailure.name}: ${historyFailure.lastError}`
          : 'ready';
  const ok = ingest === 'ready' && live === 'ready';
  const status = !ok ? 'not ready' : history.startsWith('degraded') ? 'degraded' : 'ready';
  return { ok, status, parts: { ingest, live, history }, checks };
}

// Server mode against a real ClickHouse server (and Redis server): run by CI for users
// (.github/workflows/server-mode.yml, on the minimum ClickHouse version and the one docker-compose.yml
// pins), skipped without PULSE_TEST_CLICKHOUSE_URL — no ClickHouse server can run on the development
// machine. Migrations, the version check, history written and read back through the API, readiness,
// `pulse-server migrate`, and Grafana's read-only user (infra/clickhouse/users.d) when its password is given.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMigrations } from '@pulse/server';
import { MIN_CLICKHOUSE_VERSION, atLeast } from '../../packages/server/src/history/server-version.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

const url = process.env.PULSE_TEST_CLICKHOUSE_URL;
const username = process.env.PULSE_TEST_CLICKHOUSE_USER ?? 'default';
const password = process.env.PULSE_TEST_CLICKHOUSE_PASSWORD ?? '';
const grafanaPassword = process.env.PULSE_TEST_GRAFANA_CLICKHOUSE_PASSWORD;
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The Redis server of CI's service container (PULSE_TEST_REDIS_URL), or one of our own. */
async function redisForTest(): Promise<TestRedis> {
  const external = process.env.PULSE_TEST_REDIS_URL;
  if (!external) return startRedis();
  const notOurs = () => {
    throw new Error('the Redis of PULSE_TEST_REDIS_URL is not ours to stop');
  };
  return {
    url: external,
    port: Number(new URL(external).port),
    dir: '',
    restart: async () => notOurs(),
    kill: notOurs,
    pause: notOurs,
    resume: notOurs,
    stop: async () => {},
  };
}

describe.skipIf(!url)('server mode against a ClickHouse server', () => {
  let t: TestPulse;
  let ch: ClickHouseClient;
  const run = Date.now().toString(36);
  const T = Date.now() - 20 * 60_000;

  beforeAll(async () => {
    ch = createClient({ url, username, password });
    const redis = await redisForTest();
    t = await startTestPulse({ alerts: { enabled: false }, redis: { url: redis.url, prefix: `t${run}:` }, clickhouse: { url, username, password } }, redis);
  });
  afterAll(async () => {
    await t?.close();
    await ch?.close();
  });

  it('runs on a supported version and has applied every migration', async () => {
    const rs = await ch.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' });
    // version() without FROM returns exactly one row
    expect(atLeast((await rs.json<{ v: string }>())[0]!.v, MIN_CLICKHOUSE_VERSION)).toBe(true);
    const applied = await (await ch.query({ query: 'SELECT name FROM pulse.schema_migrations ORDER BY version', format: 'JSONEachRow' })).json<{
      name: string;
    }>();
    expect(applied.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
    expect((await getJson(t.url, '/readyz')).body.status).toBe('ready');
  });

  it('writes history and answers the history API from it', async () => {
    const ev = (i: number, e: object) => ({ id: `${run}-${i}`, ts: T + i * 1000, ...e });
    const sent = await postEvents(t.url, [
      ev(1, { type: 'chat.requested', chat_id: `${run}-c1`, queue: `q${run}` }),
      ev(2, { type: 'chat.answered', chat_id: `${run}-c1`, agent_id: `${run}-a` }),
      ev(3, { type: 'chat.requested', chat_id: `${run}-c2`, queue: `q${run}` }),
    ]);
    expect(sent.body.accepted).toBe(3);
    await eventually(
      async () =>
        Number(
          (await (await ch.query({ query: `SELECT count() AS n FROM pulse.events WHERE id LIKE '${run}-%'`, format: 'JSONEachRow' })).json<{ n: string }>())[0]
            ?.n,
        ),
      (n) => n === 3,
    );
    const series = await eventually(
      () => getJson(t.url, `/v1/history/series?from=${T - 3600_000}&to=${T + 3600_000}&interval=1h&queue=q${run}&totals=1`, TOKENS.manager),
      (r) => r.status === 200 && r.body.totals?.[0]?.metrics?.answered === 1,
    );
    expect(series.body.totals[0].metrics).toMatchObject({ offered: 1, answered: 1, asa_s: 1 });
  });

  it('`pulse-server migrate` finds the schema up to date', () => {
    const r = spawnSync(process.execPath, ['packages/server/bin/pulse-server.js', 'migrate'], {
      cwd: ROOT,
      env: { ...process.env, CLICKHOUSE_URL: url, CLICKHOUSE_USER: username, CLICKHOUSE_PASSWORD: password, LOG_LEVEL: 'warn' },
      encoding: 'utf8',
    });
    expect(r.stdout).toMatch(/^ClickHouse [\d.]+: the schema is up to date/);
    expect(r.status).toBe(0);
  });

  it.skipIf(!grafanaPassword)("gives Grafana's user reads of pulse.* and nothing else", async () => {
    const grafana = createClient({ url, username: 'grafana', password: grafanaPassword });
    try {
      const rs = await grafana.query({
        query: 'SELECT count() AS n FROM pulse.events',
        format: 'JSONEachRow',
        clickhouse_settings: { max_execution_time: 30 },
      });
      expect(Number((await rs.json<{ n: string }>())[0]?.n)).toBeGreaterThanOrEqual(3);
      await expect(grafana.command({ query: `INSERT INTO pulse.dead_letters (id) VALUES ('${run}')` })).rejects.toThrow(
        /readonly|READONLY|Not enough privileges/,
      );
      await expect(grafana.command({ query: 'DROP TABLE pulse.events' })).rejects.toThrow();
      await expect(grafana.query({ query: 'SELECT 1', clickhouse_settings: { max_memory_usage: '1' } })).rejects.toThrow();
    } finally {
      await grafana.close();
    }
  });
});

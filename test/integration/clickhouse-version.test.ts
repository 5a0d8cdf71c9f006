// Issue 20: the ClickHouse server's version is checked at start against the stated minimum
// (MIN_CLICKHOUSE_VERSION, 25.8): an older one stops the server, and `pulse-server migrate`, with one line
// naming both versions, not a stack trace. The server is the HTTP stand-in of clickhouse-stub.ts.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, readMigrations, startPulse } from '@pulse/server';
import { atLeast, MIN_CLICKHOUSE_VERSION } from '../../packages/server/src/history/server-version.ts';
import { StartupError } from '../../packages/server/src/startup-error.ts';
import { startClickHouseStub, type ClickHouseStub } from '../support/clickhouse-stub.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { tmpFolder } from '../support/tmp.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
let old: ClickHouseStub;
let current: ClickHouseStub;
let redis: TestRedis;
const data = tmpFolder('data');

beforeAll(async () => {
  [old, current, redis] = await Promise.all([startClickHouseStub('24.3.18.7'), startClickHouseStub(`${MIN_CLICKHOUSE_VERSION}.30.16`), startRedis()]);
});
afterAll(async () => {
  await Promise.all([old?.close(), current?.close(), redis?.stop()]);
  data.remove();
});

/** Runs a node command in the checkout; its exit code and output. */
function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'info', PULSE_DATA_DIR: data.path, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d));
    p.stderr.on('data', (d: Buffer) => (stderr += d));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('the ClickHouse version check', () => {
  it('compares versions part by part', () => {
    expect(atLeast('25.8.30.16', '25.8')).toBe(true);
    expect(atLeast('26.7.5.10', '25.8')).toBe(true);
    expect(atLeast('25.10.1.1', '25.8')).toBe(true);
    expect(atLeast('25.7.9.1', '25.8')).toBe(false);
    expect(atLeast('24.12.1.1', '25.8')).toBe(false);
  });

  it('refuses to start on a ClickHouse older than the minimum, saying so in one line', async () => {
    const config = loadConfig({}, { port: 0, logLevel: 'silent', dataDir: data.path, redis: { url: redis.url }, clickhouse: { url: old.url } });
    const err = await startPulse(config).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StartupError);
    expect((err as Error).message).toBe(
      `ClickHouse 24.3.18.7 at ${old.url} is older than 25.8, the oldest version Pulse supports: upgrade the server (docker-compose.yml pins a tested one)`,
    );
  });

  it('exits 1 with that one line on stderr, no stack, as a process', async () => {
    const r = await run(['--import', 'tsx', 'packages/server/src/main.ts'], { PORT: '0', REDIS_URL: redis.url, CLICKHOUSE_URL: old.url });
    expect(r.code).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pulse: ClickHouse 24\.3\.18\.7 at .* is older than 25\.8/)]);
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at /);
  }, 30_000);

  it('does the same for `pulse-server migrate`, and migrates on the minimum version', async () => {
    const bin = 'packages/server/bin/pulse-server.js';
    const refused = await run([bin, 'migrate'], { CLICKHOUSE_URL: old.url });
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^pulse: ClickHouse 24\.3\.18\.7 .* older than 25\.8/)]);
    const ok = await run([bin, 'migrate'], { CLICKHOUSE_URL: current.url });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe(`ClickHouse 25.8.30.16: the schema is up to date (${readMigrations().length} migrations)\n`);
    expect(ok.code).toBe(0);
  }, 30_000);
});

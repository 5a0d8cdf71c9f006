// Issue 20: the server builds to JavaScript (`pnpm build`) and deploys as a package that runs with plain
// node: `node scripts/deploy-server.mjs` (pnpm deploy of @pulse/server: its dist, bin and migrations,
// production dependencies only, the workspace packages pointed at their built JavaScript). The
// `pulse-server` command works from it (--help, --version, hash-token, migrate, serve), with chDB (an
// optional dependency) or without it (server mode). ClickHouse in server mode is clickhouse-stub.ts.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startClickHouseStub, type ClickHouseStub } from '../support/clickhouse-stub.ts';
import { pnpmCommand } from '../support/pnpm.ts';
import { freePort } from '../support/ports.ts';
import { eventually } from '../support/pulse.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { tmpFolder } from '../support/tmp.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const serverMode = tmpFolder('deploy');
const withChdb = tmpFolder('deploy-chdb');
const data = tmpFolder('data');
let redis: TestRedis;
let ch: ClickHouseStub;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `node <args>` in `cwd` with only the given environment (and PATH): no tsx, no loader. */
function node(cwd: string, args: string[], env: Record<string, string> = {}, input?: string): Promise<Run> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, args, { cwd, env: { PATH: process.env.PATH!, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d));
    p.stderr.on('data', (d: Buffer) => (stderr += d));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
    p.stdin.end(input);
  });
}

beforeAll(async () => {
  const [pnpm, ...pre] = pnpmCommand();
  execFileSync(pnpm, [...pre, '--filter', '@pulse/server...', 'run', 'build'], { cwd: ROOT, stdio: 'ignore' });
  execFileSync(process.execPath, ['scripts/deploy-server.mjs', join(serverMode.path, 'app'), '--no-optional'], { cwd: ROOT, stdio: 'ignore' });
  execFileSync(process.execPath, ['scripts/deploy-server.mjs', join(withChdb.path, 'app')], { cwd: ROOT, stdio: 'ignore' });
  [redis, ch] = await Promise.all([startRedis(), startClickHouseStub('26.7.5.10')]);
}, 300_000);
afterAll(async () => {
  await Promise.all([redis?.stop(), ch?.close()]);
  for (const f of [serverMode, withChdb, data]) f.remove();
});

const app = (f: { path: string }) => join(f.path, 'app');
const bin = 'bin/pulse-server.js';

describe('the deployed server package', () => {
  it('holds the built JavaScript, the migrations and production dependencies only', () => {
    const dir = app(serverMode);
    expect(readdirSync(dir).sort()).toEqual(['bin', 'dist', 'migrations', 'node_modules', 'package.json']);
    expect(readFileSync(join(dir, bin), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
    expect(statSync(join(dir, bin)).mode & 0o111).not.toBe(0);
    expect(readdirSync(join(dir, 'migrations'))).toEqual(readdirSync(join(ROOT, 'packages/server/migrations')));
    for (const f of ['dist/cli/main.js', 'dist/history/sql/items.sql', 'dist/redis/lua/ingest.lua']) expect(existsSync(join(dir, f)), f).toBe(true);
    const modules = readdirSync(join(dir, 'node_modules/.pnpm')).join(' ');
    for (const dev of ['tsx@', 'typescript@', 'vitest@', 'chdb@']) expect(modules).not.toContain(dev);
    expect(readdirSync(join(app(withChdb), 'node_modules/.pnpm')).join(' ')).toContain('chdb@');
    const contracts = JSON.parse(readFileSync(join(dir, 'node_modules/@pulse/contracts/package.json'), 'utf8'));
    expect(contracts.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
  });

  it('answers --help, --version and hash-token with plain node', async () => {
    const dir = app(serverMode);
    const help = await node(dir, [bin, '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^pulse-server 0\.2\.0/);
    expect(help.stdout).toContain('pulse-server migrate');
    expect((await node(dir, [bin, '--version'])).stdout).toBe('0.2.0\n');
    const expected = `sha256:${createHash('sha256').update('s3cret-kiosk').digest('hex')}\n`;
    expect((await node(dir, [bin, 'hash-token', 's3cret-kiosk'])).stdout).toBe(expected);
    expect((await node(dir, [bin, 'hash-token'], {}, 's3cret-kiosk\n')).stdout).toBe(expected);
    const bad = await node(dir, [bin, 'nonsense']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^pulse: unknown command 'nonsense'/);
  });

  it('migrates embedded chDB when installed, and says in one line when it is not', async () => {
    const env = { PULSE_DATA_DIR: data.path, LOG_LEVEL: 'warn' };
    const missing = await node(app(serverMode), [bin, 'migrate'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(
      'pulse: embedded ClickHouse (the optional package chdb) is not installed: set CLICKHOUSE_URL to a ClickHouse server, or install chdb\n',
    );
    const n = readdirSync(join(ROOT, 'packages/server/migrations')).length;
    const first = await node(app(withChdb), [bin, 'migrate'], env);
    expect(first.stderr).toBe('');
    expect(first.stdout).toMatch(new RegExp(`^chDB \\(ClickHouse 26\\.7\\.[\\d.]+\\): applied ${n} of ${n} migrations: 0001_events, `));
    expect(first.code).toBe(0);
    expect((await node(app(withChdb), [bin, 'migrate'], env)).stdout).toMatch(/the schema is up to date/);
  }, 60_000);

  it('serves in server mode with plain node, and stops on SIGTERM', async () => {
    const port = await freePort();
    const viewer = `sha256:${createHash('sha256').update('s3cret-kiosk').digest('hex')}`;
    const p = spawn(process.execPath, [bin], {
      cwd: app(serverMode),
      env: {
        PATH: process.env.PATH!,
        PORT: String(port),
        REDIS_URL: redis.url,
        CLICKHOUSE_URL: ch.url,
        PULSE_DATA_DIR: data.path,
        PULSE_TOKENS: `ingest:deploy-ingest-token,viewer:${viewer}`,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    p.stdout!.on('data', (d: Buffer) => (out += d));
    p.stderr!.on('data', (d: Buffer) => (out += d));
    const exited = new Promise<number | null>((r) => p.once('exit', r));
    const url = `http://127.0.0.1:${port}`;
    try {
      const ready = await eventually(
        () =>
          fetch(`${url}/readyz`).then(
            (r) => r.json(),
            () => null,
          ),
        (b) => b?.status === 'ready',
        30_000,
      );
      expect(ready.parts).toEqual({ ingest: 'ready', live: 'ready', history: 'ready' });
      const sent = await fetch(`${url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer deploy-ingest-token' },
        body: JSON.stringify({ id: 'd-1', type: 'chat.requested', ts: Date.now() - 1000, chat_id: 'd', queue: 'deploy' }),
      });
      expect(sent.status).toBe(202);
      // the hashed viewer token (hash-token) lets the clear one in
      const live = await eventually(
        () => fetch(`${url}/v1/live?token=s3cret-kiosk`).then((r) => r.json()),
        (b) => b?.queues?.deploy?.waiting === 1,
      );
      expect(live.queues.deploy.waiting).toBe(1);
      expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^pulse_build_info\{version="0\.2\.0",node="v[\d.]+"\} 1$/m);
      const logLine = out.split('\n').find((l) => l.includes('"msg":"pulse is listening"'));
      expect(JSON.parse(logLine!)).toMatchObject({ level: 30, version: '0.2.0' });
    } finally {
      p.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});

describe('pulse-server in the source checkout', () => {
  it('runs the sources through tsx: the bin installed in node_modules/.bin works', async () => {
    const r = await node(ROOT, [join(ROOT, 'node_modules/@pulse/server/bin/pulse-server.js'), '--version']);
    expect(r.stdout).toBe('0.2.0\n');
    const shim = execFileSync(join(ROOT, 'node_modules/.bin/pulse-server'), ['--help'], { cwd: ROOT, encoding: 'utf8' });
    expect(shim).toContain('pulse-server hash-token');
  });
});

// The demo launcher: redis-server (unless REDIS_URL is set), the Pulse server on embedded chDB, and the
// simulator feeding it. Prints the wall-board URL; Ctrl-C stops everything.
// The history (90 days by default) and the live feed are one simulation: the backfill records it in
// <data>/simulator.json and the live simulator continues it from there, minute after minute. A scripted
// incident (`--incident billing@+8m/15m`, simulated time) makes one queue go critical a few minutes in.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildWorld, demoUtcOffset, queueTitles, readRunState, RunStateError, worldOf } from '@pulse/simulator';
import { redisServerArgs } from './redis-server-args.ts';

const { values: args } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    speed: { type: 'string', default: '1' },
    'no-simulator': { type: 'boolean', default: false },
    /** days of history written before start (embedded ClickHouse only; once per data folder) */
    days: { type: 'string', default: process.env.PULSE_DEMO_DAYS ?? '90' },
    /** the scripted incident, in simulated time after the live start ('none' for a quiet demo) */
    // 15 minutes from 8 minutes in: the whole story (healthy, billing in trouble, recovered) within half an hour
    incident: { type: 'string', default: process.env.PULSE_DEMO_INCIDENT ?? 'billing@+8m/15m' },
  },
});

const root = resolve(import.meta.dirname, '..');
const dataDir = resolve(process.env.PULSE_DATA_DIR ?? `${root}/data`);
/** The running processes in order of start (a restarted one keeps its place). */
const children: ChildProcess[] = [];
const say = (msg: string) => process.stdout.write(`\x1b[1m[pulse]\x1b[0m ${msg}\n`);

function portFree(port: number): Promise<boolean> {
  return new Promise((res) => {
    const s = createServer();
    s.once('error', () => res(false));
    s.listen(port, '127.0.0.1', () => s.close(() => res(true)));
  });
}

async function freePortFrom(port: number): Promise<number> {
  while (!(await portFree(port))) port++;
  return port;
}

/** A process that stops unasked is started again, as a service manager would, unless it keeps stopping. */
const RESTARTS = { max: 5, withinMs: 60_000, delayMs: 1000 };

function run(name: string, cmd: string, argv: string[], env: NodeJS.ProcessEnv = {}, opts: { restart?: boolean } = {}): void {
  const exits: number[] = [];
  const start = (slot: number) => {
    const child = spawn(cmd, argv, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
    children[slot] = child;
    child.on('exit', (code, signal) => {
      if (stopping) return;
      const now = Date.now();
      exits.push(now);
      while (exits.length > 0 && exits[0]! < now - RESTARTS.withinMs) exits.shift();
      if (opts.restart && exits.length <= RESTARTS.max) {
        say(`${name} stopped (${signal ?? code}); starting it again in ${RESTARTS.delayMs / 1000} s`);
        setTimeout(() => stopping || start(slot), RESTARTS.delayMs);
        return;
      }
      say(`${name} stopped (${signal ?? code})${opts.restart ? `, ${exits.length} times within a minute` : ''}; stopping the demo`);
      void stop(1);
    });
  };
  start(children.length);
}

async function waitFor(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
}

let stopping = false;
/** Stops the children in reverse order of start (simulator, server, redis), each before the next. */
async function stop(code = 0): Promise<never> {
  if (stopping) return new Promise(() => {});
  stopping = true;
  for (const c of [...children].reverse()) {
    if (c.exitCode !== null || c.signalCode !== null) continue;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    const timer = setTimeout(() => c.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  }
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

let redisUrl = process.env.REDIS_URL;
if (!redisUrl) {
  const port = await freePortFrom(6390);
  mkdirSync(`${dataDir}/redis`, { recursive: true });
  // Killed, it comes back with what its append-only file kept; the server rides through the outage meanwhile.
  run('redis-server', 'redis-server', redisServerArgs(port, `${dataDir}/redis`), {}, { restart: true });
  redisUrl = `redis://127.0.0.1:${port}`;
  say(`redis-server with AOF on port ${port}, data in ${dataDir}/redis`);
}

if (!process.env.CLICKHOUSE_URL && Number(args.days) > 0) {
  await new Promise<void>((resolve, reject) => {
    const b = spawn(process.execPath, ['--import', 'tsx', 'scripts/backfill.ts', '--days', args.days!, '--if-empty'], {
      cwd: root,
      env: { ...process.env, PULSE_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    b.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`backfill exited with ${code}`))));
  });
}

// The demo's queues by name ("Billing", "VIP"), unless a configuration file of one's own is given.
const statePath = `${dataDir}/simulator.json`;
let state: ReturnType<typeof readRunState> = null;
try {
  state = readRunState(statePath);
} catch (e) {
  if (!(e instanceof RunStateError)) throw e;
  say(`${e.message}: the live feed starts a new simulation (remove ${dataDir} for a continuous demo)`);
}
let configFile = process.env.PULSE_CONFIG;
if (!configFile) {
  mkdirSync(dataDir, { recursive: true });
  configFile = `${dataDir}/demo-config.json`;
  writeFileSync(configFile, `${JSON.stringify({ queueNames: queueTitles(state ? worldOf(state) : buildWorld({ seed: 1 })) }, null, 2)}\n`);
}

const port = await freePortFrom(Number(args.port));
run(
  'server',
  process.execPath,
  ['--import', 'tsx', 'packages/server/src/main.ts'],
  {
    PORT: String(port),
    REDIS_URL: redisUrl,
    PULSE_DATA_DIR: dataDir,
    PULSE_CONFIG: configFile,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    // One machine runs Redis, the server with embedded chDB, the simulator and the browser showing the board: a
    // Redis answer slower than the production bound (750 ms) is CPU contention there, not a hung Redis, and failing
    // it would renew the connection and refuse the board's reads with 503 for a moment.
    PULSE_REDIS_COMMAND_TIMEOUT_MS: process.env.PULSE_REDIS_COMMAND_TIMEOUT_MS ?? '5000',
  },
  { restart: true },
);
await waitFor(`http://127.0.0.1:${port}/readyz`, 60_000);
const base = `http://127.0.0.1:${port}`;

if (!args['no-simulator']) {
  const common = ['--url', base, '--token', process.env.PULSE_INGEST_TOKEN ?? 'dev-ingest-token', '--speed', args.speed!, '--incident', args.incident!];
  // Continue the history's simulation; without one (external ClickHouse, --days 0), a new organisation whose
  // clock is set to a Wednesday mid-morning, so the demo is busy at any hour.
  const world = state ? ['--state', statePath] : [`--utc-offset=${demoUtcOffset(Date.now())}`];
  run('simulator', process.execPath, ['--import', 'tsx', 'packages/simulator/src/cli.ts', 'live', ...common, ...world]);
}

say(`wall-board: ${base}/?token=dev-viewer-token`);
say(`trends:     ${base}/trends.html?token=dev-manager-token`);
say(`alerts:     ${base}/alerts.html?token=dev-lead-token`);
say(`live JSON:  curl -H 'Authorization: Bearer dev-viewer-token' ${base}/v1/live`);
say('Ctrl-C stops everything.');

// The demo (scripts/demo.ts) as a child process for tests: its own redis-server, server on embedded chDB, a
// backfill and the live simulator, in a temporary data folder; stopped with Ctrl-C as a person would.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunState } from '@pulse/simulator';
import { freePort } from './ports.ts';
import { tmpFolder } from './tmp.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface Demo {
  url: string;
  dataDir: string;
  /** The simulation's state file, kept current by the live simulator. */
  state(): RunState;
  output(): string;
  stop(): Promise<void>;
}

export async function startDemo(args: string[], timeoutMs = 120_000): Promise<Demo> {
  const data = tmpFolder('demo');
  const port = await freePort();
  let out = '';
  const proc: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts', '--port', String(port), ...args], {
    cwd: ROOT,
    env: { ...process.env, PULSE_DATA_DIR: data.path, LOG_LEVEL: 'warn', REDIS_URL: '', PULSE_CONFIG: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  proc.stdout!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-50_000)));
  proc.stderr!.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-50_000)));
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const deadline = Date.now() + timeoutMs;
  let url: string | null = null;
  while (!url) {
    if (proc.exitCode !== null) throw new Error(`the demo exited with ${proc.exitCode}: ${out}`);
    if (Date.now() > deadline) throw new Error(`the demo did not start within ${timeoutMs / 1000} s: ${out}`);
    // the simulator has started once it says what it continues
    if (/live: continuing/.test(out)) url = /wall-board: (http:\/\/[^/\s]+)\//.exec(out)?.[1] ?? null;
    await new Promise((r) => setTimeout(r, 200));
  }
  const statePath = `${data.path}/simulator.json`;
  return {
    url,
    dataDir: data.path,
    state: () => JSON.parse(readFileSync(statePath, 'utf8')) as RunState,
    output: () => out,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        // Ctrl-C to the launcher, which stops simulator, server and redis-server in turn; whatever is left
        // after 20 s goes with its process group.
        proc.kill('SIGINT');
        const timer = setTimeout(() => {
          try {
            process.kill(-proc.pid!, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }, 20_000);
        await exited;
        clearTimeout(timer);
      }
      data.remove();
    },
  };
}

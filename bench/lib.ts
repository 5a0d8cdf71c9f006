// Shared pieces of the benchmarks: a real redis-server and Pulse server processes, percentiles, CPU time.
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { startRedis, type TestRedis } from '../test/support/redis.ts';
import { startServerProcess, type ServerProcess } from '../test/support/process.ts';
import { freePort } from '../test/support/ports.ts';
import { tmpFolder } from '../test/support/tmp.ts';

export { TOKENS } from '../test/support/pulse.ts';

export interface Result {
  name: string;
  value: number;
  unit: string;
  /** the ceiling measured in the same run, when the figure is compared with one */
  ceiling?: { name: string; value: number };
  ratio?: number;
  target?: string;
  met?: boolean;
  notes?: string;
}

export const seconds = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
}

/** CPU seconds (user + system) a process has used so far, from /proc. */
export function cpuSeconds(pid: number): number {
  const f = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
  return (Number(f[11]) + Number(f[12])) / 100;
}

export function rssMiB(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export interface Stack {
  redis: TestRedis;
  server: ServerProcess;
  url: string;
  stop(): Promise<void>;
}

/** redis-server and one Pulse process with everything on (live, history in chDB, alerts). */
export async function startStack(env: Record<string, string> = {}): Promise<Stack> {
  const redis = await startRedis();
  const data = tmpFolder('bench');
  const port = await freePort();
  const server = await startServerProcess(
    {
      PORT: String(port),
      REDIS_URL: redis.url,
      PULSE_DATA_DIR: data.path,
      PULSE_MAX_BACKLOG: '200000',
      // benchmarks measure throughput: the per-token rate limit would cap it
      PULSE_RATE_LIMIT: 'off',
      ...env,
    },
    60_000,
    process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
  );
  return {
    redis,
    server,
    url: server.url,
    async stop() {
      // BENCH_REDIS_STATS=<file>: what Redis did in this case (commands, CPU per command, bytes in and out)
      if (process.env.BENCH_REDIS_STATS) {
        const info = execFileSync('redis-cli', ['-u', redis.url, 'INFO', 'all']).toString();
        appendFileSync(process.env.BENCH_REDIS_STATS, `# ${new Date().toISOString()}\n${info}\n`);
      }
      await server.kill('SIGTERM');
      await redis.stop();
      data.remove();
    },
  };
}

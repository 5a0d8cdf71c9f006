// Where the CPU of a single-event POST goes, process by process (the load generator, the server with all of
// its threads, redis-server), with the consumers off, with history only, and with everything on; and how
// much CPU 0.75 of the empty-route ceiling would take at that cost, against the cores this machine has.
import { execFileSync } from 'node:child_process';
import { cpus } from 'node:os';
import { cannon, emptyRouteCeiling } from '../cannon.ts';
import { cpuSeconds, seconds, startStack, TOKENS, type Result } from '../lib.ts';

function redisCpu(url: string): number {
  const info = execFileSync('redis-cli', ['-u', url, 'INFO', 'cpu']).toString();
  const v = (k: string) => Number(new RegExp(`${k}:([\\d.]+)`).exec(info)?.[1] ?? 0);
  return v('used_cpu_user_main_thread') + v('used_cpu_sys_main_thread');
}

// without the live consumer nothing reads the stream for it: its backpressure bounds are lifted, or every
// request past the first 2,000 events would be refused
const UNBOUNDED = { PULSE_MAX_BACKLOG: '100000000', PULSE_MAX_LIVE_LAG_EVENTS: '100000000', PULSE_MAX_BACKLOG_BYTES: String(8 * 2 ** 30) };
const CONFIGS = [
  ['consumers off', { PULSE_WORKER_LIVE: 'false', PULSE_WORKER_HISTORY: 'false', ...UNBOUNDED }],
  ['history only (no live state, so no facts)', { PULSE_WORKER_LIVE: 'false', ...UNBOUNDED }],
  ['everything on', {}],
] as const;

export async function singleBudget(): Promise<Result[]> {
  const duration = seconds('BENCH_SECONDS', 15);
  const ceiling = await emptyRouteCeiling(duration);
  const out: Result[] = [];
  for (const [label, env] of CONFIGS) {
    const stack = await startStack({ ...env });
    try {
      const stamp = Date.now();
      const pid = stack.server.proc.pid!;
      const s0 = cpuSeconds(pid);
      const r0 = redisCpu(stack.redis.url);
      const r = await cannon(
        `${stack.url}/v1/events`,
        (i) => JSON.stringify({ id: `sb-${stamp}-${i}`, type: 'chat.requested', ts: Date.now(), chat_id: `sb-${stamp}-${i}`, queue: `q${i % 10}` }),
        { authorization: `Bearer ${TOKENS.ingest}` },
        duration,
      );
      await new Promise((x) => setTimeout(x, 3000)); // the consumers catch up
      const server = cpuSeconds(pid) - s0;
      const redis = redisCpu(stack.redis.url) - r0;
      const us = (x: number) => (x / r.total) * 1e6;
      const perRequest = us(r.cpu + server + redis);
      const coresAtTarget = (0.75 * ceiling.rps * perRequest) / 1e6;
      out.push({
        name: `single-event POST, ${label}`,
        value: Math.round(r.rps),
        unit: 'req/s',
        ceiling: { name: 'empty Fastify POST route', value: Math.round(ceiling.rps) },
        ratio: r.rps / ceiling.rps,
        notes: `non-2xx ${r.non2xx}; CPU per request: load generator ${us(r.cpu).toFixed(0)} µs, server ${us(server).toFixed(0)} µs (all threads), redis ${us(redis).toFixed(0)} µs; at 0.75 of the ceiling that is ${coresAtTarget.toFixed(2)} cores of the ${cpus().length} here`,
      });
    } finally {
      await stack.stop();
    }
  }
  return out;
}

// Benchmark: the live applier alone on a real Redis, fed N simulator events (default 60,000; 40 queues, 300
// agents) in batches of 500 as the consumer hands them over. Prints events/s, the CPU of this process (also per
// event) and Redis's script time and main-thread CPU. Compare the derivation paths: PULSE_LIVE_DERIVATION=full
// derives every changed item from all of its events. Run: [N=40000] [PULSE_LIVE_DERIVATION=full] node --import tsx bench/applier.ts
import { pino } from 'pino';
import type { PulseEvent } from '@pulse/contracts';
import { buildWorld, generate } from '@pulse/simulator';
import { DEFAULT_METRIC_SETTINGS } from '@pulse/metrics';
import { startRedis } from '../test/support/redis.ts';
import { connectRedis } from '../packages/server/src/redis/client.ts';
import { LiveApplier } from '../packages/server/src/live/applier.ts';

const N = Number(process.env.N ?? 60_000);
const redis = await startRedis();
const r = connectRedis(redis.url, pino({ level: 'silent' }), 'bench');
const now = Date.now();
const events: PulseEvent[] = [];
for (const e of generate({ seed: 1, from: now - 86_400_000, to: now, world: buildWorld({ seed: 5, agents: 300, queues: 40 }), idPrefix: 'x' })) {
  events.push(e);
  if (events.length >= N) break;
}
const applier = new LiveApplier(r, 'b:live:', DEFAULT_METRIC_SETTINGS, pino({ level: 'silent' }), { publish: async () => {} }, 'b:facts');
/** Redis's main-thread CPU (s): under a loaded machine a steadier figure than script wall time */
const redisCpu = async () => {
  const info = await r.info('cpu');
  const value = (k: string) =>
    Number(
      info
        .split('\n')
        .find((l) => l.startsWith(`${k}:`))
        ?.split(':')[1] ?? NaN,
    );
  return value('used_cpu_user_main_thread') + value('used_cpu_sys_main_thread');
};
const redisCpu0 = await redisCpu();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
for (let i = 0; i < events.length; i += 500) {
  await applier.handle([{ id: `${i}`, events: events.slice(i, i + 500), receivedAt: Date.now(), fields: {}, bytes: 0 }]);
}
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
const redisCpuS = (await redisCpu()) - redisCpu0;
const info = await r.info('commandstats');
const evalsha = info.split('\n').find((l) => l.startsWith('cmdstat_evalsha:'));
const scriptUs = evalsha ? Number(evalsha.split('usec=')[1]!.split(',')[0]) : NaN;
console.log(
  JSON.stringify({
    derivation: applier.incremental ? 'incremental' : 'full',
    events: events.length,
    eventsPerS: Math.round(events.length / (ms / 1000)),
    wallS: +(ms / 1000).toFixed(1),
    cpuUserS: +(cpu.user / 1e6).toFixed(1),
    /** CPU of this process (user and system) per event while applying */
    cpuUsPerEvent: Math.round((cpu.user + cpu.system) / events.length),
    redisCpuS: +redisCpuS.toFixed(2),
    extended: applier.extended,
    applied: applier.applied,
    redisScriptS: +(scriptUs / 1e6).toFixed(1),
  }),
);
r.disconnect();
await redis.stop();

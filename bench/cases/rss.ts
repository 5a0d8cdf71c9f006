// Server memory (RSS) under a steady load: flat over the run (10 minutes by default).
import type { PulseEvent } from '@pulse/contracts';
import { buildWorld, generate } from '@pulse/simulator';
import { rssMiB, seconds, startStack, TOKENS, type Result } from '../lib.ts';

export async function rss(): Promise<Result[]> {
  const minutes = seconds('BENCH_RSS_MINUTES', 10);
  const stack = await startStack();
  try {
    const pid = stack.server.proc.pid!;
    const samples: [number, number][] = [];
    const t0 = Date.now();
    const end = t0 + minutes * 60_000;
    const gen = generate({ seed: 9, from: Date.now(), world: buildWorld({ seed: 9, agents: 60, queues: 10 }), scale: 20, idPrefix: `rss${Date.now()}` });
    const sampler = setInterval(() => samples.push([(Date.now() - t0) / 1000, rssMiB(pid)]), 5000);
    while (Date.now() < end) {
      // replay the simulated day at wall-clock pace: events stamped now, ~500 per second
      const batch: PulseEvent[] = [];
      for (let i = 0; i < 250; i++) batch.push({ ...(gen.next().value as PulseEvent), ts: Date.now() });
      await fetch(`${stack.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}` },
        body: JSON.stringify(batch),
      }).then((r) => r.arrayBuffer());
      await new Promise((r) => setTimeout(r, 500));
    }
    clearInterval(sampler);
    const early = samples.filter(([t]) => t >= 30 && t <= 90).map(([, m]) => m);
    const late = samples.slice(-12).map(([, m]) => m);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    const growth = median(late) / median(early.length ? early : samples.map(([, m]) => m));
    return [
      {
        name: `server RSS over ${minutes} min at ~500 events/s`,
        value: Math.round(median(late)),
        unit: 'MiB (last minute)',
        target: 'flat',
        met: growth < 1.15,
        notes: `first-minute median ${Math.round(median(early.length ? early : [NaN]))} MiB; growth ×${growth.toFixed(2)}`,
      },
    ];
  } finally {
    await stack.stop();
  }
}

// Event to WebSocket client latency at 2,000 events/s: each event's time from being sent to the first
// state (a snapshot, or a patch applied to it) that reflects it (every event is a new waiting chat, so a queue's
// `waiting` counts them).
import { benchClient } from '../live-client.ts';
import { percentile, seconds, startStack, TOKENS, type Result } from '../lib.ts';

export async function wsLatency(): Promise<Result[]> {
  const duration = seconds('BENCH_SECONDS', 20);
  const rate = 2000;
  const stack = await startStack();
  try {
    const client = benchClient(stack.url, 'queue=lat');
    const sentAt: number[] = [];
    const latencies: number[] = [];
    let seen = 0;
    client.onState = (state, now) => {
      const w = state.queues.lat?.waiting ?? 0;
      for (; seen < w && seen < sentAt.length; seen++) latencies.push(now - (sentAt[seen] ?? now));
    };
    await client.opened;
    const stamp = Date.now();
    const perTick = rate / 100; // every 10 ms
    const end = Date.now() + duration * 1000;
    let n = 0;
    const posts: Promise<unknown>[] = [];
    while (Date.now() < end) {
      const tick = Date.now();
      const batch = Array.from({ length: perTick }, () => {
        const i = n++;
        return { id: `lat-${stamp}-${i}`, type: 'chat.requested', ts: tick, chat_id: `lat-${stamp}-${i}`, queue: 'lat' };
      });
      for (let k = 0; k < batch.length; k++) sentAt.push(tick);
      posts.push(
        fetch(`${stack.url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}` },
          body: JSON.stringify(batch),
        }).then((r) => r.arrayBuffer()),
      );
      await new Promise((r) => setTimeout(r, Math.max(0, 10 - (Date.now() - tick))));
    }
    await Promise.all(posts);
    const deadline = Date.now() + 10_000;
    while (seen < n && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    client.close();
    const p50 = percentile(latencies, 50);
    const p99 = percentile(latencies, 99);
    return [
      {
        name: 'event → WebSocket client, p50 at 2,000 events/s',
        value: p50,
        unit: 'ms',
        target: '< 20 ms',
        met: p50 < 20,
        notes: `${latencies.length} of ${n} events seen; ${Math.round(client.bytes / 1024)} KB received (${Object.entries(client.byType)
          .map(([k, v]) => `${k} ${v.messages}`)
          .join(', ')})`,
      },
      { name: 'event → WebSocket client, p99 at 2,000 events/s', value: p99, unit: 'ms', target: '< 100 ms', met: p99 < 100 },
    ];
  } finally {
    await stack.stop();
  }
}

// Bytes per wall-board client at the demo's load: the demo's floor (5 queues, 24 agents, the simulator at speed 1,
// its scripted incident) with a day of history posted first (BENCH_BYTES_HISTORY_HOURS), so the snapshot carries what a real demo's does
// (SLA lists, alerts, agent timelines); one unfiltered client, as a wall-board, counts what it is sent.
import WebSocket from 'ws';
import { buildWorld, demoUtcOffset, incidentsOf, parseIncident, runLive } from '@pulse/simulator';
import { seconds, startStack, TOKENS, type Result } from '../lib.ts';

export async function wsBytes(): Promise<Result[]> {
  const duration = seconds('BENCH_BYTES_SECONDS', 300);
  const historyHours = seconds('BENCH_BYTES_HISTORY_HOURS', 24);
  // the issue measured the demo at about 2 events/s: the demo's floor at speed 1 sends ~0.3/s mid-morning
  const speed = seconds('BENCH_BYTES_SPEED', 6);
  const stack = await startStack();
  const abort = new AbortController();
  try {
    const start = Date.now();
    // the demo's floor on its Wednesday mid-morning (scripts/demo.ts), whatever the hour of the run
    const world = buildWorld({ seed: 1, utcOffsetMinutes: demoUtcOffset(start) });
    const incidents = incidentsOf(parseIncident('billing@+2m'), world, start);
    let sent = 0;
    let caughtUp: () => void = () => {};
    const historyPosted = new Promise<void>((r) => (caughtUp = r));
    const feed = runLive({
      url: stack.url,
      token: TOKENS.ingest,
      seed: 1,
      world,
      historyMs: historyHours * 3600_000,
      speed,
      incidents,
      idPrefix: `bytes${start.toString(36)}`,
      signal: abort.signal,
      logger: { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} },
      onProgress: (p) => {
        sent = p.sent;
        if (p.simTime >= start) caughtUp();
      },
    });
    await historyPosted;
    // let live state take the history in before measuring
    await new Promise((r) => setTimeout(r, 5_000));
    const ws = new WebSocket(`${stack.url.replace('http', 'ws')}/v1/live/stream?token=${TOKENS.viewer}`);
    ws.on('error', () => {});
    const byType: Record<string, { n: number; bytes: number }> = {};
    let bytes = 0;
    let first = 0;
    ws.on('message', (data: Buffer) => {
      const type = (JSON.parse(data.toString()) as { type?: string }).type ?? '?';
      const t = (byType[type] ??= { n: 0, bytes: 0 });
      if (bytes === 0) first = data.length;
      t.n++;
      t.bytes += data.length;
      bytes += data.length;
    });
    await new Promise((r) => ws.once('open', r));
    const sentBefore = sent;
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, duration * 1000));
    const elapsed = (Date.now() - t0) / 1000;
    ws.close();
    abort.abort();
    await feed.catch(() => {});
    const rate = bytes / 1024 / elapsed;
    const kinds = Object.entries(byType)
      .map(([k, v]) => `${k} ${v.n} (${Math.round(v.bytes / 1024)} KB)`)
      .join(', ');
    return [
      {
        name: `bytes per wall-board client at the demo's load (${Math.round(elapsed)} s)`,
        value: rate,
        unit: 'KB/s',
        target: '≤ 10 KB/s',
        met: rate <= 10,
        notes: `${Math.round(bytes / 1024)} KB in ${Math.round(elapsed)} s, first message ${Math.round(first / 1024)} KB; ${kinds}; ${((sent - sentBefore) / elapsed).toFixed(1)} events/s`,
      },
    ];
  } finally {
    abort.abort();
    await stack.stop();
  }
}

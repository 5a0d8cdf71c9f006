// 1,000 WebSocket clients on one process: every client gets each update within 1 s; the server's CPU.
import WebSocket from 'ws';
import type { LiveMessage } from '@pulse/contracts';
import { cpuSeconds, percentile, seconds, startStack, TOKENS, type Result } from '../lib.ts';

export async function wsFanout(): Promise<Result[]> {
  const clients = Number(process.env.BENCH_WS_CLIENTS ?? 1000);
  const duration = seconds('BENCH_SECONDS', 20);
  const stack = await startStack();
  try {
    const sentAt: number[] = [];
    const delays: number[] = [];
    const seen = new Array<number>(clients).fill(0);
    const sockets: WebSocket[] = [];
    for (let c = 0; c < clients; c++) {
      const ws = new WebSocket(`${stack.url.replace('http', 'ws')}/v1/live/stream?token=${TOKENS.viewer}&queue=fan`);
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as LiveMessage;
        if (m.type !== 'snapshot') return;
        const w = m.snapshot.queues.fan?.waiting ?? 0;
        const now = Date.now();
        for (; seen[c] < w && seen[c] < sentAt.length; seen[c]++) delays.push(now - sentAt[seen[c]]);
      });
      ws.on('error', () => {});
      sockets.push(ws);
    }
    await Promise.all(sockets.map((ws) => (ws.readyState === ws.OPEN ? null : new Promise((r) => ws.once('open', r)))));
    const pid = stack.server.proc.pid!;
    const cpu0 = cpuSeconds(pid);
    const t0 = Date.now();
    const stamp = Date.now();
    for (let i = 0; Date.now() - t0 < duration * 1000; i++) {
      sentAt.push(Date.now());
      await fetch(`${stack.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}` },
        body: JSON.stringify({ id: `fan-${stamp}-${i}`, type: 'chat.requested', ts: Date.now(), chat_id: `fan-${stamp}-${i}`, queue: 'fan' }),
      }).then((r) => r.arrayBuffer());
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 2000));
    const cpu = (cpuSeconds(pid) - cpu0) / ((Date.now() - t0) / 1000);
    for (const ws of sockets) ws.close();
    const expected = clients * sentAt.length;
    const within = delays.filter((d) => d <= 1000).length;
    return [
      {
        name: `${clients} WebSocket clients: updates delivered within 1 s`,
        value: (100 * within) / expected,
        unit: '%',
        target: 'every client gets each update within 1 s',
        met: within === expected,
        notes: `p50 ${percentile(delays, 50)} ms, p99 ${percentile(delays, 99)} ms, max ${Math.max(...delays)} ms over ${sentAt.length} updates`,
      },
      { name: `${clients} WebSocket clients: server CPU`, value: Math.round(cpu * 100), unit: '% of one core', notes: 'while pushing ~5 updates/s to every client' },
    ];
  } finally {
    await stack.stop();
  }
}

// Graceful shutdown on SIGTERM: WebSocket clients are closed cleanly (1001), requests in flight finish,
// nothing accepted is lost, and the process exits 0.
import WebSocket from 'ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { TOKENS } from '../support/pulse.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { startServerProcess } from '../support/process.ts';
import { tmpFolder } from '../support/tmp.ts';

let redis: TestRedis;
const data = tmpFolder('shutdown');
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
  data.remove();
});

describe('graceful shutdown', () => {
  it('closes sockets with 1001, finishes what is in flight, loses nothing, exits 0', async () => {
    const port = await freePort();
    const server = await startServerProcess({ PORT: String(port), REDIS_URL: redis.url, PULSE_DATA_DIR: data.path, PULSE_WORKER_HISTORY: 'false' });
    const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/live/stream?token=${TOKENS.viewer}`);
    await new Promise((r) => ws.once('message', r));
    const closed = new Promise<number>((r) => ws.once('close', (code) => r(code)));

    const batch = Array.from({ length: 5000 }, (_, i) => ({ id: `sd-${i}`, type: 'chat.requested', ts: Date.now(), chat_id: `sd-${i}`, queue: 'sq' }));
    const inFlight = fetch(`http://127.0.0.1:${port}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}` },
      body: JSON.stringify(batch),
    }).then(
      async (r) => ({ status: r.status, body: (await r.json()) as { accepted: number } }),
      () => ({ status: 0, body: { accepted: 0 } }),
    );
    await new Promise((r) => setTimeout(r, 20));
    server.proc.kill('SIGTERM');
    const [code, reply, wsCode] = await Promise.all([server.exited, inFlight, closed]);
    expect(code).toBe(0);
    expect(wsCode).toBe(1001);
    // the request either finished (202, all appended) or was never taken (connection refused) — never half
    const r = new Redis(redis.url);
    const entries = await r.xrange('pulse:events', '-', '+');
    const stored = entries.flatMap(([, f]) => JSON.parse(f[f.indexOf('e') + 1]) as { id: string }[]).filter((e) => e.id.startsWith('sd-'));
    r.disconnect();
    if (reply.status === 202) {
      expect(reply.body.accepted).toBe(5000);
      expect(stored).toHaveLength(5000);
    } else {
      expect(reply.status).toBe(0);
      expect(stored).toHaveLength(0);
    }
  });
});

// Graceful shutdown on SIGTERM: WebSocket clients are closed cleanly (1001), requests in flight finish,
// nothing accepted is lost, and the process exits 0.
import { mkdirSync, writeFileSync } from 'node:fs';
import WebSocket from 'ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/ports.ts';
import { TOKENS } from '../support/pulse.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { startServerProcess } from '../support/process.ts';
import { tmpFolder } from '../support/tmp.ts';
import { ARTIFACTS } from '../support/browser.ts';

let redis: TestRedis;
const data = tmpFolder('shutdown');
const shutdownTimes: Record<string, { ms: number; code: number | null | string }> = {};
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
  data.remove();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}shutdown-times.json`, `${JSON.stringify(shutdownTimes, null, 2)}\n`);
});

describe('shutdown while Redis is unreachable', () => {
  // Before: consumers waited for their blocked stream reads, which waited for Redis: SIGTERM never finished.
  const DEADLINE_MS = 3_000;
  const cases = [
    // the server knows Redis is unreachable (a hung one: at its first timed-out command): it stops without
    // waiting for Redis, cleanly (exit 0)
    { name: 'down', how: 'down', env: {}, code: 0 },
    { name: 'hung', how: 'hung', env: {}, code: 0 },
    // commands may wait 60 s: the stop waits for Redis (a command, a blocked read) until the deadline cuts it short (exit 1)
    { name: 'hung, 60 s command timeout', how: 'hung', env: { PULSE_REDIS_COMMAND_TIMEOUT_MS: '60000' }, code: 1 },
  ] as const;
  for (const { name, how, env, code: expected } of cases) {
    it(`exits within shutdownTimeoutMs (${DEADLINE_MS} ms) after SIGTERM with Redis ${name}`, async () => {
      const own = await startRedis();
      const dir = tmpFolder(`shutdown-${how}`);
      try {
        const port = await freePort();
        const server = await startServerProcess(
          { PORT: String(port), REDIS_URL: own.url, PULSE_DATA_DIR: dir.path, PULSE_SHUTDOWN_TIMEOUT_MS: String(DEADLINE_MS), ...env },
          60_000,
        );
        const ws = new WebSocket(`ws://127.0.0.1:${port}/v1/live/stream?token=${TOKENS.viewer}`);
        await new Promise((r) => ws.once('message', r));
        if (how === 'down') own.kill();
        else own.pause();
        await new Promise((r) => setTimeout(r, 1_500));
        const t0 = performance.now();
        server.proc.kill('SIGTERM');
        const code = await Promise.race([server.exited, new Promise<'still running'>((r) => setTimeout(() => r('still running'), DEADLINE_MS + 3_000))]);
        const tookMs = performance.now() - t0;
        if (code === 'still running') await server.kill('SIGKILL');
        shutdownTimes[name] = { ms: Math.round(tookMs), code };
        expect(code, server.output()).toBe(expected);
        expect(tookMs).toBeLessThan(DEADLINE_MS + 1500); // the deadline, and the process's own exit
        if (expected === 1) expect(tookMs).toBeGreaterThan(DEADLINE_MS - 400);
        ws.terminate();
      } finally {
        own.resume();
        await own.stop();
        dir.remove();
      }
    }, 90_000);
  }
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
    const stored = entries.flatMap(([, f]) => JSON.parse(f[f.indexOf('e') + 1]!) as { id: string }[]).filter((e) => e.id.startsWith('sd-'));
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

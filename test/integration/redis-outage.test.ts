// Redis unreachable, both ways it can be: down (its process gone: connections refused) and hung (SIGSTOP:
// connections stay open and nothing answers, like a network that drops packets). Meanwhile ingest and the
// REST reads that need Redis answer 503 with Retry-After within 1 s, nothing is held, /readyz answers 503
// with the reason within 1 s, heartbeats say live state is unavailable; with Redis back everything works
// again by itself and nothing refused was half-taken.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS } from '../support/browser.ts';
import { eventually, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

let redis: TestRedis;
let pulse: TestPulse;
let ws: WebSocket;
const heartbeats: { received: number; live?: string; reason?: string; snapshot_at?: string | null }[] = [];
const snapshots: string[] = [];
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  redis = await startRedis();
  pulse = await startTestPulse({ workers: { live: true, history: false } }, redis);
  ws = new WebSocket(`${pulse.url.replace('http', 'ws')}/v1/live/stream?token=${TOKENS.viewer}`);
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { type: string; live?: string; reason?: string; snapshot_at?: string | null; snapshot?: { at: string }; at?: string };
    if (m.type === 'heartbeat') heartbeats.push({ received: Date.now(), live: m.live, reason: m.reason, snapshot_at: m.snapshot_at });
    if (m.type === 'snapshot') snapshots.push(m.snapshot!.at);
    // a patch brings the stream's state to its `at`
    if (m.type === 'patch') snapshots.push(m.at!);
  });
  await new Promise((r) => ws.once('message', r));
});
afterAll(async () => {
  ws?.close();
  await pulse?.close();
  await redis?.stop();
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(`${ARTIFACTS}redis-outage.json`, `${JSON.stringify(figures, null, 2)}\n`);
});

const chat = (id: string) => ({ id, type: 'chat.requested', ts: Date.now(), chat_id: id, queue: 'outage' });

async function timed<T>(f: () => Promise<T>): Promise<T & { ms: number }> {
  const t = performance.now();
  const v = await f();
  return { ...v, ms: performance.now() - t };
}

const get = (path: string, token: string | null = TOKENS.viewer) =>
  timed(async () => {
    const res = await fetch(`${pulse.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
    return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as any };
  });
const post = (body: unknown) => timed(async () => postEvents(pulse.url, body)).then((r) => ({ ...r, retryAfter: r.headers.get('retry-after') }));

/** The stream's event ids. */
async function storedIds(): Promise<Set<string>> {
  const r = new Redis(redis.url);
  const entries = await r.xrange('pulse:events', '-', '+');
  r.disconnect();
  return new Set(entries.flatMap(([, f]) => (JSON.parse(f[f.indexOf('e') + 1]!) as { id: string }[]).map((e) => e.id)));
}

/** For `ms`, every 200 ms: a batch, 10 posts at once, GET /v1/live, /v1/alerts and /readyz; returns the slowest of each. */
async function probeOutage(tag: string, ms: number) {
  const slowest = { ingest: 0, concurrent: 0, live: 0, alerts: 0, readyz: 0 };
  const refused: string[] = [];
  const until = Date.now() + ms;
  for (let round = 0; Date.now() < until; round++) {
    const batch = Array.from({ length: 50 }, (_, i) => chat(`${tag}-${round}-${i}`));
    const [one, many, live, alerts, ready] = await Promise.all([
      post(batch),
      Promise.all(Array.from({ length: 10 }, (_, i) => post(chat(`${tag}-${round}-c${i}`)))),
      get('/v1/live'),
      get('/v1/alerts'),
      get('/readyz', null),
    ]);
    for (const r of [one, ...many]) {
      expect(r.status).toBe(503);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
      expect(r.body.error).toMatch(/unavailable/);
    }
    refused.push(...batch.map((e) => e.id), ...many.map((_, i) => `${tag}-${round}-c${i}`));
    for (const r of [live, alerts]) {
      expect(r.status).toBe(503);
      expect(Number(r.retryAfter)).toBeGreaterThan(0);
    }
    expect(ready.status).toBe(503);
    expect(ready.body.status).toBe('not ready');
    expect(ready.body.checks.redis ?? ready.body.checks.probe).not.toBe('ok');
    slowest.ingest = Math.max(slowest.ingest, one.ms);
    slowest.concurrent = Math.max(slowest.concurrent, ...many.map((r) => r.ms));
    slowest.live = Math.max(slowest.live, live.ms);
    slowest.alerts = Math.max(slowest.alerts, alerts.ms);
    slowest.readyz = Math.max(slowest.readyz, ready.ms);
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const [what, v] of Object.entries(slowest)) expect(v, `slowest ${what}`).toBeLessThan(1_000);
  return { slowest, refused };
}

describe('Redis unreachable', () => {
  it('down: 503 with Retry-After within 1 s, /readyz 503 within 1 s, heartbeats say unavailable; back by itself', async () => {
    expect((await post(chat('before-down'))).status).toBe(202);
    expect((await get('/readyz', null)).status).toBe(200);

    redis.kill();
    const killedAt = Date.now();
    await new Promise((r) => setTimeout(r, 100));
    const { slowest, refused } = await probeOutage('down', 4_000);
    const hb = heartbeats.find((h) => h.received > killedAt && h.live === 'unavailable');
    expect(hb, 'a heartbeat that says live state is unavailable').toBeDefined();
    expect(hb!.reason).toMatch(/redis/);
    expect(hb!.received - killedAt).toBeLessThan(2_500); // the next heartbeat (every 2 s)

    await redis.restart();
    const backAt = Date.now();
    const again = await eventually(
      () => post(chat('after-down')),
      (r) => r.status === 202,
      10_000,
    );
    expect(again.status).toBe(202);
    const recoveredMs = Date.now() - backAt;
    // every connection is back soon after the first: readiness waits for the stream readers too (reconnect back-off)
    const ready = await eventually(
      () => get('/readyz', null),
      (r) => r.status === 200,
      5_000,
    );
    expect(ready.status).toBe(200);
    expect((await get('/v1/live')).status).toBe(200);
    await eventually(
      async () => heartbeats.at(-1)!,
      (h) => h.live === 'ok' && h.received > backAt,
      10_000,
    );
    expect(heartbeats.at(-1)!.live).toBe('ok');
    // back, the server pushed a fresh snapshot before saying 'ok', and its heartbeats name that snapshot
    expect(Date.parse(snapshots.at(-1)!)).toBeGreaterThan(backAt);
    expect(heartbeats.at(-1)!.snapshot_at).toBe(snapshots.at(-1));

    // nothing refused was taken: none is in the stream, and sent again each is accepted, not a duplicate
    const stored = await storedIds();
    expect(refused.filter((id) => stored.has(id))).toEqual([]);
    const resent = await post(refused.slice(0, 500).map(chat));
    expect(resent.status).toBe(202);
    expect(resent.body.accepted).toBe(500);
    figures.down = {
      slowestMs: slowest,
      refusedEvents: refused.length,
      heartbeatUnavailableAfterMs: hb!.received - killedAt,
      acceptedAgainAfterRestartMs: recoveredMs,
    };
  }, 40_000);

  it('hung (SIGSTOP): 503 with Retry-After within 1 s, /readyz 503 within 1 s, heartbeats say unavailable; back by itself', async () => {
    expect((await post(chat('before-hang'))).status).toBe(202);
    redis.pause();
    const pausedAt = Date.now();
    try {
      const { slowest, refused } = await probeOutage('hung', 4_000);
      await eventually(
        async () => heartbeats.at(-1)!,
        (h) => h.received > pausedAt && h.live === 'unavailable',
        6_000,
      );
      const hb = heartbeats.find((h) => h.received > pausedAt && h.live === 'unavailable')!;
      expect(hb).toBeDefined();
      figures.hung = { slowestMs: slowest, refusedEvents: refused.length, heartbeatUnavailableAfterMs: hb.received - pausedAt };
      redis.resume();
      const resumedAt = Date.now();
      await eventually(
        () => post(chat('after-hang')),
        (r) => r.status === 202,
        10_000,
      );
      // the live consumer may have failed on a timed-out command: it retries within its backoff
      const ready = await eventually(
        () => get('/readyz', null),
        (r) => r.status === 200,
        10_000,
      );
      expect(ready.body).toEqual({ status: 'ready', parts: { ingest: 'ready', live: 'ready', history: 'disabled' }, checks: { redis: 'ok' } });
      await eventually(
        async () => heartbeats.at(-1)!,
        (h) => h.live === 'ok' && h.received > resumedAt,
        10_000,
      );
      expect(heartbeats.at(-1)!.live).toBe('ok');
      // a command that timed out may have run once Redis answered again: sending again is safe, each id once
      const resent = await post(refused.slice(0, 500).map(chat));
      expect(resent.status).toBe(202);
      expect(resent.body.accepted + resent.body.duplicates).toBe(500);
      const r = new Redis(redis.url);
      const entries = await r.xrange('pulse:events', '-', '+');
      r.disconnect();
      const ids = entries.flatMap(([, f]) => (JSON.parse(f[f.indexOf('e') + 1]!) as { id: string }[]).map((e) => e.id));
      expect(ids.length).toBe(new Set(ids).size);
    } finally {
      redis.resume();
    }
  }, 40_000);
});

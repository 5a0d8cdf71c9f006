// Issue 13: caps on open live streams per token and per client address, counted in Redis so they hold
// across instances, answered at upgrade time with 429 + Retry-After naming the limit; and kiosk streams
// are not counted against the per-token REST budget (a floor of wall displays shares one viewer token).
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

let redis: TestRedis;
let a: TestPulse;
let b: TestPulse;
const settings = {
  workers: { live: false, history: false },
  alerts: { enabled: false },
  ws: { maxPerToken: 3, maxPerAddress: 5 },
  rateLimit: { enabled: true, readPerMinute: 5 },
};
beforeAll(async () => {
  redis = await startRedis();
  a = await startTestPulse(settings, redis);
  b = await startTestPulse(settings, redis);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await redis?.stop();
});

interface Upgrade {
  status: number;
  ws?: WebSocket;
  retryAfter?: string;
  body?: string;
}

function upgrade(t: TestPulse, token: string): Promise<Upgrade> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/live/stream?token=${token}`);
    ws.on('error', () => {});
    ws.on('open', () => resolve({ status: 101, ws }));
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += String(c)));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] as string | undefined, body }));
    });
  });
}

async function metric(t: TestPulse, name: string): Promise<number> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
}

const open: WebSocket[] = [];
async function closeAll(): Promise<void> {
  for (const ws of open.splice(0)) ws.close();
  // the count of a stream is released when its connection closes on the server
  await eventually(
    async () => (await metric(a, 'pulse_websocket_clients')) + (await metric(b, 'pulse_websocket_clients')),
    (n) => n === 0,
  );
  await new Promise((r) => setTimeout(r, 100));
}

async function opened(t: TestPulse, token: string): Promise<void> {
  const u = await upgrade(t, token);
  expect(u.status).toBe(101);
  open.push(u.ws!);
}

describe('connection caps', () => {
  it('refuses the stream past the per-token cap, counted across instances, with 429 and Retry-After', async () => {
    await opened(a, TOKENS.viewer);
    await opened(a, TOKENS.viewer);
    await opened(b, TOKENS.viewer);
    const refused = await upgrade(b, TOKENS.viewer);
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(JSON.parse(refused.body!).error).toMatch(/too many live streams for this token: the limit is 3 \(ws\.maxPerToken\)/);
    expect((await upgrade(a, TOKENS.viewer)).status).toBe(429);
    expect((await metric(a, 'pulse_websocket_refused_token_total')) + (await metric(b, 'pulse_websocket_refused_token_total'))).toBe(2);
    // another token is not held back by this one
    await opened(b, TOKENS.manager);
    // a closed stream frees its place
    open.shift()!.close();
    const again = await eventually(
      () => upgrade(b, TOKENS.viewer),
      (u) => u.status === 101 || (u.ws?.close(), false),
      5_000,
    );
    expect(again.status).toBe(101);
    open.push(again.ws!);
    await closeAll();
  });

  it('refuses the stream past the per-address cap, whatever the token', async () => {
    await opened(a, TOKENS.viewer);
    await opened(b, TOKENS.viewer);
    await opened(a, TOKENS.manager);
    await opened(b, TOKENS.lead);
    await opened(a, TOKENS.lead);
    const refused = await upgrade(b, TOKENS.admin);
    expect(refused.status).toBe(429);
    expect(JSON.parse(refused.body!).error).toMatch(/client address: the limit is 5 \(ws\.maxPerAddress\)/);
    expect(await metric(b, 'pulse_websocket_refused_address_total')).toBe(1);
    await closeAll();
  });

  it('stops counting the streams of an instance that died once its registry entry is stale', async () => {
    const r = new Redis(redis.url);
    try {
      const key = `pulse:ws:token:${createHash('sha256').update(TOKENS.viewer).digest('hex').slice(0, 24)}`;
      // an instance that refreshed its entry just now holds 3 viewer streams: the cap is reached
      await r.zadd('pulse:ws:instances', Date.now(), 'alive-elsewhere');
      await r.hset(key, 'alive-elsewhere', 3);
      expect((await upgrade(a, TOKENS.viewer)).status).toBe(429);
      // one whose last refresh is a minute old died: its 3 streams no longer count
      await r.zadd('pulse:ws:instances', Date.now() - 60_000, 'alive-elsewhere');
      await opened(a, TOKENS.viewer);
      expect(await r.hget(key, 'alive-elsewhere')).toBeNull();
    } finally {
      r.disconnect();
    }
    await closeAll();
  });

  it('does not count kiosk streams against the REST budget of their token', async () => {
    // readPerMinute is 5: ten streams opened and closed in a row with the viewer token all get through
    for (let i = 0; i < 10; i++) {
      const u = await upgrade(i % 2 ? a : b, TOKENS.viewer);
      expect(u.status).toBe(101);
      u.ws!.close();
      await eventually(
        async () => (await metric(a, 'pulse_websocket_clients')) + (await metric(b, 'pulse_websocket_clients')),
        (n) => n === 0,
      );
    }
    // …while REST reads with that token are still limited
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await fetch(`${a.url}/v1/live?token=${TOKENS.viewer}`)).status);
    expect(statuses).toContain(429);
    // and guessing tokens on the stream is still limited (by the budget for unknown tokens)
    const guesses: number[] = [];
    for (let i = 0; i < 40; i++) guesses.push((await upgrade(a, 'not-a-token-at-all')).status);
    expect(guesses).toContain(401);
    expect(guesses).toContain(429);
  });
});

describe('connection caps while Redis is down', () => {
  it('hold per instance', async () => {
    await closeAll();
    redis.kill();
    try {
      for (let i = 0; i < 3; i++) await opened(a, TOKENS.viewer);
      const refused = await upgrade(a, TOKENS.viewer);
      expect(refused.status).toBe(429);
      expect(JSON.parse(refused.body!).error).toMatch(/ws\.maxPerToken/);
      // the other instance counts its own
      await opened(b, TOKENS.viewer);
    } finally {
      for (const ws of open.splice(0)) ws.close();
      await redis.restart();
    }
  });
});

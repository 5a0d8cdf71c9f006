// Backpressure: when the stream's backlog passes one of its bounds — entries held, events not yet delivered
// to the live group, bytes held — ingest answers 503 with Retry-After and takes nothing of the batch; once
// consumers catch up it accepts again by itself. Bounds are in events and bytes, not only entries: one entry
// holds a whole batch (up to 5,000 events, 5 MiB).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateEvent } from '@pulse/contracts';
import { eventually, getJson, postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

const chat = (i: number | string, prefix = 'bp') => ({ id: `${prefix}-${i}`, type: 'chat.requested', ts: Date.now(), chat_id: `${prefix}-c${i}`, queue: 'bq' });

/** The stream's entries: id, events held ('n'), running totals of events ('c') and bytes ('b'), and the size of 'e'. */
async function entries(r: Redis): Promise<{ id: string; n: number; c: number; b: number; bytes: number }[]> {
  return (await r.xrange('pulse:events', '-', '+')).map(([id, f]) => {
    const get = (k: string) => f[f.indexOf(k) + 1]!;
    return { id, n: Number(get('n')), c: Number(get('c')), b: Number(get('b')), bytes: Buffer.byteLength(get('e')) };
  });
}

describe('backpressure: entries', () => {
  let redis: TestRedis;
  let front: TestPulse;
  beforeAll(async () => {
    redis = await startRedis();
    // an instance that only takes events: nothing consumes the stream yet
    front = await startTestPulse(
      { workers: { live: false, history: false }, alerts: { enabled: false }, stream: { maxBacklog: 100, trimIntervalMs: 200 } },
      redis,
    );
  });
  afterAll(async () => {
    await front?.close();
    await redis?.stop();
  });

  it('answers 503 with Retry-After past the bound, accepts nothing of that batch, and recovers', async () => {
    for (let i = 0; i < 100; i++) expect((await postEvents(front.url, chat(i))).status).toBe(202);
    const full = await postEvents(front.url, [chat(100), chat(101)]);
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('2');
    expect(full.body.error).toBe('the event stream is full (the event stream holds 100 entries, bound 100); nothing of this batch was accepted, retry later');
    const r = new Redis(redis.url);
    expect(await r.exists('pulse:seen:bp-100')).toBe(0);

    // a consuming instance starts: the backlog drains, the stream is trimmed, ingest accepts again
    const worker = await startTestPulse({ alerts: { enabled: false }, stream: { trimIntervalMs: 200 } }, redis);
    try {
      const again = await eventually(
        () => postEvents(front.url, [chat(100), chat(101)]),
        (x) => x.status === 202,
        15_000,
      );
      expect(again.body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    } finally {
      await worker.close();
      r.disconnect();
    }
  });
});

describe('backpressure: events behind the live group (default bound 2,000)', () => {
  let redis: TestRedis;
  let front: TestPulse;
  beforeAll(async () => {
    redis = await startRedis();
    // the live group stalls: no instance applies events; entries and bytes have room to spare
    front = await startTestPulse({ workers: { live: false, history: false }, alerts: { enabled: false } }, redis);
  });
  afterAll(async () => {
    await front?.close();
    await redis?.stop();
  });

  it('refuses batches while the live view is 2,000 events behind or more, whatever the entries', async () => {
    const batch = (k: number, n = 2_000) => Array.from({ length: n }, (_, i) => chat(`${k}-${i}`, 'ev'));
    // before the fix, only entries counted: 2,000-event batches were accepted on and on (814,000 events in 40 s)
    expect((await postEvents(front.url, batch(1, 1_500))).status).toBe(202); // behind by 0
    expect((await postEvents(front.url, batch(2))).status).toBe(202); // behind by 1,500 < 2,000: the whole batch
    const third = await postEvents(front.url, batch(3)); // behind by 3,500 ≥ 2,000
    expect(third.status).toBe(503);
    expect(third.headers.get('retry-after')).toBe('1');
    expect(third.body.error).toBe(
      'the event stream is full (the live view is behind by 3500 events, bound 2000); nothing of this batch was accepted, retry later',
    );
    const one = await postEvents(front.url, chat('one', 'ev'));
    expect(one.status).toBe(503);
    expect(one.body.error).toContain('behind by 3500 events, bound 2000');

    const r = new Redis(redis.url);
    try {
      // nothing of the refused batches was taken: no dedup mark, no entry
      expect(await r.exists('pulse:seen:ev-3-0', 'pulse:seen:ev-one')).toBe(0);
      const held = await entries(r);
      expect(held.map((e) => e.n)).toEqual([1_500, 2_000]);
      expect(held.map((e) => e.c)).toEqual([1_500, 3_500]);
      expect(held.at(-1)!.b).toBe(held.reduce((n, e) => n + e.bytes, 0));

      // the live group starts applying: the backlog drains and ingest accepts again by itself
      const worker = await startTestPulse({ workers: { live: true, history: false }, alerts: { enabled: false } }, redis);
      try {
        const again = await eventually(
          () => postEvents(front.url, batch(3)),
          (x) => x.status === 202,
          30_000,
        );
        expect(again.body).toEqual({ accepted: 2_000, duplicates: 0, rejected: [] });
        const live = await eventually(
          () => getJson(worker.url, '/v1/live'),
          (x) => x.body.queues.bq?.waiting === 5_500,
          30_000,
        );
        expect(live.body.queues.bq.waiting).toBe(5_500);
      } finally {
        await worker.close();
      }
    } finally {
      r.disconnect();
    }
  }, 90_000);
});

describe('backpressure: bytes held in the stream', () => {
  const TS = Date.parse('2026-01-05T10:00:00Z');
  const event = (k: number, i: number) => ({
    id: `by-${k}-${String(i).padStart(3, '0')}`,
    type: 'chat.requested',
    ts: TS,
    chat_id: `by-c${k}-${i}`,
    queue: 'bq',
  });
  const batch = (k: number) => Array.from({ length: 100 }, (_, i) => event(k, i));
  // the bytes of one batch as the stream holds it: its events as validated, in a JSON array
  const bytesOf = (b: ReturnType<typeof batch>) =>
    2 + b.length - 1 + b.reduce((n, e) => n + Buffer.byteLength(JSON.stringify((validateEvent(e, Date.now()) as { event: unknown }).event)), 0);
  const size = bytesOf(batch(1));
  const bound = Math.floor(2.5 * size);
  let redis: TestRedis;
  let front: TestPulse;
  beforeAll(async () => {
    redis = await startRedis();
    front = await startTestPulse(
      {
        workers: { live: false, history: false },
        alerts: { enabled: false },
        stream: { maxBacklogBytes: bound, maxLiveLagEvents: 1_000_000, trimIntervalMs: 200 },
      },
      redis,
    );
  });
  afterAll(async () => {
    await front?.close();
    await redis?.stop();
  });

  it('refuses batches while the stream holds maxBacklogBytes or more, and takes them again once trimmed', async () => {
    for (const k of [1, 2, 3]) expect((await postEvents(front.url, batch(k))).status).toBe(202); // holding 0, 1, 2 × size < 2.5 × size
    const full = await postEvents(front.url, batch(4));
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('5');
    expect(full.body.error).toBe(
      `the event stream is full (the event stream holds ${3 * size} bytes, bound ${bound}); nothing of this batch was accepted, retry later`,
    );

    const r = new Redis(redis.url);
    try {
      const held = await entries(r);
      expect(held.map((e) => e.bytes)).toEqual([size, size, size]);
      expect(held.map((e) => e.b)).toEqual([size, 2 * size, 3 * size]);
      // both groups read and acknowledge everything: the stream is trimmed down to the last entry delivered
      for (const group of ['live', 'history']) {
        const read = (await r.xreadgroup('GROUP', group, 'test', 'COUNT', 100, 'STREAMS', 'pulse:events', '>')) as [string, [string, string[]][]][];
        await r.xack('pulse:events', group, ...read[0]![1].map(([id]) => id));
      }
      await eventually(
        () => r.xlen('pulse:events'),
        (n) => n === 1,
        10_000,
      );
      // holding 1 × size < 2.5 × size. A 503 for another cause (Redis not answering within its command
      // timeout on a loaded machine) is retried as a client would; the stream bound must not refuse it.
      const again = await eventually(
        () => postEvents(front.url, batch(4)),
        (reply) => reply.status !== 503 || String(reply.body.error).startsWith('the event stream is full'),
        10_000,
      );
      expect(again.status, JSON.stringify(again.body)).toBe(202);
      expect((await entries(r)).map((e) => e.b)).toEqual([3 * size, 4 * size]);
    } finally {
      r.disconnect();
    }
  });
});

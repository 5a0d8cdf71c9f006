// Backpressure: when the stream's backlog passes its bound, ingest answers 503 with Retry-After and takes
// nothing of the batch; once consumers catch up it accepts again by itself.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

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

const chat = (i: number) => ({ id: `bp-${i}`, type: 'chat.requested', ts: Date.now(), chat_id: `bp-c${i}`, queue: 'bq' });

describe('backpressure', () => {
  it('answers 503 with Retry-After past the bound, accepts nothing of that batch, and recovers', async () => {
    for (let i = 0; i < 100; i++) expect((await postEvents(front.url, chat(i))).status).toBe(202);
    const full = await postEvents(front.url, [chat(100), chat(101)]);
    expect(full.status).toBe(503);
    expect(full.headers.get('retry-after')).toBe('2');
    expect(full.body.error).toBe('the event stream is full; nothing of this batch was accepted, retry later');
    const r = new Redis(redis.url);
    expect(await r.exists('pulse:seen:bp-100')).toBe(0);

    // a consuming instance starts: the backlog drains, the stream is trimmed, ingest accepts again
    const worker = await startTestPulse({ alerts: { enabled: false }, stream: { trimIntervalMs: 200 } }, redis);
    try {
      const again = await eventually(() => postEvents(front.url, [chat(100), chat(101)]), (x) => x.status === 202, 15_000);
      expect(again.body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
    } finally {
      await worker.close();
      r.disconnect();
    }
  });
});

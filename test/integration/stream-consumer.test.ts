// The stream consumer against a real redis-server: history consumers gather entries for a while into one
// batch (few large ClickHouse inserts), never more than their count, and a failed batch is handed over
// again exactly as it was, even when new entries arrived meanwhile (its dedup token stays valid).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Redis } from 'ioredis';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { connectRedis } from '../../packages/server/src/redis/client.ts';
import { ensureGroup, StreamConsumer, type ConsumerOptions, type StreamEntry } from '../../packages/server/src/stream/consumer.ts';

const log = pino({ level: 'silent' });
let redis: TestRedis;
let writer: Redis;

beforeAll(async () => {
  redis = await startRedis();
  writer = new Redis(redis.url);
});
afterAll(async () => {
  writer.disconnect();
  await redis.stop();
});

const add = (stream: string, n: number) => writer.xadd(stream, '*', 'e', JSON.stringify(Array.from({ length: n }, (_, i) => ({ id: `e${i}` }))), 'r', '0');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(20);
  }
}

async function consume(stream: string, opts: Pick<ConsumerOptions, 'count' | 'lingerMs' | 'batchSize'>, handler: (e: StreamEntry[]) => Promise<void>) {
  const conn = connectRedis(redis.url, log, 'test', 'blocking');
  await ensureGroup(conn, stream, 'g');
  const c = new StreamConsumer(conn, { stream, group: 'g', consumer: 'c1', claimIdleMs: 60_000, blockMs: 200, ...opts }, handler, log);
  c.start();
  return {
    c,
    async stop() {
      await c.stop();
      conn.disconnect();
    },
  };
}

describe('stream consumer batching', () => {
  it('gathers entries that arrive within lingerMs into one batch', async () => {
    const batches: number[] = [];
    const { stop } = await consume('s1', { count: 100, lingerMs: 600 }, async (e) => void batches.push(e.length));
    await add('s1', 1);
    await sleep(100);
    await add('s1', 1);
    await sleep(100);
    await add('s1', 1);
    await until(() => batches.reduce((a, b) => a + b, 0) >= 3);
    await stop();
    expect(batches).toEqual([3]);
  });

  it('without lingerMs hands over what one read returns', async () => {
    const batches: number[] = [];
    const { stop } = await consume('s2', { count: 100 }, async (e) => void batches.push(e.length));
    await add('s2', 1);
    await sleep(150);
    await add('s2', 1);
    await until(() => batches.length >= 2);
    await stop();
    expect(batches).toEqual([1, 1]);
  });

  it('stops gathering at count entries or at the batch size', async () => {
    const byCount: number[] = [];
    for (let i = 0; i < 5; i++) await add('s3', 1);
    const a = await consume('s3', { count: 2, lingerMs: 300 }, async (e) => void byCount.push(e.length));
    await until(() => byCount.reduce((x, y) => x + y, 0) >= 5);
    await a.stop();
    expect(Math.max(...byCount)).toBe(2);

    const byEvents: number[] = [];
    const b = await consume('s4', { count: 100, lingerMs: 400, batchSize: { limit: 500, unit: 'events' } }, async (e) => void byEvents.push(e.length));
    await sleep(50);
    for (let i = 0; i < 4; i++) {
      await add('s4', 300);
      await sleep(50);
    }
    await until(() => byEvents.reduce((x, y) => x + y, 0) >= 4);
    await b.stop();
    // 300 events, then 300 more reach 500: the batch goes; the next two likewise
    expect(byEvents).toEqual([2, 2]);
  });

  it('sizes a batch in bytes when told to', async () => {
    for (let i = 0; i < 6; i++) await add('s7', 10);
    const [entry] = await writer.xrange('s7', '-', '+', 'COUNT', 1);
    expect(entry).toBeDefined();
    const [, fields] = entry!;
    const bytes = fields[1]!.length + fields[3]!.length; // every entry is the same size (fields e and r, written by add)
    const batches: number[] = [];
    const { stop } = await consume(
      's7',
      { count: 100, lingerMs: 300, batchSize: { limit: Math.round(2.5 * bytes), unit: 'bytes' } },
      async (e) => void batches.push(e.length),
    );
    await until(() => batches.reduce((a, b) => a + b, 0) >= 6);
    await stop();
    // one entry to learn the size, then enough for the 1.5 entries of room left (2); then 2.5 entries (3)
    expect(batches).toEqual([3, 3]);
  });

  it('sizes reads to about the batch size in events once it knows how many an entry holds', async () => {
    for (let i = 0; i < 10; i++) await add('s6', 100);
    const batches: number[] = [];
    const { stop } = await consume('s6', { count: 100, batchSize: { limit: 250, unit: 'events' } }, async (e) => void batches.push(e.length));
    await until(() => batches.reduce((a, b) => a + b, 0) >= 10);
    await stop();
    // one entry to learn the size (100 events), then 250 / 100 ≈ 3 entries a read
    expect(batches).toEqual([1, 3, 3, 3]);
  });

  it('hands a failed batch over again unchanged although newer entries wait', async () => {
    const seen: string[][] = [];
    let fail = true;
    const { stop } = await consume('s5', { count: 100, lingerMs: 300 }, async (e) => {
      seen.push(e.map((x) => x.id));
      if (fail) {
        fail = false;
        await add('s5', 1); // arrives while the first batch is being handled
        throw new Error('insert failed');
      }
    });
    await add('s5', 1);
    await add('s5', 1);
    await until(() => seen.length >= 3);
    await stop();
    expect(seen[0]).toHaveLength(2);
    expect(seen[1]).toEqual(seen[0]);
    expect(seen[2]).toHaveLength(1);
    expect(seen[2]![0]! > seen[0]![1]!).toBe(true);
  });
});

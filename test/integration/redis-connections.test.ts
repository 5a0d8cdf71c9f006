// Redis connections against a real redis-server: the subscriber connection takes a subscription made
// while it is still being set up (between its socket connecting and it being ready). With ioredis's ready
// check on, that SUBSCRIBE goes out first and the check's INFO is refused in subscriber mode, which tore
// the connection down and failed the subscription: a server starting under load exited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { connectRedis } from '../../packages/server/src/redis/client.ts';

const log = pino({ level: 'silent' });
let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

describe('subscriber connection', () => {
  it('keeps a subscription made before it is ready, and receives on it', { timeout: 10_000 }, async () => {
    const sub = connectRedis(redis.url, log, 'sub', 'subscriber');
    const pub = connectRedis(redis.url, log, 'pub');
    try {
      await new Promise((r) => sub.once('connect', r));
      await sub.subscribe('t:chan');
      const got = new Promise((r) => sub.once('message', (_c: string, m: string) => r(m)));
      await pub.publish('t:chan', 'hello');
      expect(await got).toBe('hello');
      expect(sub.status).toBe('ready');
    } finally {
      sub.disconnect();
      pub.disconnect();
    }
  });
});

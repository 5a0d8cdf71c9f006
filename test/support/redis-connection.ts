// A real redis-server for one test file and one Pulse `commands` connection to it (as the server makes
// them), started before the file's tests and stopped after them.
import { pino } from 'pino';
import { afterAll, beforeAll } from 'vitest';
import { connectRedis } from '../../packages/server/src/redis/client.ts';
import type { PulseRedis } from '../../packages/server/src/redis/scripts.ts';
import { startRedis, type TestRedis } from './redis.ts';

export function useRedisConnection(name: string): { readonly r: PulseRedis } {
  let redis: TestRedis | undefined;
  let conn: PulseRedis | undefined;
  beforeAll(async () => {
    redis = await startRedis();
    conn = connectRedis(redis.url, pino({ level: 'silent' }), name);
  });
  afterAll(async () => {
    conn?.disconnect();
    await redis?.stop();
  });
  return {
    get r(): PulseRedis {
      if (!conn) throw new Error('the Redis connection is made before the tests run');
      return conn;
    },
  };
}

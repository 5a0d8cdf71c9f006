// The SLA ticker (live/sla-ticker.ts) reads the due-time index through the instance's live-state reader,
// under its prefix: a moment that passed since the last tick (and only then) is announced once, at-risk
// moments as well as due ones; breach records older than two days are dropped; with Redis unreachable it
// reads nothing.
import { OVERALL, queueScope, scopeSetKey } from '@pulse/metrics';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisStateReader } from '../../packages/server/src/live/reader.ts';
import { SlaTicker } from '../../packages/server/src/live/sla-ticker.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';

const P = 'tk:live:';
const DAY = 86_400_000;
let server: TestRedis;
let redis: Redis;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
  await new Promise<void>((resolve) => (redis.status === 'ready' ? resolve() : redis.once('ready', () => resolve())));
});
afterAll(async () => {
  redis?.disconnect();
  await server?.stop();
});

function ticker() {
  const heard = { moments: 0 };
  const t = new SlaTicker({
    reader: new RedisStateReader(redis, P),
    redis,
    livePrefix: P,
    listener: { moment: () => heard.moments++ },
    log: pino({ level: 'silent' }),
  });
  return { t, heard };
}

describe('SLA ticker', () => {
  it('announces each due or at-risk moment once, in the tick that passes it', async () => {
    const { t, heard } = ticker();
    const base = Date.now() + 60_000; // after the ticker's start: its first look covers everything until then
    await redis.zadd(P + scopeSetKey('sladue', OVERALL), base + 500, 'chat:1');
    await redis.zadd(P + scopeSetKey('slarisk', OVERALL), base + 800, 'chat:2');
    // other sets and keys outside the prefix are not the ticker's: they announce nothing
    await redis.zadd(P + scopeSetKey('sladue', queueScope('vip')), base + 1_100, 'chat:3');
    await redis.zadd(scopeSetKey('sladue', OVERALL), base + 1_100, 'chat:4');

    expect(await t.tick(base + 400)).toBe(false);
    expect(await t.tick(base + 500)).toBe(true); // the moment itself has passed
    expect(await t.tick(base + 600)).toBe(false); // already announced
    expect(await t.tick(base + 900)).toBe(true); // at risk
    expect(await t.tick(base + 1_200)).toBe(false);
    expect(heard.moments).toBe(2);
  });

  it('drops breach records older than two days at its first tick', async () => {
    const now = Date.now() + 1_000;
    const key = P + scopeSetKey('slabreach', queueScope('vip'));
    await redis.zadd(key, now - 3 * DAY, 'old', now - 2 * DAY + 60_000, 'kept', now - 3_600_000, 'recent');
    const { t } = ticker();
    await t.tick(now);
    expect(await redis.zrange(key, 0, -1)).toEqual(['kept', 'recent']);
  });

  it('reads nothing while Redis is unreachable', async () => {
    const down = new Redis(server.url, { lazyConnect: true });
    const heard = { moments: 0 };
    const t = new SlaTicker({
      reader: new RedisStateReader(down, P),
      redis: down,
      livePrefix: P,
      listener: { moment: () => heard.moments++ },
      log: pino({ level: 'silent' }),
    });
    await redis.zadd(P + scopeSetKey('sladue', OVERALL), Date.now() + 100, 'chat:5');
    expect(await t.tick(Date.now() + 200)).toBe(false);
    expect(heard.moments).toBe(0);
    expect(down.status).toBe('wait');
    down.disconnect();
  });
});

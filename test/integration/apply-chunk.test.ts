// apply_items.lua on a real redis-server: a chunk of items is applied all or nothing, its counter changes
// summed per field, its facts as one stream entry; an item changed meanwhile makes the whole chunk a no-op
// that names it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { connectRedis } from '../../packages/server/src/redis/client.ts';
import type { PulseRedis } from '../../packages/server/src/redis/scripts.ts';
import { chunkArgs, type ChunkItem } from '../../packages/server/src/live/chunk.ts';

let redis: TestRedis;
let r: PulseRedis;
beforeAll(async () => {
  redis = await startRedis();
  r = connectRedis(redis.url, pino({ level: 'silent' }), 'test');
});
afterAll(async () => {
  r.disconnect();
  await redis.stop();
});

const item = (key: string, version: string, ops: ChunkItem['ops'], facts = ''): ChunkItem => ({
  key,
  version,
  section: ['[]', 0, 1, `${key}-e1`, '{"id":"e"}', 0],
  facts,
  ops,
});

const run = (items: ChunkItem[]) => r.pulseApplyItems(items.length + 1, ...chunkArgs('t:facts', items));

describe('apply_items.lua', () => {
  it('sums counter deltas over the chunk and writes each item, its version and one facts entry', async () => {
    const at = Date.now() + 3_600_000;
    const res = await run([
      item('t:a', '0', [['n', 't:m1', 'requested', 1], ['n', 't:m1', 'waiting', 1], ['x', 't:m1', at - 10], ['za', 't:z', 5, 'a']], '{"item":"a"}'),
      item('t:b', '0', [['n', 't:m1', 'requested', 1], ['n', 't:m1', 'waiting', -1], ['x', 't:m1', at]], '{"item":"b"}'),
      item('t:c', '0', [['n', 't:m1', 'requested', 2], ['hs', 't:h', 'c', 'x']]),
    ]);
    expect(res).toEqual([1]);
    // waiting: +1 −1 = 0 is not written at all
    expect(await r.hgetall('t:m1')).toEqual({ requested: '4' });
    expect(await r.pexpiretime('t:m1')).toBe(at);
    expect(await r.zrange('t:z', 0, -1, 'WITHSCORES')).toEqual(['a', '5']);
    expect(await r.hget('t:h', 'c')).toBe('x');
    for (const k of ['t:a', 't:b', 't:c']) expect(await r.hmget(k, '_v', `${k}-e1`, '_c')).toEqual(['1', '{"id":"e"}', '[]']);
    const facts = await r.xrange('t:facts', '-', '+');
    expect(facts).toHaveLength(1);
    expect(JSON.parse(facts[0][1][1])).toEqual([{ item: 'a' }, { item: 'b' }]);
  });

  it('applies nothing of a chunk in which an item changed meanwhile, and names that item', async () => {
    await r.hset('t:q', '_v', '3');
    const res = await run([
      item('t:p', '0', [['n', 't:m2', 'requested', 1]]),
      item('t:q', '2', [['n', 't:m2', 'requested', 1]]),
    ]);
    expect(res).toEqual([0, 2]);
    expect(await r.exists('t:m2', 't:p')).toBe(0);
    expect(await r.hget('t:q', '_v')).toBe('3');
    expect(await r.xlen('t:facts')).toBe(1);
  });
});

// apply_items.lua on a real redis-server: a chunk of items is applied all or nothing, its counter changes
// summed per field, its facts as one stream entry; an item changed meanwhile makes the whole chunk a no-op
// that names it.
import { describe, expect, it } from 'vitest';
import { useRedisConnection } from '../support/redis-connection.ts';
import { applyItemsArgs, type ItemWrite } from '../../packages/server/src/redis/lua/apply-items.ts';

const db = useRedisConnection('test');

const item = (key: string, version: string, ops: ItemWrite['ops'], facts = '', own: Partial<ItemWrite> = {}): ItemWrite => ({
  key,
  version,
  contributions: '[]',
  state: null,
  expireAt: 0,
  events: [[`${key}-e1`, '{"id":"e"}']],
  remove: [],
  facts,
  ops,
  ...own,
});

const run = (items: ItemWrite[]) => db.r.pulseApplyItems(items.length + 1, ...applyItemsArgs('t:facts', items));

describe('apply_items.lua', () => {
  it('sums counter deltas over the chunk and writes each item, its version and one facts entry', async () => {
    const at = Date.now() + 3_600_000;
    const res = await run([
      item(
        't:a',
        '0',
        [
          ['n', 't:m1', 'requested', 1],
          ['n', 't:m1', 'waiting', 1],
          ['x', 't:m1', at - 10],
          ['za', 't:z', 5, 'a'],
        ],
        '{"item":"a"}',
      ),
      item(
        't:b',
        '0',
        [
          ['n', 't:m1', 'requested', 1],
          ['n', 't:m1', 'waiting', -1],
          ['x', 't:m1', at],
        ],
        '{"item":"b"}',
      ),
      item('t:c', '0', [
        ['n', 't:m1', 'requested', 2],
        ['hs', 't:h', 'c', 'x'],
      ]),
    ]);
    expect(res).toEqual([1]);
    // waiting: +1 −1 = 0 is not written at all
    expect(await db.r.hgetall('t:m1')).toEqual({ requested: '4' });
    expect(await db.r.pexpiretime('t:m1')).toBe(at);
    expect(await db.r.zrange('t:z', 0, -1, 'WITHSCORES')).toEqual(['a', '5']);
    expect(await db.r.hget('t:h', 'c')).toBe('x');
    for (const k of ['t:a', 't:b', 't:c']) expect(await db.r.hmget(k, '_v', `${k}-e1`, '_c', '_s')).toEqual(['1', '{"id":"e"}', '[]', null]);
    const facts = await db.r.xrange('t:facts', '-', '+');
    expect(facts).toHaveLength(1);
    expect(JSON.parse(facts[0]![1][1]!)).toEqual([{ item: 'a' }, { item: 'b' }]);
  });

  it('writes the contributions and state of an item only when given, its events, deletions and expiry', async () => {
    const at = Date.now() + 3_600_000;
    await db.r.hset('t:u', '_v', '4', '_c', 'old-c', '_s', 'old-s', 'gone', '{}', 'kept', '{}');
    const res = await run([
      item('t:u', '4', [], '', { contributions: null, state: '{"n":0}', expireAt: at, events: [['e2', '{"id":"e2"}']], remove: ['gone'] }),
    ]);
    expect(res).toEqual([1]);
    expect(await db.r.hgetall('t:u')).toEqual({ _v: '5', _c: 'old-c', _s: '{"n":0}', kept: '{}', e2: '{"id":"e2"}' });
    expect(await db.r.pexpiretime('t:u')).toBe(at);
    await run([item('t:u', '5', [], '', { contributions: 'new-c', state: null, events: [] })]);
    expect(await db.r.hmget('t:u', '_v', '_c', '_s')).toEqual(['6', 'new-c', '{"n":0}']);
    expect(await db.r.pexpiretime('t:u')).toBe(-1);
  });

  it('groups set and hash changes per key, past the size of one command, and writes items of many events', async () => {
    await db.r.zadd('t:g', 1, 'old-0', 1, 'old-1');
    await db.r.hset('t:gh', 'gone', 'x');
    const many = Array.from({ length: 1500 }, (_, i) => i);
    const big = Array.from({ length: 1200 }, (_, i): [string, string] => [`e${i}`, `{"id":"e${i}"}`]);
    await db.r.hset('t:big', '_v', '1', ...Array.from({ length: 1100 }, (_, i) => [`d${i}`, '{}']).flat());
    const res = await run([
      item('t:g1', '0', [...many.slice(0, 700).map((i) => ['za', 't:g', i, `m${i}`]), ['zr', 't:g', 'old-0'], ['hs', 't:gh', 'a', '1']]),
      item('t:g2', '0', [...many.slice(700).map((i) => ['za', 't:g', i, `m${i}`]), ['zr', 't:g', 'old-1'], ['hd', 't:gh', 'gone'], ['hs', 't:gh', 'b', '2']]),
      item('t:big', '1', [], '', { events: big, remove: Array.from({ length: 1100 }, (_, i) => `d${i}`) }),
    ]);
    expect(res).toEqual([1]);
    expect(await db.r.zcard('t:g')).toBe(1500);
    expect(await db.r.zscore('t:g', 'm1499')).toBe('1499');
    expect(await db.r.zscore('t:g', 'old-0')).toBeNull();
    expect(await db.r.hgetall('t:gh')).toEqual({ a: '1', b: '2' });
    const stored = await db.r.hgetall('t:big');
    expect(Object.keys(stored).length).toBe(1200 + 2);
    expect([stored._v, stored.e1199, stored.d0]).toEqual(['2', '{"id":"e1199"}', undefined]);
  });

  it('adds counter deltas to the values a key holds, in one read and one write per key, past the size of one command', async () => {
    await db.r.hset('t:mc', 'all|answered', '7', 'all|wait_ms', '120000', 'all|left', '3');
    const fields = Array.from({ length: 700 }, (_, i) => `q:q${i}|answered`);
    const before = await db.r.info('commandstats');
    const res = await run([
      item('t:c1', '0', [['n', 't:mc', 'all|answered', 2], ['n', 't:mc', 'all|wait_ms', 2_999_999_999], ...fields.map((f) => ['n', 't:mc', f, 1])]),
      item('t:c2', '0', [
        ['n', 't:mc', 'all|answered', -1],
        ['n', 't:mc', 'all|left', -3],
        ['n', 't:mc', 'all|wait_ms', -5],
        ...fields.map((f) => ['n', 't:mc', f, 2]),
      ]),
    ]);
    expect(res).toEqual([1]);
    const after = await db.r.hgetall('t:mc');
    // 7 + 2 − 1; 120,000 + 2,999,999,999 − 5 (past 32 bits); 3 − 3 = 0 is kept as 0, as HINCRBY keeps it
    expect([after['all|answered'], after['all|wait_ms'], after['all|left']]).toEqual(['8', '3000119994', '0']);
    expect(fields.map((f) => after[f])).toEqual(fields.map(() => '3'));
    expect(Object.keys(after)).toHaveLength(703);
    const calls = (info: string, cmd: string) =>
      Number(
        info
          .split('\n')
          .find((l) => l.startsWith(`cmdstat_${cmd}:`))
          ?.split('calls=')[1]
          ?.split(',')[0] ?? 0,
      );
    const after2 = await db.r.info('commandstats');
    // 703 fields: 1,406 values, so two reads and two writes (at most 1,000 values a command); no HINCRBY
    expect(calls(after2, 'hmget') - calls(before, 'hmget')).toBe(2);
    expect(calls(after2, 'hincrby') - calls(before, 'hincrby')).toBe(0);
  });

  it('refuses to add to a counter that does not hold an integer, as HINCRBY would, and names it', async () => {
    await db.r.hset('t:bad', 'all|answered', 'x7', 'all|wait_ms', '1.5');
    await expect(run([item('t:b1', '0', [['n', 't:bad', 'all|answered', 1]])])).rejects.toThrow('hash value is not an integer: t:bad all|answered');
    await expect(run([item('t:b2', '0', [['n', 't:bad', 'all|wait_ms', 1]])])).rejects.toThrow('hash value is not an integer: t:bad all|wait_ms');
    expect(await db.r.hgetall('t:bad')).toEqual({ 'all|answered': 'x7', 'all|wait_ms': '1.5' });
  });

  it('applies nothing of a chunk in which an item changed meanwhile, and names that item', async () => {
    await db.r.hset('t:q', '_v', '3');
    const res = await run([item('t:p', '0', [['n', 't:m2', 'requested', 1]]), item('t:q', '2', [['n', 't:m2', 'requested', 1]])]);
    expect(res).toEqual([0, 2]);
    expect(await db.r.exists('t:m2', 't:p')).toBe(0);
    expect(await db.r.hget('t:q', '_v')).toBe('3');
    expect(await db.r.xlen('t:facts')).toBe(1);
  });
});

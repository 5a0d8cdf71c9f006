// One item change → the live-state writes and history's facts, read with the live-state model: minute
// counters and minute value sets become facts, day buckets and other keys only writes, and a key the
// model cannot parse is an error (it used to be skipped, dropping history silently).
import { describe, expect, it } from 'vitest';
import type { Contribution } from '@pulse/metrics';
import { historyFacts, itemChange } from '../src/live/facts.ts';

const M = 29_457_123;
const old: Contribution[] = [
  { k: 'n', key: `m:${M}`, field: 'q:a:b|c|answered', d: 1, expireAt: 5 },
  { k: 'n', key: 'd:2026-12-01', field: 'all|answered', d: 1, expireAt: 9 },
  { k: 'z', key: 'waiting:all', m: 'c1', s: 100 },
  { k: 'z', key: `m:${M}:frt:q:__proto__`, m: 't1', s: 3000, expireAt: 5 },
];
const now: Contribution[] = [
  { k: 'n', key: `m:${M}`, field: 'q:a:b|c|answered', d: 1, expireAt: 5 },
  { k: 'n', key: `m:${M}`, field: 'q:a:b|c|answered', d: 1, expireAt: 5 },
  { k: 'n', key: 'd:2026-12-01', field: 'all|answered', d: 2, expireAt: 9 },
  { k: 'z', key: `m:${M}:frt:q:__proto__`, m: 't1', s: 4000, expireAt: 5 },
  { k: 'z', key: 'slabreach:agent:toString', m: 't1|first_reply|0', s: M * 60_000 + 1 },
  { k: 'h', key: 'agents', field: 'a1', v: '{}' },
];

describe('itemChange', () => {
  it('makes the writes and the facts of a change at once', () => {
    const c = itemChange('p:live:', old, now, { item: 'ticket:t1', version: 7, summary: null });
    expect(c.ops).toEqual([
      ['zr', 'p:live:waiting:all', 'c1'],
      ['n', 'p:live:m:29457123', 'q:a:b|c|answered', 1],
      ['n', 'p:live:d:2026-12-01', 'all|answered', 1],
      ['za', 'p:live:m:29457123:frt:q:__proto__', 4000, 't1'],
      ['za', 'p:live:slabreach:agent:toString', M * 60_000 + 1, 't1|first_reply|0'],
      ['hs', 'p:live:agents', 'a1', '{}'],
      ['x', 'p:live:m:29457123', 5],
      ['x', 'p:live:d:2026-12-01', 9],
      ['x', 'p:live:m:29457123:frt:q:__proto__', 5],
    ]);
    expect(c.facts).toEqual({
      item: 'ticket:t1',
      v: 7,
      d: [[M, 'q:a:b|c', 'answered', 1]],
      s: [
        ['frt', 'q:__proto__', 't1', 3000, -1, M],
        ['frt', 'q:__proto__', 't1', 4000, 1, M],
        ['sla_breach', 'agent:toString', 't1|first_reply|0', M * 60_000 + 1, 1, M],
      ],
      sum: null,
    });
    expect(itemChange('p:live:', old, now, null).facts).toBeNull();
    expect(historyFacts('ticket:t1', 7, old, now, null)).toEqual(c.facts);
  });

  it('refuses a key or a counter field the model does not know', () => {
    expect(() => itemChange('', [], [{ k: 'n', key: 'minute:1', field: 'all|x', d: 1 }], { item: 'chat:c', version: 1, summary: null })).toThrow(
      /not a live-state key/,
    );
    expect(() => itemChange('', [], [{ k: 'n', key: `m:${M}`, field: 'nope|x', d: 1 }], { item: 'chat:c', version: 1, summary: null })).toThrow(/not a scope/);
    expect(() => itemChange('', [], [{ k: 'z', key: `m:${M}:p99:all`, m: 'x', s: 1 }], { item: 'chat:c', version: 1, summary: null })).toThrow(/value set/);
  });
});

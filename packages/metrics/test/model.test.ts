// The live-state model: Redis key names are byte-identical to the names the live state has always had
// (literal expected strings), every key parses back to what built it (ids that are JavaScript property
// names or hold the separators too), and a name that does not parse is an error.
import { describe, expect, it } from 'vitest';
import {
  agentScope,
  agentSetKey,
  buildLiveKey,
  buildScope,
  channelScope,
  dayBucketKey,
  eventField,
  eventIdOf,
  ITEM_FIELDS,
  itemKey,
  itemName,
  minuteBucketKey,
  OVERALL,
  parseLiveKey,
  parseScope,
  parseScopedField,
  queueScope,
  redisKeys,
  scopedField,
  scopeSetKey,
  scopesOf,
  valuesKey,
  type LiveKey,
  type ScopeOf,
} from '../src/index.ts';

const IDS = ['toString', '__proto__', 'a:b|c', 'constructor', 'q:x', '_v', 'ñ é', '0'];

describe('live-state key names', () => {
  it('are the names the live state has always used', () => {
    expect([OVERALL, queueScope('billing'), channelScope('voice'), agentScope('a1')]).toEqual(['all', 'q:billing', 'c:voice', 'agent:a1']);
    expect(scopesOf('billing', 'chat')).toEqual(['all', 'q:billing', 'c:chat']);
    expect(scopesOf(null, 'email')).toEqual(['all', 'c:email']);
    expect(scopedField('q:billing', 'answered')).toBe('q:billing|answered');
    expect(minuteBucketKey(29_457_123)).toBe('m:29457123');
    expect(dayBucketKey('2026-12-01')).toBe('d:2026-12-01');
    expect(valuesKey('m:29457123', 'frt', 'q:billing')).toBe('m:29457123:frt:q:billing');
    expect(valuesKey('d:2026-12-01', 'frt', 'all')).toBe('d:2026-12-01:frt:all');
    expect(['waiting', 'active', 'unsolved', 'unassigned', 'sladue', 'slarisk', 'slabreach'].map((s) => scopeSetKey(s as never, 'c:chat'))).toEqual([
      'waiting:c:chat',
      'active:c:chat',
      'unsolved:c:chat',
      'unassigned:c:chat',
      'sladue:c:chat',
      'slarisk:c:chat',
      'slabreach:c:chat',
    ]);
    expect([agentSetKey('agentchats', 'a1'), agentSetKey('agenttickets', 'a1')]).toEqual(['agentchats:a1', 'agenttickets:a1']);
    expect([itemKey({ kind: 'chat', id: 'c1' }), itemKey({ kind: 'ticket', id: 't:1' }), itemKey({ kind: 'agent', id: 'a' })]).toEqual([
      'it:chat:c1',
      'it:ticket:t:1',
      'it:agent:a',
    ]);
    expect(itemName({ kind: 'ticket', id: 't1' })).toBe('ticket:t1');
    const k = redisKeys('pulse:');
    expect([k.stream, k.facts, k.seen, k.live, k.channel('live.changed')]).toEqual([
      'pulse:events',
      'pulse:facts',
      'pulse:seen:',
      'pulse:live:',
      'pulse:ch:live.changed',
    ]);
    // apply_items.lua writes these three by name
    expect(ITEM_FIELDS).toEqual({ version: '_v', contributions: '_c', state: '_s' });
    expect([eventField('e1'), eventField('_v'), eventField('__x')]).toEqual(['e1', '__v', '___x']);
    expect([eventIdOf('e1'), eventIdOf('__v'), eventIdOf('_v'), eventIdOf('_c'), eventIdOf('_s')]).toEqual(['e1', '_v', null, null, null]);
  });

  it('parse back to what built them, whatever the ids', () => {
    const scopes: ScopeOf[] = [{ kind: 'all' }, ...IDS.flatMap((id) => (['queue', 'channel', 'agent'] as const).map((kind): ScopeOf => ({ kind, id })))];
    for (const s of scopes) expect(parseScope(buildScope(s))).toEqual(s);
    const keys: LiveKey[] = [
      { kind: 'minute', minute: 0 },
      { kind: 'minute', minute: 29_457_123 },
      { kind: 'day', date: '2026-12-01' },
      { kind: 'hash', name: 'scopes' },
      { kind: 'hash', name: 'agents' },
      { kind: 'hash', name: 'slainfo' },
      { kind: 'hash', name: 'reassigned' },
      { kind: 'marker', name: 'complete' },
      { kind: 'marker', name: 'rebuild-lock' },
      ...scopes.flatMap((s): LiveKey[] => [
        { kind: 'values', bucket: { kind: 'minute', minute: 29_457_123 }, name: 'frt', scope: buildScope(s) },
        { kind: 'values', bucket: { kind: 'day', date: '2026-01-31' }, name: 'frt', scope: buildScope(s) },
        { kind: 'scopeSet', set: 'waiting', scope: buildScope(s) },
        { kind: 'scopeSet', set: 'slabreach', scope: buildScope(s) },
      ]),
      ...IDS.flatMap((id): LiveKey[] => [
        { kind: 'agentSet', set: 'agentchats', agent: id },
        { kind: 'agentSet', set: 'agenttickets', agent: id },
        { kind: 'item', ref: { kind: 'chat', id } },
        { kind: 'item', ref: { kind: 'ticket', id } },
        { kind: 'item', ref: { kind: 'agent', id } },
      ]),
    ];
    for (const k of keys) expect(parseLiveKey(buildLiveKey(k))).toEqual(k);
    for (const id of IDS) expect(parseScopedField(scopedField(queueScope(id), 'answered'))).toEqual({ scope: `q:${id}`, counter: 'answered' });
  });

  it('refuse names that are not theirs', () => {
    for (const bad of ['', 'al', 'q:', 'c:', 'agent:', 'x:1', 'queue:a']) expect(() => parseScope(bad), bad).toThrow(/not a scope/);
    for (const bad of [
      '',
      'm:',
      'm:x',
      'm:012',
      'd:2026-1-01',
      'd:2026-12-01x',
      'm:1:frt',
      'm:1:p90:all',
      'm:1:frt:nope',
      'waiting:',
      'waiting:zz',
      'agentchats:',
      'it:order:1',
      'it:chat:',
      'other',
      'scopes:x',
    ]) {
      expect(() => parseLiveKey(bad), bad).toThrow();
    }
    for (const bad of ['answered', '|answered', 'all|', 'nope|answered']) expect(() => parseScopedField(bad), bad).toThrow();
  });
});

describe('business rules defined once', () => {
  it('T = 30 s, queue wait at 2 × T and 6 × T, utilization over capacity', async () => {
    const { DEFAULT_SERVICE_LEVEL_S, DEFAULT_METRIC_SETTINGS, queueWaitThresholdsS, serviceLevelThresholdS, utilizationPct } = await import('../src/index.ts');
    expect(DEFAULT_SERVICE_LEVEL_S).toBe(30);
    expect(serviceLevelThresholdS(DEFAULT_METRIC_SETTINGS, 'billing', 'chat')).toBe(30);
    expect(serviceLevelThresholdS({ ...DEFAULT_METRIC_SETTINGS, serviceLevelS: { byChannel: {}, byQueue: {} } }, 'billing', 'chat')).toBe(30);
    expect(serviceLevelThresholdS({ ...DEFAULT_METRIC_SETTINGS, serviceLevelS: { byChannel: {}, byQueue: { billing: 45 } } }, 'billing', 'chat')).toBe(45);
    expect(queueWaitThresholdsS(30)).toEqual({ warning: 60, critical: 180 });
    expect(queueWaitThresholdsS(45)).toEqual({ warning: 90, critical: 270 });
    expect(utilizationPct(3, 4)).toBe(75);
    expect(utilizationPct(0, 0)).toBeNull();
  });
});

// The snapshot's window figures are computed incrementally (issue 18): a scope's window counters are kept and
// moved on by the bucket records that changed, entered or left the window, and percentiles are selected rather
// than sorted. Both must give exactly what summing every bucket afresh and sorting every value give, through
// any sequence of counter changes, buckets replaced, and windows rolling over.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestRank, scopeCounters, setBucketFields, type LiveView } from '../src/index.ts';

/** p by nearest rank as SPEC §2 defines it: sort, take the value at ⌈p/100 · n⌉ (1-based). */
const sortedRank = (values: number[], pct: number): number | null =>
  values.length === 0 ? null : ([...values].sort((a, b) => a - b)[Math.max(0, Math.ceil((pct / 100) * values.length) - 1)] ?? null);

/** The counters of `scope` summed afresh from the bucket hashes (`<scope>|<counter>` fields). */
function summedAfresh(buckets: LiveView['buckets'], keys: string[], scope: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) {
    for (const [field, v] of Object.entries(buckets[k] ?? {})) {
      const bar = field.lastIndexOf('|');
      if (field.slice(0, bar) === scope) out[field.slice(bar + 1)] = (out[field.slice(bar + 1)] ?? 0) + v;
    }
  }
  return out;
}

const SCOPES = ['all', 'q:a', 'q:a|b', 'c:chat'];
const COUNTERS = ['answered', 'wait_ms', 'frt_n'];
const viewOf = (buckets: LiveView['buckets']) => ({ buckets }) as LiveView;

type Step =
  | { kind: 'set'; bucket: number; scope: number; counter: number; value: number | null }
  | { kind: 'replace'; bucket: number; value: number }
  | { kind: 'roll' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('set' as const),
    bucket: fc.nat(7),
    scope: fc.nat(SCOPES.length - 1),
    counter: fc.nat(COUNTERS.length - 1),
    value: fc.option(fc.integer({ min: -5, max: 1_000_000 }), { freq: 5 }),
  }),
  fc.record({ kind: fc.constant('replace' as const), bucket: fc.nat(7), value: fc.integer({ min: 0, max: 1000 }) }),
  fc.constant({ kind: 'roll' as const }),
);

describe('window sums kept between builds', () => {
  it('equal the sums done afresh through counter changes, replaced buckets and windows rolling over', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.integer({ min: 1, max: 4 }), (steps, width) => {
        const buckets: LiveView['buckets'] = {};
        for (let b = 0; b < 8; b++) buckets[`m:${b}`] = { 'all|answered': b, 'q:a|b|wait_ms': 10 * b };
        const view = viewOf(buckets);
        let first = 0;
        const windowKeys = () => Array.from({ length: width }, (_, i) => `m:${first + i}`);
        for (const s of steps) {
          if (s.kind === 'set') {
            const fields = buckets[`m:${s.bucket}`];
            if (fields) setBucketFields(fields, [[`${SCOPES[s.scope]}|${COUNTERS[s.counter]}`, s.value]]);
          } else if (s.kind === 'replace') buckets[`m:${s.bucket}`] = { 'all|answered': s.value, 'c:chat|frt_n': s.value % 7 };
          else first = (first + 1) % 8;
          for (const scope of SCOPES) expect(scopeCounters(view, windowKeys(), scope)).toEqual(summedAfresh(buckets, windowKeys(), scope));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('returns a new object each time (the caller adds to it) and counts a bucket named twice twice', () => {
    const buckets: LiveView['buckets'] = { 'm:1': { 'all|answered': 2 }, 'm:2': { 'all|answered': 3, 'all|wait_ms': 5 } };
    const view = viewOf(buckets);
    const a = scopeCounters(view, ['m:1', 'm:2'], 'all');
    a.sla_breached = 9;
    expect(scopeCounters(view, ['m:1', 'm:2'], 'all')).toEqual({ answered: 5, wait_ms: 5 });
    expect(scopeCounters(view, ['m:2', 'm:2'], 'all')).toEqual({ answered: 6, wait_ms: 10 });
  });

  it('sums afresh when a value is not a whole number', () => {
    const buckets: LiveView['buckets'] = { 'm:1': { 'all|x': 0.1 }, 'm:2': { 'all|x': 0.2 } };
    const view = viewOf(buckets);
    expect(scopeCounters(view, ['m:1', 'm:2'], 'all')).toEqual({ x: 0.1 + 0.2 });
    setBucketFields(buckets['m:1']!, [['all|x', 0.7]]);
    expect(scopeCounters(view, ['m:1', 'm:2'], 'all')).toEqual({ x: 0.7 + 0.2 });
  });
});

describe('nearest rank', () => {
  it('is the value a sort puts at the rank, sorted input or not', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 }), { maxLength: 200 }), fc.integer({ min: 1, max: 100 }), fc.boolean(), (values, pct, sorted) => {
        const input = sorted ? [...values].sort((a, b) => a - b) : values;
        expect(nearestRank(input, pct)).toBe(sortedRank(values, pct));
      }),
      { numRuns: 500 },
    );
    expect(nearestRank([], 90)).toBeNull();
    expect(nearestRank([5, 1, 9, 3, 7, 2, 8, 4, 6, 10], 90)).toBe(9);
    expect(nearestRank([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBe(9);
    expect(nearestRank([30_000, 1_500.5, 1_500.25], 90)).toBe(30_000);
  });

  it('does not reorder the values it is given', () => {
    const values = [3, 1, 2];
    nearestRank(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });
});

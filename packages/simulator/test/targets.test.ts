import { describe, expect, it } from 'vitest';
import { at } from '../src/at.ts';
import { targetMs } from '../src/sim/targets.ts';

const MIN = 60_000;

describe('what simulated agents aim for', () => {
  it("is the SPEC's default SLA table (minutes), halved for VIP requesters", () => {
    expect([targetMs('urgent', 'standard', 'first_reply'), targetMs('urgent', 'standard', 'next_reply'), targetMs('urgent', 'standard', 'resolution')]).toEqual(
      [15 * MIN, 30 * MIN, 240 * MIN],
    );
    expect((['high', 'normal', 'low'] as const).map((p) => targetMs(p, 'standard', 'first_reply'))).toEqual([60 * MIN, 240 * MIN, 480 * MIN]);
    expect(targetMs('low', 'standard', 'resolution')).toBe(4320 * MIN);
    expect(targetMs('urgent', 'vip', 'first_reply')).toBe(7.5 * MIN);
    expect(targetMs('normal', 'vip', 'next_reply')).toBe(240 * MIN);
  });
});

describe('at', () => {
  it('reads an element that is there, and throws for an index outside the list', () => {
    expect(at(['a', 'b'], 1)).toBe('b');
    expect(at([undefined], 0)).toBeUndefined();
    expect(() => at(['a'], 1)).toThrow(RangeError);
    expect(() => at(['a'], -1)).toThrow(RangeError);
    expect(() => at(['a'], 0.5)).toThrow(RangeError);
  });
});

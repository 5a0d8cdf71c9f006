import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ActionQueue } from '../src/sim/heap.ts';

// The simulation's determinism rests on this order: earliest time first, ties in the order they were scheduled.
describe('ActionQueue', () => {
  it('pops by time, ties in scheduling order, under any mix of pushes and pops', () => {
    const op = fc.oneof(fc.record({ push: fc.integer({ min: 0, max: 20 }) }), fc.constant({ pop: true as const }));
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const q = new ActionQueue();
        const model: { t: number; n: number }[] = [];
        const popped: number[] = [];
        const expected: number[] = [];
        let n = 0;
        for (const o of ops) {
          if ('push' in o) {
            const id = n++;
            q.push(o.push, () => popped.push(id));
            model.push({ t: o.push, n: id });
          } else {
            q.pop()?.run();
            model.sort((a, b) => a.t - b.t || a.n - b.n);
            const next = model.shift();
            if (next) expected.push(next.n);
          }
          expect(q.size).toBe(model.length);
          expect(q.peekTime()).toBe(model.length ? Math.min(...model.map((m) => m.t)) : undefined);
        }
        expect(popped).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('pops nothing from an empty queue', () => {
    const q = new ActionQueue();
    expect(q.pop()).toBeUndefined();
    expect(q.peekTime()).toBeUndefined();
  });
});

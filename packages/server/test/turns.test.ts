import { describe, expect, it } from 'vitest';
import { nextTurn, rowStream, TurnBudget } from '../src/loop/turns.ts';

describe('turns of the event loop', () => {
  it('rowStream gives every row in order, a slice a turn, with timers run between slices', async () => {
    const rows = Array.from({ length: 1_234 }, (_, i) => ({ i }));
    const seen: (number | 'timer')[] = [];
    let timers = 0;
    const tick = setInterval(() => {
      timers++;
      seen.push('timer');
    }, 0);
    try {
      for await (const row of rowStream(rows, 500)) seen.push((row as { i: number }).i);
    } finally {
      clearInterval(tick);
    }
    expect(seen.filter((x) => x !== 'timer')).toEqual(rows.map((r) => r.i));
    // a timer ran between the first slice and the second, and between the second and the third
    const at = (i: number) => seen.indexOf(i);
    expect(seen.slice(at(499), at(500)).includes('timer')).toBe(true);
    expect(seen.slice(at(999), at(1000)).includes('timer')).toBe(true);
    expect(timers).toBeGreaterThanOrEqual(2);
  });

  it('an empty rowStream ends at once', async () => {
    const out: unknown[] = [];
    for await (const row of rowStream([])) out.push(row);
    expect(out).toEqual([]);
  });

  it('TurnBudget yields only once its budget is spent, and a timer runs at that turn', async () => {
    const budget = new TurnBudget(20);
    let fired = false;
    setTimeout(() => (fired = true), 0);
    await budget.spend(); // nothing spent yet: no turn
    expect(fired).toBe(false);
    const until = performance.now() + 25;
    while (performance.now() < until) {
      // 25 ms of work
    }
    await budget.spend();
    expect(fired).toBe(true);
  });

  it('nextTurn lets a timer set before it run first', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    await nextTurn();
    order.push('after');
    expect(order).toEqual(['timer', 'after']);
  });
});

import { describe, it, expect } from 'vitest';
import { Random } from '../src/random.ts';

describe('Random', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(sa);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(sa);
    for (const x of sa) expect(x >= 0 && x < 1).toBe(true);
  });

  it('draws distributions with about the right means', () => {
    const r = new Random('dist');
    const n = 20_000;
    let exp = 0;
    let poi = 0;
    let nor = 0;
    for (let i = 0; i < n; i++) {
      exp += r.exponential(5);
      poi += r.poisson(3);
      nor += r.normal(10, 2);
    }
    expect(Math.abs(exp / n - 5)).toBeLessThan(0.25);
    expect(Math.abs(poi / n - 3)).toBeLessThan(0.1);
    expect(Math.abs(nor / n - 10)).toBeLessThan(0.1);
    expect(r.poisson(0)).toBe(0);
    expect(r.poisson(100)).toBeGreaterThan(50);
  });

  it('picks by weight and within bounds', () => {
    const r = new Random(7);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++)
      counts[
        r.weighted([
          ['a', 9],
          ['b', 1],
        ] as const)
      ]++;
    expect(counts.a).toBeGreaterThan(counts.b * 6);
    for (let i = 0; i < 1000; i++) {
      const k = r.int(2, 4);
      expect(k >= 2 && k <= 4).toBe(true);
      expect(['x', 'y']).toContain(r.pick(['x', 'y']));
    }
  });
});

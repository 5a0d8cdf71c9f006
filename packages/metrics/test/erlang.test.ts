// Erlang C against published worked examples. Each expected number was also computed independently, in
// exact rational arithmetic (Python `fractions`: the spec's formula term by term with exact factorials,
// P_wait = (A^N/N! · N/(N−A)) ÷ (Σ_{k<N} A^k/k! + A^N/N! · N/(N−A)), then SL and ASA in doubles), and the
// test checks the recursion against the spec's formula evaluated literally where a double can hold it.
import { describe, expect, it } from 'vitest';
import { asaOf, erlangB, erlangC, erlangForecast, serviceLevelOf, smallestMeeting } from '../src/index.ts';

/** The spec's formula evaluated literally with factorials and powers (overflows past about 170 servers). */
function direct(n: number, a: number): number {
  let fact = 1;
  let sum = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0) fact *= k;
    sum += a ** k / fact;
  }
  fact *= n;
  const top = (a ** n / fact) * (n / (n - a));
  return top / (sum + top);
}

describe('Erlang C', () => {
  it('gives the Westbay Engineers worked example: 360 calls per half hour, 4 min calls, 55 agents, T 15 s', () => {
    // The step-by-step example of Westbay Engineers' "The Erlang-C Formula" page, widely reproduced: traffic
    // intensity A = 360 calls ÷ 30 min × 4 min = 48 erlangs; agent occupancy 48/55 = 87.3 %; then the
    // probability of waiting (23.9 %), the ASA (8.2 s) and the service level at 15 s (84.6 %).
    // Exact: P_wait = 0.2387009363780092; SL = 1 − P·e^{−(55−48)·15/240} = 1 − P·e^{−0.4375} = 0.8458830921705803;
    // ASA = P · 240 ÷ 7 = 8.184032104388887 s.
    const a = (360 / 1800) * 240;
    expect(a).toBe(48);
    const p = erlangC(55, a);
    expect(p).toBeCloseTo(0.2387009363780092, 14);
    expect(p).toBeCloseTo(direct(55, 48), 12);
    expect(100 * p).toBeCloseTo(23.9, 1);
    const sl = serviceLevelOf(p, 55, a, 15, 240);
    expect(sl).toBeCloseTo(0.8458830921705803, 14);
    expect(100 * sl).toBeCloseTo(84.6, 1);
    const asa = asaOf(p, 55, a, 240)!;
    expect(asa).toBeCloseTo(8.184032104388887, 12);
    expect(asa).toBeCloseTo(8.2, 1);
  });

  it('gives the Call Centre Helper worked example: 100 calls in 30 min, AHT 180 s, T 20 s, 80 % goal → 14 agents', () => {
    // Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example": A = 100 × 180 ÷ 1800 = 10
    // erlangs; with 11 agents the probability of waiting is 68.21 % and the service level 39 %; raising the agents
    // one by one, 14 is the first count to reach 80 % in 20 s (13 give 79.6 %; 14 give 88.8 %).
    // Exact: P_wait(11) = 0.6821182046893324, SL(11) = 0.3896138117291533; SL(13) = 0.7955947884177831;
    // SL(14) = 0.8883500191794669 with P_wait(14) = 0.17413193359504983 and ASA(14) = 7.835937011777243 s.
    const a = (100 / 1800) * 180;
    expect(a).toBe(10);
    expect(erlangC(11, a)).toBeCloseTo(0.6821182046893324, 14);
    expect(erlangC(11, a)).toBeCloseTo(direct(11, 10), 14);
    expect(erlangForecast(11, a, 20, 180).serviceLevel).toBeCloseTo(0.3896138117291533, 14);
    expect(erlangForecast(13, a, 20, 180).serviceLevel).toBeCloseTo(0.7955947884177831, 14);
    const f14 = erlangForecast(14, a, 20, 180);
    expect(f14).toEqual({
      pWait: expect.closeTo(0.17413193359504983, 14),
      serviceLevel: expect.closeTo(0.8883500191794669, 14),
      asaS: expect.closeTo(7.835937011777243, 12),
      overloaded: false,
    });
    expect(smallestMeeting((n) => n, a, 20, 180, 80)).toBe(14);
  });

  it('is stable where factorials overflow: 1,000 servers offered 950 erlangs', () => {
    // 1000! and 950^1000 are far beyond a double: the literal formula gives NaN; the recursion does not.
    // Exact (fractions, 1,000 terms): P_wait = 0.06825341537714143.
    expect(Number.isNaN(direct(1000, 950))).toBe(true);
    expect(erlangC(1000, 950)).toBeCloseTo(0.06825341537714143, 12);
    expect(erlangB(1000, 950)).toBeGreaterThan(0);
  });

  it('forecasts an overloaded queue (servers ≤ A): SL 0, no ASA, P_wait 1', () => {
    expect(erlangForecast(10, 10, 20, 180)).toEqual({ pWait: 1, serviceLevel: 0, asaS: null, overloaded: true });
    expect(erlangForecast(3, 3.5, 20, 180)).toEqual({ pWait: 1, serviceLevel: 0, asaS: null, overloaded: true });
    expect(erlangC(0, 0)).toBe(1);
  });

  it('Erlang B by its recursion: B(2, 1) = 1/5 exactly (A²/2! ÷ (1 + A + A²/2!) with A = 1)', () => {
    expect(erlangB(2, 1)).toBe(0.2);
    expect(erlangB(0, 5)).toBe(1);
  });
});

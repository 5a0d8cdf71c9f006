// Erlang C (SPEC §2 "Staffing"): the M/M/N queue of N servers offered A erlangs. Computed without
// factorials or powers, which overflow a double past about 170 servers: the Erlang B recursion
// B(0) = 1, B(k) = A·B(k−1) ÷ (k + A·B(k−1)) stays in [0, 1], and Erlang C follows from it:
// P_wait = N·B ÷ (N − A·(1 − B)), the spec's formula with A^N/N! divided out of top and bottom.

/** Erlang B: the probability that all N servers are busy in a loss system offered A erlangs. */
export function erlangB(servers: number, load: number): number {
  let b = 1;
  for (let k = 1; k <= servers; k++) b = (load * b) / (k + load * b);
  return b;
}

/** P_wait from Erlang B of the same N and A (N > A). */
export function erlangCFromB(servers: number, load: number, b: number): number {
  return (servers * b) / (servers - load * (1 - b));
}

/** Erlang C: the probability that a contact waits at all, with N servers offered A erlangs; 1 when N ≤ A. */
export function erlangC(servers: number, load: number): number {
  if (servers <= load) return 1;
  return erlangCFromB(servers, load, erlangB(servers, load));
}

/** SL(T) = 1 − P_wait · e^{−(N−A)·T/aht}: the share of contacts answered within T seconds (0 when N ≤ A). */
export function serviceLevelOf(pWait: number, servers: number, load: number, thresholdS: number, ahtS: number): number {
  if (servers <= load) return 0;
  if (ahtS <= 0) return 1;
  return 1 - pWait * Math.exp((-(servers - load) * thresholdS) / ahtS);
}

/** ASA = P_wait · aht ÷ (N − A), in seconds; null when N ≤ A (the queue grows without bound). */
export function asaOf(pWait: number, servers: number, load: number, ahtS: number): number | null {
  if (servers <= load) return null;
  return (pWait * ahtS) / (servers - load);
}

/** What N servers give a queue offered A erlangs: P_wait, SL(T) as a fraction, ASA in seconds. */
export interface ErlangForecast {
  pWait: number;
  serviceLevel: number;
  asaS: number | null;
  overloaded: boolean;
}

export function erlangForecast(servers: number, load: number, thresholdS: number, ahtS: number): ErlangForecast {
  if (servers <= load) return { pWait: 1, serviceLevel: 0, asaS: null, overloaded: true };
  const pWait = erlangC(servers, load);
  return { pWait, serviceLevel: serviceLevelOf(pWait, servers, load, thresholdS, ahtS), asaS: asaOf(pWait, servers, load, ahtS), overloaded: false };
}

/** Past this many servers the search for a goal gives up (a goal of 100 % is reached only as P_wait underflows). */
export const MAX_SERVERS = 100_000;

/**
 * The smallest count n ≥ 0 of whole units (agents) whose servers `serversOf(n)` give SL(T) ≥ goalPct, or null
 * when none does within MAX_SERVERS. `serversOf` must not decrease. One pass of the Erlang B recursion
 * serves every candidate, so the search costs O(servers needed).
 */
export function smallestMeeting(serversOf: (n: number) => number, load: number, thresholdS: number, ahtS: number, goalPct: number): number | null {
  let b = 1;
  let k = 0;
  for (let n = 0; n <= MAX_SERVERS; n++) {
    const servers = serversOf(n);
    if (servers > MAX_SERVERS) return null;
    for (; k < servers; ) {
      k++;
      b = (load * b) / (k + load * b);
    }
    if (servers <= load) continue;
    const sl = serviceLevelOf(erlangCFromB(servers, load, b), servers, load, thresholdS, ahtS);
    if (100 * sl >= goalPct) return n;
  }
  return null;
}

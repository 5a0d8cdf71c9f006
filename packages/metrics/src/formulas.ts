// The formulas of SPEC §2's window metrics, from counters summed over a window. A ratio with an empty
// denominator is null; seconds and percentages are plain unrounded numbers.
import type { WindowMetrics } from '@pulse/contracts';

export type Counters = Record<string, number>;

const pct = (num: number, den: number): number | null => (den > 0 ? (100 * num) / den : null);
const meanSeconds = (sumMs: number, n: number): number | null => (n > 0 ? sumMs / n / 1000 : null);

/** p90 by nearest rank: the smallest value with at least 90 % of values at or below it. */
export function nearestRank(values: number[], pct: number): number | null {
  if (values.length === 0) return null;
  const rank = Math.max(0, Math.ceil((pct / 100) * values.length) - 1);
  // values read from sorted sets come in order (a window of one bucket): nothing to sort
  if (ascending(values)) return values[rank] ?? null;
  // else the value of that rank in order (a selection: what a sort would put there, without sorting all)
  return rank < values.length ? select(Float64Array.from(values), rank) : null;
}

function ascending(values: number[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i - 1]! <= values[i]!)) return false;
  return true;
}

/** The value of rank `k` (0-based) in ascending order: Hoare's selection, rearranging `a` (no NaN in it). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    // [lo, j] ≤ pivot ≤ [i, hi], and what is between is the pivot
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
}

export function windowMetrics(c: Counters, frtValuesMs: number[] = []): WindowMetrics {
  const n = (k: string) => c[k] ?? 0;
  const answered = n('answered');
  const abandoned = n('abandoned');
  const offered = answered + abandoned;
  const csatResponses = n('csat_good') + n('csat_bad');
  const p90 = nearestRank(frtValuesMs, 90);
  return {
    offered,
    answered,
    abandoned,
    asa_s: meanSeconds(n('wait_ms'), answered),
    service_level_pct: pct(n('sl_met'), answered + n('abandoned_long')),
    abandon_rate_pct: pct(abandoned, offered),
    aht_s: meanSeconds(n('handle_ms'), n('handled')),
    csat_pct: pct(n('csat_good'), csatResponses),
    csat_responses: csatResponses,
    created: n('created'),
    solved: n('solved'),
    frt_avg_s: meanSeconds(n('frt_ms'), n('frt_n')),
    frt_p90_s: p90 === null ? null : p90 / 1000,
    reassignments: n('reassignments'),
    fcr_pct: pct(n('fcr_ok'), n('solved')),
    sla_achievement_pct: pct(n('sla_met'), n('sla_met') + n('sla_breached')),
  };
}

/** The names of the window metrics, in the order of SPEC §2. */
export const WINDOW_METRIC_NAMES = Object.keys(windowMetrics({})) as (keyof WindowMetrics)[];

// The formulas of SPEC §2's window metrics, from counters summed over a window. A ratio with an empty
// denominator is null; seconds and percentages are plain unrounded numbers.
import type { WindowMetrics } from '@pulse/contracts';

export type Counters = Record<string, number>;

const pct = (num: number, den: number): number | null => (den > 0 ? (100 * num) / den : null);
const meanSeconds = (sumMs: number, n: number): number | null => (n > 0 ? sumMs / n / 1000 : null);

/** p90 by nearest rank: the smallest value with at least 90 % of values at or below it. */
export function nearestRank(values: number[], pct: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((pct / 100) * sorted.length) - 1)] ?? null;
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

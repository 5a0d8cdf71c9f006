// Green / amber / red per metric and queue, from the server's board config (`GET /v1/board/config`).

export type Level = 'green' | 'amber' | 'red' | 'neutral';

export const THRESHOLD_METRICS = [
  'waiting',
  'longest_wait_s',
  'service_level_pct',
  'asa_s',
  'abandon_rate_pct',
  'csat_pct',
  'utilization_pct',
  'sla_breached',
  'sla_at_risk',
  'load_pct',
] as const;
export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number];

export interface Threshold {
  amber: number;
  red: number;
  direction: 'above' | 'below';
}
export type Thresholds = Partial<Record<ThresholdMetric, Threshold>>;

export interface BoardConfigResponse {
  time_zone: string;
  thresholds: { default: Thresholds; byQueue: Record<string, Thresholds> };
}

/**
 * Used only when the server has no board config to give (an older server): the same defaults it ships with.
 * While the config is loading, figures are neutral rather than guessed.
 */
export const FALLBACK_THRESHOLDS: Thresholds = {
  waiting: { amber: 5, red: 10, direction: 'above' },
  longest_wait_s: { amber: 60, red: 180, direction: 'above' },
  service_level_pct: { amber: 80, red: 70, direction: 'below' },
  asa_s: { amber: 30, red: 60, direction: 'above' },
  abandon_rate_pct: { amber: 5, red: 10, direction: 'above' },
  csat_pct: { amber: 80, red: 70, direction: 'below' },
  utilization_pct: { amber: 85, red: 95, direction: 'above' },
  sla_breached: { amber: 1, red: 1, direction: 'above' },
  sla_at_risk: { amber: 1, red: 5, direction: 'above' },
  load_pct: { amber: 80, red: 100, direction: 'above' },
};

/** 'above': ≥ red → red, ≥ amber → amber; 'below': ≤ red → red, ≤ amber → amber; no value or no threshold → neutral. */
export function levelOf(t: Threshold | undefined, value: number | null | undefined): Level {
  if (!t || value == null || !Number.isFinite(value)) return 'neutral';
  if (t.direction === 'below') return value <= t.red ? 'red' : value <= t.amber ? 'amber' : 'green';
  return value >= t.red ? 'red' : value >= t.amber ? 'amber' : 'green';
}

/** The thresholds of a queue (its own, else the defaults); `null` queue = the defaults. Null config → none yet. */
export function thresholdsFor(config: BoardConfigResponse | null, queue: string | null): Thresholds | null {
  if (!config) return null;
  const own = queue !== null ? config.thresholds.byQueue?.[queue] : undefined;
  return { ...config.thresholds.default, ...own };
}

const RANK: Record<Level, number> = { neutral: 0, green: 1, amber: 2, red: 3 };

/** The most severe of several levels (neutral when there are none). */
export function worstLevel(levels: Iterable<Level>): Level {
  let worst: Level = 'neutral';
  for (const l of levels) if (RANK[l] > RANK[worst]) worst = l;
  return worst;
}

// The board's colour thresholds (`GET /v1/board/config`): per metric, when a value turns amber and red.
// 'above' metrics: ≥ red → red, ≥ amber → amber; 'below' metrics (service level, CSAT): ≤ red → red,
// ≤ amber → amber. Shared by the server (defaults, config) and the wall-board (colours).
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

export interface BoardConfig {
  time_zone: string;
  thresholds: { default: Thresholds; byQueue: Record<string, Thresholds> };
}

export const DEFAULT_THRESHOLDS: Required<Thresholds> = {
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

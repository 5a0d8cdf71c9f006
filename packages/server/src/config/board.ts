// The board's colour thresholds: green below amber, amber below red ('above' metrics), or the reverse
// ('below' metrics, such as service level). Longest wait follows the queue_wait alert rule: amber at 2 × T,
// red at 6 × T, where T is the queue's service-level threshold.
import type { Config } from './schema.ts';

export interface Threshold {
  amber: number;
  red: number;
  direction: 'above' | 'below';
}
export type Thresholds = Record<string, Threshold>;

export const DEFAULT_THRESHOLDS: Thresholds = {
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

export interface BoardConfig {
  time_zone: string;
  thresholds: { default: Thresholds; byQueue: Record<string, Thresholds> };
}

export function boardConfig(config: Config, queues: string[]): BoardConfig {
  const def = { ...DEFAULT_THRESHOLDS, ...config.board.thresholds };
  const byQueue: Record<string, Thresholds> = {};
  for (const q of new Set([...queues, ...Object.keys(config.board.byQueue), ...Object.keys(config.live.serviceLevelSeconds)])) {
    const t = config.live.serviceLevelSeconds[q];
    const wait: Thresholds =
      t !== undefined && !config.board.thresholds?.longest_wait_s ? { longest_wait_s: { amber: 2 * t, red: 6 * t, direction: 'above' } } : {};
    byQueue[q] = { ...def, ...wait, ...config.board.byQueue[q] };
  }
  return { time_zone: config.timeZone, thresholds: { default: def, byQueue } };
}

/** 'green' | 'amber' | 'red' for a value under a threshold; null values are green (nothing to judge). */
export function level(t: Threshold, value: number | null): 'green' | 'amber' | 'red' {
  if (value === null) return 'green';
  if (t.direction === 'above') return value >= t.red ? 'red' : value >= t.amber ? 'amber' : 'green';
  return value <= t.red ? 'red' : value <= t.amber ? 'amber' : 'green';
}

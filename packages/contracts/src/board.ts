// The board's colour thresholds (`GET /v1/board/config`): per metric, when a value turns amber and red.
// 'above' metrics: ≥ red → red, ≥ amber → amber; 'below' metrics (service level, CSAT): ≤ red → red,
// ≤ amber → amber. Shared by the server (defaults, config) and the wall-board (colours). Also the queues'
// display names, and the smallest sample a window figure needs before it is coloured at all.
import { DEFAULT_SERVICE_LEVEL_S, queueWaitThresholdsS } from './rules.ts';
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
  'unsolved_tickets',
  'unassigned_tickets',
  'oldest_unassigned_s',
] as const;
export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number];

export interface Threshold {
  amber: number;
  red: number;
  direction: 'above' | 'below';
}
export type Thresholds = Partial<Record<ThresholdMetric, Threshold>>;

/**
 * The smallest sample a window figure needs for a colour (the alert rules' minimums): offered contacts for
 * service level, ASA and abandon rate, responses for CSAT. Below it the figure is shown neutral, with its sample.
 */
export interface MinSample {
  offered: number;
  csat_responses: number;
}

export interface BoardConfig {
  time_zone: string;
  thresholds: { default: Thresholds; byQueue: Record<string, Thresholds> };
  /** display name per queue id (the server's `queueNames`); a queue not listed is shown by its id */
  queue_names?: Record<string, string>;
  min_sample?: { default: MinSample; byQueue: Record<string, MinSample> };
}

export const DEFAULT_MIN_SAMPLE: MinSample = { offered: 5, csat_responses: 5 };

/** The defaults. Unsolved tickets have none: how many is normal depends on the team (configure `unsolved_tickets`). */
const QUEUE_WAIT_DEFAULT = queueWaitThresholdsS(DEFAULT_SERVICE_LEVEL_S);

export const DEFAULT_THRESHOLDS: Thresholds = {
  waiting: { amber: 5, red: 10, direction: 'above' },
  // the queue-wait rule (2 × T amber, 6 × T red) at the default T
  longest_wait_s: { amber: QUEUE_WAIT_DEFAULT.warning, red: QUEUE_WAIT_DEFAULT.critical, direction: 'above' },
  service_level_pct: { amber: 80, red: 70, direction: 'below' },
  asa_s: { amber: 30, red: 60, direction: 'above' },
  abandon_rate_pct: { amber: 5, red: 10, direction: 'above' },
  csat_pct: { amber: 80, red: 70, direction: 'below' },
  utilization_pct: { amber: 85, red: 95, direction: 'above' },
  sla_breached: { amber: 1, red: 1, direction: 'above' },
  /** at risk is a warning, never more: the board shows it amber however many there are */
  sla_at_risk: { amber: 1, red: 1_000_000, direction: 'above' },
  /** an agent at capacity is working as planned; above it (a transfer, a forced assignment) is red */
  load_pct: { amber: 101, red: 101, direction: 'above' },
  unassigned_tickets: { amber: 10, red: 25, direction: 'above' },
  /** the oldest unassigned ticket's age: an hour is worth a look, four hours (a normal first-reply target) is late */
  oldest_unassigned_s: { amber: 3_600, red: 4 * 3_600, direction: 'above' },
};

// What a wall-board needs besides live data (`GET /v1/board/config`): colour thresholds (green below amber, amber
// below red for 'above' metrics, the reverse for 'below' ones such as service level), the queues' display
// names, and the smallest sample a window figure needs before it is coloured. Longest wait follows the
// queue_wait alert rule: amber at 2 × T, red at 6 × T, where T is the queue's service-level threshold; the
// minimum samples are the alert rules' (service_level_min_offered, csat_min_responses).
import { DEFAULT_MIN_SAMPLE, DEFAULT_THRESHOLDS, recordOf, type BoardConfig, type MinSample, type Thresholds } from '@pulse/contracts';
import { queueWaitThresholdsS } from '@pulse/metrics';
import type { Config } from './schema.ts';

/** The board's longest-wait colours of a queue with service-level threshold `tS`: the queue-wait rule's (metrics/rules.ts). */
function longestWaitThresholds(tS: number): NonNullable<Thresholds['longest_wait_s']> {
  const { warning, critical } = queueWaitThresholdsS(tS);
  return { amber: warning, red: critical, direction: 'above' };
}

export type { BoardConfig, MinSample, Threshold, Thresholds } from '@pulse/contracts';
export { DEFAULT_THRESHOLDS } from '@pulse/contracts';

type QueueAlertConfig = Config['alerts']['defaults'];

function minSample(...layers: (QueueAlertConfig | undefined)[]): MinSample {
  const out = { ...DEFAULT_MIN_SAMPLE };
  for (const l of layers) {
    if (l?.service_level_min_offered !== undefined) out.offered = l.service_level_min_offered;
    if (l?.csat_min_responses !== undefined) out.csat_responses = l.csat_min_responses;
  }
  return out;
}

export function boardConfig(config: Config, queues: string[]): BoardConfig {
  const def = { ...DEFAULT_THRESHOLDS, ...config.board.thresholds };
  const defSample = minSample(config.alerts.defaults);
  const byQueue: [string, Thresholds][] = [];
  const samples: [string, MinSample][] = [];
  const own = <T>(rec: Record<string, T>, key: string): T | undefined => (Object.hasOwn(rec, key) ? rec[key] : undefined);
  const names = new Set([
    ...queues,
    ...Object.keys(config.board.byQueue),
    ...Object.keys(config.live.serviceLevelSeconds),
    ...Object.keys(config.alerts.byQueue),
  ]);
  for (const q of names) {
    const t = own(config.live.serviceLevelSeconds, q);
    const wait: Thresholds = t !== undefined && !config.board.thresholds?.longest_wait_s ? { longest_wait_s: longestWaitThresholds(t) } : {};
    byQueue.push([q, { ...def, ...wait, ...own(config.board.byQueue, q) }]);
    samples.push([q, minSample(config.alerts.defaults, own(config.alerts.byQueue, q))]);
  }
  return {
    time_zone: config.timeZone,
    thresholds: { default: def, byQueue: recordOf(byQueue) },
    queue_names: recordOf(Object.entries(config.queueNames)),
    min_sample: { default: defSample, byQueue: recordOf(samples) },
  };
}

// The board's colour thresholds: green below amber, amber below red ('above' metrics), or the reverse
// ('below' metrics, such as service level). Longest wait follows the queue_wait alert rule: amber at 2 × T,
// red at 6 × T, where T is the queue's service-level threshold.
import { DEFAULT_THRESHOLDS, type BoardConfig, type Thresholds } from '@pulse/contracts';
import type { Config } from './schema.ts';

export type { BoardConfig, Threshold, Thresholds } from '@pulse/contracts';
export { DEFAULT_THRESHOLDS } from '@pulse/contracts';

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

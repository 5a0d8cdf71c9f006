// Green / amber / red per metric and queue, from the server's board config (`GET /v1/board/config`).

import { DEFAULT_THRESHOLDS, type BoardConfig as BoardConfigResponse, type Threshold, type Thresholds } from '@pulse/contracts/board';

export type Level = 'green' | 'amber' | 'red' | 'neutral';

export { THRESHOLD_METRICS } from '@pulse/contracts/board';
export type { Threshold, Thresholds, ThresholdMetric } from '@pulse/contracts/board';
export type { BoardConfig as BoardConfigResponse } from '@pulse/contracts/board';

/**
 * Used only when the server has no board config to give (an older server): the same defaults it ships with.
 * While the config is loading, figures are neutral rather than guessed.
 */
export const FALLBACK_THRESHOLDS: Thresholds = DEFAULT_THRESHOLDS;

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

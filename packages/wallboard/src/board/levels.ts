// Green / amber / red per metric and queue, from the server's board config (`GET /v1/board/config`).

import {
  DEFAULT_MIN_SAMPLE,
  DEFAULT_THRESHOLDS,
  type BoardConfig as BoardConfigResponse,
  type MinSample,
  type Threshold,
  type Thresholds,
} from '@pulse/contracts/board';

export type Level = 'green' | 'amber' | 'red' | 'neutral';

export { THRESHOLD_METRICS } from '@pulse/contracts/board';
export type { Threshold, Thresholds, ThresholdMetric } from '@pulse/contracts/board';
export type { BoardConfig as BoardConfigResponse, MinSample } from '@pulse/contracts/board';

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

/** A level no worse than `max`: at risk is a warning however many targets are at risk. */
export function capLevel(level: Level, max: 'amber' | 'red'): Level {
  return RANK[level] > RANK[max] ? max : level;
}

/**
 * The level of a window figure that needs a sample: neutral below the minimum (4 contacts say nothing about a
 * service level), else its threshold's level.
 */
export function sampledLevel(t: Threshold | undefined, value: number | null | undefined, sample: number, min: number): Level {
  return sample < min ? 'neutral' : levelOf(t, value);
}

/** A queue's minimum samples (its own, else the defaults, else the alert rules' defaults). */
export function minSampleFor(config: BoardConfigResponse | null, queue: string | null): MinSample {
  const own = queue !== null && config?.min_sample?.byQueue && Object.hasOwn(config.min_sample.byQueue, queue) ? config.min_sample.byQueue[queue] : undefined;
  return own ?? config?.min_sample?.default ?? DEFAULT_MIN_SAMPLE;
}

/**
 * A tile's level comes first from now — chats waiting and the longest wait: only they make a tile critical.
 * A critical figure among `other` (the window's service level, the ticket backlog) makes it a warning at most;
 * the rest colour only themselves. So a queue with nobody waiting is never red, and a tile says WARNING only
 * when something there needs a look.
 */
export function tileLevel(now: Iterable<Level>, other: Iterable<Level>): Level {
  const current = worstLevel(now);
  if (current === 'red' || current === 'amber') return current;
  return worstLevel([current, worstLevel(other) === 'red' ? 'amber' : 'neutral']);
}

// Sparkline points from the 60-minute trend: one point per minute of a queue's or a channel's scope.
import type { WindowMetrics } from '@pulse/contracts';
import { channelScope, queueScope } from '@pulse/metrics/browser';
import type { SparkMetric } from '../config/boards.ts';
import type { Trend } from '../live/types.ts';
import type { TileEntry } from './metrics.ts';

export interface SparkPoint {
  /** Minute start, ms. */
  t: number;
  /** Main value: answered (offered), service level % or ASA s; null = no data that minute. */
  v: number | null;
  /** Stacked on top of `v` for `offered`: abandoned. */
  w?: number;
}

/** The trend's scope of a tile: the live-state model's scope encoding. */
export const scopeKey = (tile: Pick<TileEntry, 'kind' | 'name'>): string => (tile.kind === 'queue' ? queueScope(tile.name) : channelScope(tile.name));

function point(t: number, m: WindowMetrics | undefined, metric: SparkMetric): SparkPoint {
  if (!m) return { t, v: metric === 'offered' ? 0 : null, ...(metric === 'offered' ? { w: 0 } : {}) };
  if (metric === 'offered') return { t, v: m.answered, w: m.abandoned };
  if (metric === 'service_level') return { t, v: m.service_level_pct };
  return { t, v: m.asa_s };
}

/** Points of one scope, oldest first; an unknown scope (no activity in the hour) is a flat zero line. */
export function sparkPoints(trend: Trend, scope: string, metric: SparkMetric): SparkPoint[] {
  const series = trend.series[scope];
  return trend.minutes.map((minute, i) => point(Date.parse(minute), series?.[i], metric));
}

/** Points for every tile, computed once per trend (the trend changes once a minute). */
export function sparkTable(trend: Trend | undefined, tiles: readonly TileEntry[], metric: SparkMetric): Map<string, SparkPoint[]> {
  const table = new Map<string, SparkPoint[]>();
  if (!trend) return table;
  for (const tile of tiles) {
    const key = scopeKey(tile);
    table.set(key, sparkPoints(trend, key, metric));
  }
  return table;
}

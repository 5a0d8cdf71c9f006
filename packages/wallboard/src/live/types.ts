import type { Snapshot, WindowMetrics } from '@pulse/contracts';

/** Server-side filters of `GET /v1/live` (`?queue=&channel=`). The wall-board uses none and filters itself. */
export interface LiveFilters {
  queue?: string;
  channel?: string;
}

/** What the react-query cache holds under `['live', filters]`. */
export interface LiveData {
  snapshot: Snapshot;
  /** Client clock (ms) when this snapshot arrived; instant figures like longest wait tick on from here. */
  receivedAt: number;
}

/** `GET /v1/live/trend`: per-minute window metrics of the last 60 minutes per scope (`all`, `q:<queue>`, `c:<channel>`). */
export interface Trend {
  at: string;
  minutes: string[];
  series: Record<string, WindowMetrics[]>;
}

export const liveQueryKey = (filters: LiveFilters) => ['live', filters] as const;
export const TREND_KEY = ['trend'] as const;
export const BOARD_CONFIG_KEY = ['board-config'] as const;

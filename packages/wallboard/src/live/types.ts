import type { Snapshot, Trend } from '@pulse/contracts';

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

export type { Trend };

export const liveQueryKey = (filters: LiveFilters) => ['live', filters] as const;
export const TREND_KEY = ['trend'] as const;
export const BOARD_CONFIG_KEY = ['board-config'] as const;

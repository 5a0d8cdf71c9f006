import type { Snapshot } from '@pulse/contracts';

/** Server-side filters of `GET /v1/live` (`?queue=&channel=`). The wall-board uses none and filters tiles itself. */
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

export const liveQueryKey = (filters: LiveFilters) => ['live', filters] as const;

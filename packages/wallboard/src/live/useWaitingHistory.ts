import { useMemo, useState } from 'react';
import { WaitingHistory } from './history.ts';
import type { LiveData } from './types.ts';

/**
 * Feeds the sparkline history from every snapshot and every clock tick (so the line keeps moving while nothing
 * changes). Observing is idempotent for the same inputs, so doing it during render is safe under StrictMode.
 */
export function useWaitingHistory(data: LiveData | undefined, now: number): WaitingHistory {
  const [history] = useState(() => new WaitingHistory());
  const snapshot = data?.snapshot;
  const values = useMemo(() => {
    if (!snapshot) return null;
    const out: Record<string, number> = {};
    for (const [queue, m] of Object.entries(snapshot.queues)) out[queue] = m.waiting;
    return out;
  }, [snapshot]);
  if (values) history.observe(values, Math.max(now, data?.receivedAt ?? 0));
  return history;
}

// The 60-minute trend behind the sparklines: fetched once, then refetched only when useLiveSnapshot invalidates
// it (a snapshot in a new minute, or the first snapshot after an outage). No timer of its own.
import { useQuery } from '@tanstack/react-query';
import { getJson } from './api.ts';
import { TREND_KEY, type Trend } from './types.ts';

function isTrend(v: unknown): v is Trend {
  if (typeof v !== 'object' || v === null) return false;
  const t = v as Record<string, unknown>;
  return Array.isArray(t.minutes) && typeof t.series === 'object' && t.series !== null;
}

export function useTrend(token: string | null): Trend | undefined {
  const query = useQuery({
    queryKey: TREND_KEY,
    queryFn: ({ signal }) => getJson('/v1/live/trend', isTrend, { token, signal }),
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: 2,
    retryDelay: 2_000,
  });
  return query.data;
}

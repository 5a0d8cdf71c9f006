// Colour thresholds and the board's time zone (`GET /v1/board/config`). Null while loading; the built-in
// defaults when the server has no such surface (404) so an older server still gets coloured tiles.
import { useQuery } from '@tanstack/react-query';
import { FALLBACK_THRESHOLDS, type BoardConfigResponse } from '../board/levels.ts';
import { getJson, LiveHttpError } from './api.ts';
import { BOARD_CONFIG_KEY } from './types.ts';

function isBoardConfig(v: unknown): v is BoardConfigResponse {
  if (typeof v !== 'object' || v === null) return false;
  const c = v as { thresholds?: { default?: unknown } };
  return typeof c.thresholds?.default === 'object' && c.thresholds.default !== null;
}

const FALLBACK: BoardConfigResponse = { time_zone: '', thresholds: { default: FALLBACK_THRESHOLDS, byQueue: {} } };

export function useBoardConfig(token: string | null): BoardConfigResponse | null {
  const query = useQuery({
    queryKey: BOARD_CONFIG_KEY,
    queryFn: async ({ signal }) => {
      try {
        return await getJson('/v1/board/config', isBoardConfig, { token, signal });
      } catch (err) {
        if (err instanceof LiveHttpError && err.status === 404) return FALLBACK;
        throw err;
      }
    },
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    retry: true,
    retryDelay: (attempt) => Math.min(1_000 * 2 ** attempt, 30_000),
  });
  return query.data ?? null;
}

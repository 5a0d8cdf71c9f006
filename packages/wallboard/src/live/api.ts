// REST: the first snapshot (and the fallback while the WebSocket is down) from `GET /v1/live`.
import type { Snapshot } from '@pulse/contracts';
import type { LiveFilters } from './types.ts';

export class LiveHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'LiveHttpError';
  }
}

/** 401/403: the viewer token is missing or wrong. Retrying will not help; a person must fix the URL. */
export function isAuthError(err: unknown): err is LiveHttpError {
  return err instanceof LiveHttpError && (err.status === 401 || err.status === 403);
}

export function liveUrl(filters: LiveFilters): string {
  const params = new URLSearchParams();
  if (filters.queue) params.set('queue', filters.queue);
  if (filters.channel) params.set('channel', filters.channel);
  const qs = params.toString();
  return `/v1/live${qs ? `?${qs}` : ''}`;
}

/** Minimal shape check so a proxy's HTML error page or a half-built server never reaches the tiles. */
export function isSnapshot(value: unknown): value is Snapshot {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.at === 'string' &&
    typeof v.overall === 'object' &&
    v.overall !== null &&
    typeof v.queues === 'object' &&
    v.queues !== null
  );
}

const TIMEOUT_MS = 8_000;

export async function fetchLive(opts: {
  token: string | null;
  filters: LiveFilters;
  signal?: AbortSignal;
  timeoutMs?: number;
}): Promise<Snapshot> {
  // Our own controller: aborts on react-query's signal or after the timeout (a frozen server must not hang the board).
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(), opts.timeoutMs ?? TIMEOUT_MS);
  try {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let res: Response;
    try {
      res = await fetch(liveUrl(opts.filters), { headers, signal: controller.signal, cache: 'no-store' });
    } catch (err) {
      if (controller.signal.aborted && !opts.signal?.aborted) {
        throw new LiveHttpError(0, `no answer from the server within ${Math.round((opts.timeoutMs ?? TIMEOUT_MS) / 1000)} s`);
      }
      throw err;
    }
    if (!res.ok) {
      let detail = '';
      try {
        const body = (await res.json()) as { error?: unknown; message?: unknown };
        detail = String(body.error ?? body.message ?? '');
      } catch {
        /* not JSON */
      }
      throw new LiveHttpError(res.status, detail || `HTTP ${res.status}`);
    }
    const body: unknown = await res.json();
    if (!isSnapshot(body)) throw new LiveHttpError(res.status, 'the server answered without a live snapshot');
    return body;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

// REST: the first snapshot (and the fallback while the WebSocket is down), the trend and the board config.
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
  return typeof v.at === 'string' && typeof v.overall === 'object' && v.overall !== null && typeof v.queues === 'object' && v.queues !== null;
}

const TIMEOUT_MS = 8_000;

export interface GetOptions {
  token: string | null;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** GET a JSON document of the Pulse API with the viewer token, a timeout, and errors that say what went wrong. */
export async function getJson<T>(path: string, isValid: (v: unknown) => v is T, opts: GetOptions): Promise<T> {
  // Our own controller: aborts on react-query's signal or after the timeout (a frozen server must not hang the board).
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (opts.token) headers.Authorization = `Bearer ${opts.token}`;
    let res: Response;
    try {
      res = await fetch(path, { headers, signal: controller.signal, cache: 'no-store' });
    } catch (err) {
      if (controller.signal.aborted && !opts.signal?.aborted) {
        throw new LiveHttpError(0, `no answer from the server within ${Math.round(timeoutMs / 1000)} s`);
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
    if (!isValid(body)) throw new LiveHttpError(res.status, `unexpected answer from ${path.split('?')[0]}`);
    return body;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
  }
}

export function fetchLive(opts: GetOptions & { filters: LiveFilters }): Promise<Snapshot> {
  return getJson(liveUrl(opts.filters), isSnapshot, opts);
}

// A typed client of the Pulse HTTP API. Every method returns a Reply (status, headers, text, data):
// retrying, backing off and logging are the caller's to decide (the simulator's sender does all three).
import type { Alert, AlertState, BoardConfig, IngestReply, PulseEvent, ReadinessReply, Snapshot } from '@pulse/contracts';
import { fillPath, OPERATIONS, type OperationName } from './operations.ts';
import { toReply, type Reply } from './reply.ts';

export interface ClientOptions {
  /** the server, e.g. `http://127.0.0.1:8080` */
  baseUrl: string;
  /** a bearer token (ingest for postEvents; viewer or above for reads; lead for alert actions) */
  token?: string;
  /** a fetch implementation (default: the global fetch) */
  fetch?: typeof fetch;
}

export interface CallOptions {
  signal?: AbortSignal;
  /** the full URL to call instead of the operation's path on baseUrl (an endpoint behind a proxy path) */
  url?: string;
}

export interface LiveQuery {
  queue?: string;
  channel?: string;
}

export interface SeriesQuery {
  from: string | number;
  to: string | number;
  interval?: '5m' | '15m' | '1h' | '1d' | '1w' | '1mo';
  metrics?: string;
  queue?: string;
  channel?: string;
  agent?: string;
  tz?: string;
  totals?: boolean;
}

export interface SeriesReply {
  from: string;
  to: string;
  interval: string;
  tz: string;
  first_data_at: string | null;
  series: { scope: string; points: ({ t: string } & Record<string, number | string | null>)[] }[];
  totals?: unknown;
}

type Query = Record<string, string | number | boolean | undefined>;

export function createPulseClient(options: ClientOptions) {
  const doFetch = options.fetch ?? fetch;

  async function call<T>(
    op: OperationName,
    init: { params?: Record<string, string>; query?: Query; body?: string; contentType?: string; dataStatuses?: number[] } & CallOptions = {},
  ): Promise<Reply<T>> {
    const { method, path } = OPERATIONS[op];
    const url = new URL(init.url ?? fillPath(path, init.params), options.baseUrl);
    for (const [k, v] of Object.entries(init.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (init.body !== undefined) headers['content-type'] = init.contentType ?? 'application/json';
    const res = await doFetch(url, { method, headers, body: init.body, signal: init.signal });
    return toReply<T>(res, init.dataStatuses);
  }

  return {
    /** POST /v1/events: 202 with what was accepted; 400 (data holds the rejected events) when none was valid */
    postEvents: (events: readonly PulseEvent[] | readonly unknown[], opts: CallOptions = {}) =>
      call<IngestReply>('postEvents', { ...opts, body: JSON.stringify(events), dataStatuses: [400] }),
    live: (query: LiveQuery = {}, opts: CallOptions = {}) => call<Snapshot>('live', { ...opts, query: { ...query } }),
    liveTrend: (opts: CallOptions = {}) => call<unknown>('liveTrend', opts),
    boardConfig: (opts: CallOptions = {}) => call<BoardConfig>('boardConfig', opts),
    alerts: (state?: AlertState, opts: CallOptions = {}) => call<{ alerts: Alert[] }>('alerts', { ...opts, query: { state } }),
    ackAlert: (id: string, note?: string, opts: CallOptions = {}) =>
      call<Alert>('ackAlert', { ...opts, params: { id }, body: JSON.stringify(note === undefined ? {} : { note }) }),
    resolveAlert: (id: string, note?: string, opts: CallOptions = {}) =>
      call<Alert>('resolveAlert', { ...opts, params: { id }, body: JSON.stringify(note === undefined ? {} : { note }) }),
    historySeries: (query: SeriesQuery, opts: CallOptions = {}) => call<SeriesReply>('historySeries', { ...opts, query: { ...query } }),
    healthz: (opts: CallOptions = {}) => call<{ status: 'ok' }>('healthz', opts),
    /** 200 when ready (status `ready` or `degraded`), 503 when not: data carries the parts either way */
    readyz: (opts: CallOptions = {}) => call<ReadinessReply>('readyz', { ...opts, dataStatuses: [503] }),
    openapi: (opts: CallOptions = {}) => call<Record<string, unknown>>('openapi', opts),
  };
}

export type PulseClient = ReturnType<typeof createPulseClient>;

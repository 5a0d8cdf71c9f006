// Request ids, request logs and request metrics. Each request gets an id: the caller's `x-request-id`
// when it is sane (1–128 characters of [A-Za-z0-9._:@/+=-]), else a new UUID; it is echoed in the
// reply's `x-request-id` and is the `reqId` of every log line of the request. One log line per request
// once it is answered (method, route pattern, status, ms; never the query string, which may hold a
// token): at debug for /healthz, /readyz and /metrics, which probes call all the time.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { PulseMetrics } from './metrics.ts';

export const REQUEST_ID_HEADER = 'x-request-id';
const SANE_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

/** Fastify's genReqId: the caller's id when sane, else a new one. */
export function requestId(req: IncomingMessage): string {
  const h = req.headers[REQUEST_ID_HEADER];
  return typeof h === 'string' && SANE_ID.test(h) ? h : randomUUID();
}

const PROBES = new Set(['/healthz', '/readyz', '/metrics']);

/** The ingest routes and the source each one counts for. */
const INGEST_SOURCE: Record<string, string> = {
  '/v1/events': 'api',
  '/v1/sources/zendesk': 'zendesk',
  '/v1/sources/chatwoot': 'chatwoot',
  '/v1/sources/chatwoot/:token': 'chatwoot',
};

/** Counts the events of an ingest reply (`{accepted, duplicates, rejected: [...]}`) by outcome. */
function countIngestReply(metrics: PulseMetrics, source: string, payload: unknown): void {
  if (typeof payload !== 'string' || payload.length === 0 || payload[0] !== '{') return;
  let r: { accepted?: unknown; duplicates?: unknown; rejected?: unknown };
  try {
    r = JSON.parse(payload) as typeof r;
  } catch {
    return;
  }
  if (typeof r.accepted === 'number') metrics.ingestEvents.inc({ source, outcome: 'accepted' }, r.accepted);
  if (typeof r.duplicates === 'number') metrics.ingestEvents.inc({ source, outcome: 'duplicate' }, r.duplicates);
  if (Array.isArray(r.rejected)) metrics.ingestEvents.inc({ source, outcome: 'rejected' }, r.rejected.length);
}

/** Adds the hooks to the root instance: call before any route or plugin is registered, so all inherit them. */
export function observeRequests(app: FastifyInstance, metrics: PulseMetrics): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.header(REQUEST_ID_HEADER, req.id);
  });
  app.addHook('onSend', async (req, reply, payload) => {
    const source = INGEST_SOURCE[req.routeOptions.url ?? ''];
    if (source && reply.statusCode < 500) countIngestReply(metrics, source, payload);
    return payload;
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    const status = reply.statusCode;
    const seconds = reply.elapsedTime / 1000;
    metrics.httpRequests.inc({ method: req.method, route, status: String(status) });
    metrics.httpDuration.observe({ method: req.method, route }, seconds);
    const source = INGEST_SOURCE[route];
    if (source) metrics.ingestDuration.observe({ source }, seconds);
    const line = { method: req.method, route, status, ms: Math.round(reply.elapsedTime * 10) / 10 };
    if (PROBES.has(route)) req.log.debug(line, 'request');
    else if (status >= 500) req.log.warn(line, 'request');
    else req.log.info(line, 'request');
  });
}

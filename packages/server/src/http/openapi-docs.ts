// What the OpenAPI document says of each route beyond its TypeBox schemas (openapi.ts): a summary, a
// tag, who may call it, and for POST /v1/events the body and reply (the route parses its body itself:
// JSON or NDJSON, validated per event, so the schema is given to the document only). A route missing
// here is still in the document, with its schemas.
import { EventSchemas, LIMITS } from '@pulse/contracts';

export type Access = 'none' | 'ingest' | 'viewer' | 'manager' | 'lead' | 'admin' | 'source';

export interface RouteDoc {
  summary: string;
  tag: 'ingest' | 'live' | 'alerts' | 'history' | 'admin' | 'sources' | 'operations';
  access: Access;
  description?: string;
  /** replies by status, for the document */
  response?: Record<string, object>;
}

const Part = { type: 'string', description: '`ready`, or what is wrong (`unavailable: …`, `degraded: …`)' };
const ReadinessReply = {
  type: 'object',
  properties: {
    status: { enum: ['ready', 'degraded', 'not ready'] },
    parts: { type: 'object', properties: { ingest: Part, live: Part, history: Part }, required: ['ingest', 'live', 'history'] },
    checks: { type: 'object', additionalProperties: { type: 'string' } },
  },
  required: ['status', 'checks'],
};

export const ROUTE_DOCS: Record<string, RouteDoc> = {
  'GET /healthz': {
    summary: 'Liveness: the process answers',
    tag: 'operations',
    access: 'none',
    response: { 200: { description: 'Alive', type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] } },
  },
  'GET /readyz': {
    summary: 'Readiness by part: 200 when ingest and live are ready (history may be degraded), 503 otherwise',
    tag: 'operations',
    access: 'none',
    response: { 200: { description: 'Ready: status `ready` or `degraded`', ...ReadinessReply }, 503: { description: 'Not ready', ...ReadinessReply } },
  },
  'GET /metrics': { summary: 'Prometheus metrics (text exposition format)', tag: 'operations', access: 'none' },
  'GET /v1/openapi.json': { summary: 'This document', tag: 'operations', access: 'none' },
  'POST /v1/events': {
    summary: 'Send events: one, a JSON array, or NDJSON',
    tag: 'ingest',
    access: 'ingest',
    description: `At most ${LIMITS.batchEvents} events and ${LIMITS.batchBytes} bytes a request. 202 once the valid new events are durably in the stream; each invalid one is listed in \`rejected\` with the field at fault. A re-sent id counts as a duplicate.`,
  },
  'GET /v1/live': { summary: 'The live snapshot (optionally of one queue or channel)', tag: 'live', access: 'viewer' },
  'GET /v1/live/trend': { summary: 'Per-minute window metrics of the last 60 minutes', tag: 'live', access: 'viewer' },
  'GET /v1/live/sla': {
    summary: 'A whole SLA list (breached or at risk), a page at a time, the most urgent first',
    tag: 'live',
    access: 'viewer',
    description: '`kind` breached or at_risk, `limit` (1–1000, default 100), `queue`, `channel`, and `cursor`: the `next_cursor` of the previous page.',
  },
  'GET /v1/board/config': { summary: 'The wall-board’s colour thresholds and queues', tag: 'live', access: 'viewer' },
  'GET /v1/live/stream': {
    summary: 'WebSocket: the snapshot on connect, then changes (≤ 1 s) and heartbeats every 2 s',
    tag: 'live',
    access: 'viewer',
    description:
      'Upgrade with `?token=` or a bearer token. Messages are JSON: `snapshot` (with `seq`), then `patch` (only what changed, `seq` one more each), `heartbeat` (with the last `seq`), `error`. A client that sees a gap in `seq` sends `{"type":"resync"}` and gets a snapshot.',
  },
  'GET /v1/alerts': { summary: 'Alerts, optionally in one state', tag: 'alerts', access: 'viewer' },
  'GET /v1/alerts/settings': { summary: 'Delivery channels, time zone and snooze choices of the alerts page', tag: 'alerts', access: 'viewer' },
  'GET /v1/alerts/deliveries': { summary: 'Alert notification deliveries and their attempts', tag: 'alerts', access: 'lead' },
  'POST /v1/alerts/ack': { summary: 'Acknowledge several alerts', tag: 'alerts', access: 'lead' },
  'POST /v1/alerts/{id}/ack': { summary: 'Acknowledge an alert', tag: 'alerts', access: 'lead' },
  'POST /v1/alerts/{id}/resolve': { summary: 'Resolve an alert', tag: 'alerts', access: 'lead' },
  'POST /v1/alerts/{id}/snooze': { summary: 'Snooze an alert', tag: 'alerts', access: 'lead' },
  'GET /v1/alerts/silences': { summary: 'Silences', tag: 'alerts', access: 'lead' },
  'POST /v1/alerts/silences': { summary: 'Add a silence', tag: 'alerts', access: 'lead' },
  'DELETE /v1/alerts/silences/{id}': { summary: 'Remove a silence', tag: 'alerts', access: 'lead' },
  'GET /v1/history/series': { summary: 'Metric series over a range, by interval and scope (JSON or CSV)', tag: 'history', access: 'manager' },
  'GET /v1/history/items': { summary: 'The chats and tickets behind a number (JSON or CSV)', tag: 'history', access: 'manager' },
  'GET /v1/history/agents': { summary: 'Agent metrics over a range', tag: 'history', access: 'manager' },
  'GET /v1/history/heatmap': { summary: 'Volume by weekday and hour', tag: 'history', access: 'manager' },
  'GET /v1/history/staffing': { summary: 'Agents needed (Erlang C) against agents online, per interval of a queue', tag: 'history', access: 'manager' },
  'GET /v1/history/scopes': { summary: 'Queues, channels and agents seen in a range', tag: 'history', access: 'manager' },
  'GET /v1/history/config': { summary: 'Settings of the trends page', tag: 'history', access: 'manager' },
  'GET /v1/admin/dead-letters': { summary: 'History rows ClickHouse refused, newest first', tag: 'admin', access: 'admin' },
  'POST /v1/sources/zendesk': { summary: 'Zendesk webhook (signed): canonical events out', tag: 'sources', access: 'source' },
  'POST /v1/sources/chatwoot': { summary: 'Chatwoot webhook (signed)', tag: 'sources', access: 'source' },
  'POST /v1/sources/chatwoot/{token}': { summary: 'Chatwoot webhook (secret path token)', tag: 'sources', access: 'source' },
};

const ErrorReply = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } as const;

/** A TypeBox schema as plain JSON Schema: no `$id` (each event schema names itself) and no TypeBox-only keywords. */
function plain(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema, (k, v: unknown) => (k === '$id' || k === 'enumValues' ? undefined : v)));
}

const Event = { anyOf: Object.values(EventSchemas).map(plain) };
const IngestReply = {
  type: 'object',
  properties: {
    accepted: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: {
      type: 'array',
      items: { type: 'object', properties: { index: { type: 'integer' }, id: { type: 'string' }, error: { type: 'string' } }, required: ['index', 'error'] },
    },
  },
  required: ['accepted', 'duplicates', 'rejected'],
};

/** Body and replies of POST /v1/events, for the document. */
export const EVENTS_SCHEMA = {
  consumes: ['application/json', 'application/x-ndjson'],
  body: { anyOf: [Event, { type: 'array', items: Event, maxItems: LIMITS.batchEvents }] },
  response: {
    202: { description: 'The valid new events are in the stream', ...IngestReply },
    400: { description: 'No event of the batch was valid (rejected lists why), or the body is not JSON or holds none', anyOf: [IngestReply, ErrorReply] },
    413: { description: 'Over the batch limits', ...ErrorReply },
    415: { description: 'Not JSON or NDJSON in UTF-8', ...ErrorReply },
    429: { description: 'Over the rate limit (Retry-After)', ...ErrorReply },
    503: { description: 'Storage unreachable or the stream full: nothing accepted (Retry-After)', ...ErrorReply },
  },
};

/** Replies every authenticated route may give. */
export const AUTH_REPLIES = {
  401: { description: 'No token, or an unknown one', ...ErrorReply },
  403: { description: 'The token’s role may not use this route', ...ErrorReply },
  429: { description: 'Over the rate limit (Retry-After)', ...ErrorReply },
};

// The operations of the Pulse API this client calls, as the OpenAPI document (GET /v1/openapi.json) names
// them: method and path template. test/integration/openapi.test.ts checks each one against the document.
export const OPERATIONS = {
  postEvents: { method: 'POST', path: '/v1/events' },
  live: { method: 'GET', path: '/v1/live' },
  liveTrend: { method: 'GET', path: '/v1/live/trend' },
  boardConfig: { method: 'GET', path: '/v1/board/config' },
  alerts: { method: 'GET', path: '/v1/alerts' },
  ackAlert: { method: 'POST', path: '/v1/alerts/{id}/ack' },
  resolveAlert: { method: 'POST', path: '/v1/alerts/{id}/resolve' },
  historySeries: { method: 'GET', path: '/v1/history/series' },
  healthz: { method: 'GET', path: '/healthz' },
  readyz: { method: 'GET', path: '/readyz' },
  openapi: { method: 'GET', path: '/v1/openapi.json' },
} as const;

export type OperationName = keyof typeof OPERATIONS;

/** A path template with its `{name}` parameters filled in, each URL-encoded. */
export function fillPath(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) throw new TypeError(`missing path parameter '${name}' of ${template}`);
    return encodeURIComponent(v);
  });
}

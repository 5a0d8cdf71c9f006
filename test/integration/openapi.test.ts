// Issue 20: the OpenAPI 3.1 document, generated from the routes' TypeBox schemas, served at
// /v1/openapi.json: it validates against the OpenAPI 3.1 schema, holds every route the server registers
// (but the wall-board's static files), and every operation of the typed client (@pulse/client), which
// works against the real server.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPulseClient, OPERATIONS } from '@pulse/client';
import { routesOf } from '../../packages/server/src/http/route-table.ts';
import { eventually, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
let doc: {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, { summary?: string; tags?: string[]; security?: unknown[]; parameters?: { name: string; in: string }[] }>>;
};

beforeAll(async () => {
  t = await startTestPulse();
  const res = await fetch(`${t.url}/v1/openapi.json`);
  expect(res.status).toBe(200);
  doc = await res.json();
});
afterAll(async () => t?.close());

const documented = (url: string) => url.startsWith('/v1/') || ['/healthz', '/readyz', '/metrics'].includes(url);
const templated = (url: string) => url.replace(/:(\w+)/g, '{$1}');

describe('GET /v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('0.2.0');
    const result = await new Validator().validate(doc as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('holds every route the server registers', () => {
    const routes = routesOf(t.pulse.app).filter((r) => r.method !== 'HEAD' && documented(r.url));
    expect(routes.length).toBeGreaterThan(25);
    for (const r of routes) {
      expect(doc.paths[templated(r.url)]?.[r.method.toLowerCase()], `${r.method} ${r.url}`).toBeDefined();
    }
    // and nothing else: no static file of the wall-board
    const all = Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
    expect(all.sort()).toEqual([...new Set(routes.map((r) => `${r.method} ${templated(r.url)}`))].sort());
  });

  it('is generated from the TypeBox schemas, with who may call each route', () => {
    const live = doc.paths['/v1/live']?.get;
    expect(live?.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual(expect.arrayContaining(['query:queue', 'query:channel']));
    expect(live?.tags).toEqual(['live']);
    expect(live?.security).toEqual([{ bearer: [] }, { tokenQuery: [] }]);
    expect(doc.paths['/v1/alerts/{id}/ack']?.post?.parameters).toEqual([expect.objectContaining({ in: 'path', name: 'id', required: true })]);
    expect(doc.paths['/healthz']?.get?.security).toEqual([]);
    const events = doc.paths['/v1/events']!.post as {
      requestBody: { content: Record<string, { schema: { anyOf: unknown[] } }> };
      responses: Record<string, unknown>;
    };
    expect(Object.keys(events.requestBody.content)).toEqual(['application/json', 'application/x-ndjson']);
    expect(JSON.stringify(events.requestBody.content['application/json']?.schema)).toContain('"chat.requested"');
    expect(Object.keys(events.responses)).toEqual(expect.arrayContaining(['202', '400', '401', '403', '413', '415', '429', '503']));
  });

  it('holds every operation of the typed client', () => {
    for (const [name, op] of Object.entries(OPERATIONS)) {
      expect(doc.paths[op.path]?.[op.method.toLowerCase()], `${name}: ${op.method} ${op.path}`).toBeDefined();
    }
  });
});

describe('@pulse/client against the server', () => {
  it('sends events and reads the live state, readiness and the document back, typed', async () => {
    const ingest = createPulseClient({ baseUrl: t.url, token: TOKENS.ingest });
    const viewer = createPulseClient({ baseUrl: t.url, token: TOKENS.viewer });
    const sent = await ingest.postEvents([{ id: 'cl-1', type: 'chat.requested', ts: Date.now() - 5_000, chat_id: 'cc1', queue: 'sales' }]);
    expect(sent.status).toBe(202);
    expect(sent.data).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
    const refused = await ingest.postEvents([{ id: 'cl-2', type: 'chat.requested' }]);
    expect(refused.status).toBe(400);
    expect(refused.data?.rejected[0]?.index).toBe(0);
    const live = await eventually(
      () => viewer.live({ queue: 'sales' }),
      (r) => r.data?.queues.sales?.waiting === 1,
    );
    expect(live.ok).toBe(true);
    const ready = await viewer.readyz();
    expect(ready.data?.parts.ingest).toBe('ready');
    expect((await viewer.openapi()).data?.openapi).toBe('3.1.0');
    const denied = await viewer.ackAlert('no-such-alert');
    expect(denied.status).toBe(403);
    expect(denied.error).toMatch(/role/);
  });
});

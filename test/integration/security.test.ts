// Who may do what (SPEC §3 roles), hostile input never yields a 5xx, and rate limits answer 429.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
const HASHED = 'a-token-stored-only-as-its-hash';
beforeAll(async () => {
  t = await startTestPulse({
    tokens: [
      ...Object.entries(TOKENS).map(([role, token]) => ({ role, token })),
      { role: 'viewer', name: 'hashed kiosk', sha256: createHash('sha256').update(HASHED).digest('hex') },
    ],
  });
});
afterAll(async () => t?.close());

type Role = keyof typeof TOKENS | 'none';
const ROLES: Role[] = ['none', 'ingest', 'viewer', 'manager', 'lead', 'admin'];

const SURFACES: { method: 'GET' | 'POST'; path: string; needs: keyof typeof TOKENS; ok: number }[] = [
  { method: 'POST', path: '/v1/events', needs: 'ingest', ok: 400 },
  { method: 'GET', path: '/v1/live', needs: 'viewer', ok: 200 },
  { method: 'GET', path: '/v1/live/trend', needs: 'viewer', ok: 200 },
  { method: 'GET', path: '/v1/board/config', needs: 'viewer', ok: 200 },
  { method: 'GET', path: '/v1/alerts', needs: 'viewer', ok: 200 },
  { method: 'GET', path: '/v1/history/series?from=0&to=3600000', needs: 'manager', ok: 200 },
  { method: 'GET', path: '/v1/history/items?from=0&to=3600000', needs: 'manager', ok: 200 },
  { method: 'GET', path: '/v1/history/agents?from=0&to=3600000', needs: 'manager', ok: 200 },
  { method: 'GET', path: '/v1/alerts/deliveries', needs: 'lead', ok: 200 },
  { method: 'POST', path: '/v1/alerts/al_none/ack', needs: 'lead', ok: 404 },
  { method: 'POST', path: '/v1/alerts/al_none/resolve', needs: 'lead', ok: 404 },
];
const RANK: Record<string, number> = { viewer: 0, manager: 1, lead: 2, admin: 3 };

function expected(role: Role, needs: keyof typeof TOKENS, ok: number): number {
  if (role === 'none') return 401;
  if (needs === 'ingest') return role === 'ingest' || role === 'admin' ? ok : 403;
  if (role === 'ingest') return 403;
  return RANK[role] >= RANK[needs] ? ok : 403;
}

async function call(method: string, path: string, role: Role): Promise<number> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (role !== 'none') headers.authorization = `Bearer ${TOKENS[role]}`;
  const res = await fetch(`${t.url}${path}`, { method, headers, body: method === 'POST' ? '[]' : undefined });
  await res.arrayBuffer();
  return res.status;
}

describe('roles', () => {
  for (const s of SURFACES) {
    it(`${s.method} ${s.path.split('?')[0]} is for ${s.needs} and up: 401 without a token, 403 below`, async () => {
      const got = await Promise.all(ROLES.map((r) => call(s.method, s.path, r)));
      expect(Object.fromEntries(ROLES.map((r, i) => [r, got[i]]))).toEqual(
        Object.fromEntries(ROLES.map((r) => [r, expected(r, s.needs, s.ok)])),
      );
    });
  }

  it('a kiosk URL with a viewer token reads the board and nothing else', async () => {
    expect((await fetch(`${t.url}/v1/live?token=${TOKENS.viewer}`)).status).toBe(200);
    expect((await fetch(`${t.url}/v1/history/series?token=${TOKENS.viewer}`)).status).toBe(403);
    // tokens in the URL count only for reading: a POST needs the header
    expect((await fetch(`${t.url}/v1/alerts/x/ack?token=${TOKENS.lead}`, { method: 'POST' })).status).toBe(401);
  });

  it('accepts a token that the configuration stores only as its SHA-256', async () => {
    expect((await fetch(`${t.url}/v1/live?token=${HASHED}`)).status).toBe(200);
    expect((await fetch(`${t.url}/v1/live?token=${HASHED}x`)).status).toBe(401);
  });

  const upgrade = (headers: Record<string, string>, token: string = TOKENS.viewer) =>
    new Promise<number>((resolve) => {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/live/stream?token=${token}`, { headers });
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => {
        ws.close();
        resolve(101);
      });
      ws.on('error', () => {});
    });

  it('checks the token and the Origin before the WebSocket upgrade', async () => {
    const host = new URL(t.url).host;
    expect(await upgrade({ origin: `http://${host}` })).toBe(101);
    expect(await upgrade({})).toBe(101);
    expect(await upgrade({ origin: 'https://evil.example' })).toBe(403);
    expect(await upgrade({ origin: `http://${host}` }, 'nope-nope')).toBe(401);
    expect(await upgrade({ origin: `http://${host}` }, TOKENS.ingest)).toBe(403);
  });
});

describe('hostile input', () => {
  const send = async (body: string | Buffer, contentType = 'application/json') => {
    const res = await fetch(`${t.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${TOKENS.ingest}` },
      body: body as BodyInit,
    });
    return { status: res.status, body: await res.text() };
  };

  it('answers a clear 4xx to each kind of malformed body, never a 5xx', async () => {
    const cases: [string | Buffer, number, RegExp][] = [
      ['{"id": "a", "type": "chat.requested", ', 400, /not valid JSON/],
      ['[' .repeat(100_000) + ']'.repeat(100_000), 400, /.+/],
      ['{"__proto__": {"admin": true}, "id": "p", "type": "chat.ended", "ts": 1, "chat_id": "c"}', 400, /.+/],
      ['{"constructor": {"prototype": {}}, "id": "p2", "type": "chat.ended", "ts": 1, "chat_id": "c"}', 400, /.+/],
      [Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]), 400, /.+/],
      ['{"id": "n", "type": "chat.ended", "ts": 1e400, "chat_id": "c"}', 400, /ts/],
      ['{"id": "n2", "type": "chat.ended", "ts": 123456789012345678901234567890, "chat_id": "c"}', 400, /ts/],
      [JSON.stringify({ id: 'big', type: 'chat.ended', ts: 1, chat_id: 'x'.repeat(1_000_000) }), 400, /chat_id: longer than 128/],
      ['null', 400, /.+/],
      ['"just a string"', 400, /event: must be a JSON object/],
    ];
    for (const [body, status, message] of cases) {
      const r = await send(body);
      expect(r.status, String(body).slice(0, 60)).toBe(status);
      expect(r.body, String(body).slice(0, 60)).toMatch(message);
    }
    const nd = await send('{"__proto__": 1}\n', 'application/x-ndjson');
    expect(nd.status).toBe(400);
    expect(nd.body).toContain("forbidden key '__proto__'");
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('never answers 5xx to random bodies, and keeps serving', async () => {
    const anyJson = fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v));
    const eventish = fc
      .record({
        id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
        type: fc.oneof(fc.constantFrom('chat.requested', 'ticket.created', 'csat.rated', 'agent.status_changed'), fc.string()),
        ts: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(Date.now())),
        chat_id: fc.string(),
        queue: fc.string({ maxLength: 300 }),
        rating: fc.oneof(fc.integer(), fc.double(), fc.string()),
      }, { requiredKeys: [] })
      .map((v) => JSON.stringify([v]));
    const bytes = fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a));
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyJson, eventish, bytes), fc.constantFrom('application/json', 'application/x-ndjson'), async (body, ct) => {
        const r = await send(body, ct);
        expect([202, 400, 413, 415], r.body).toContain(r.status);
      }),
      { numRuns: 300 },
    );
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });
});

describe('rate limits', () => {
  it('answers 429 with Retry-After once a token passes its limit, per token', async () => {
    const limited = await startTestPulse({ rateLimit: { ingestPerMinute: 3, readPerMinute: 2 }, workers: { live: true, history: false } });
    try {
      const post = () =>
        fetch(`${limited.url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}` },
          body: '[]',
        });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await post()).status);
      expect(statuses).toEqual([400, 400, 400, 429]);
      const r = await post();
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await r.json()) as { error: string }).error).toMatch(/^rate limit of 3 requests per minute exceeded for this token; retry in \d+ s$/);
      // another token has its own budget
      expect((await fetch(`${limited.url}/v1/live?token=${TOKENS.viewer}`)).status).toBe(200);
      expect((await fetch(`${limited.url}/healthz`)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

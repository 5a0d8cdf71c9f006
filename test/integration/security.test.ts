// Who may do what (SPEC §3 roles), hostile input never yields a 5xx, and rate limits answer 429.
import { createHash } from 'node:crypto';
import { connect } from 'node:net';
import fc from 'fast-check';
import { Redis } from 'ioredis';
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
const RANK: Record<Exclude<keyof typeof TOKENS, 'ingest'>, number> = { viewer: 0, manager: 1, lead: 2, admin: 3 };

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
      expect(Object.fromEntries(ROLES.map((r, i) => [r, got[i]]))).toEqual(Object.fromEntries(ROLES.map((r) => [r, expected(r, s.needs, s.ok)])));
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
      ['['.repeat(100_000) + ']'.repeat(100_000), 400, /.+/],
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
      .record(
        {
          id: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
          type: fc.oneof(fc.constantFrom('chat.requested', 'ticket.created', 'csat.rated', 'agent.status_changed'), fc.string()),
          ts: fc.oneof(fc.integer(), fc.double(), fc.string(), fc.constant(Date.now())),
          chat_id: fc.string(),
          queue: fc.string({ maxLength: 300 }),
          rating: fc.oneof(fc.integer(), fc.double(), fc.string()),
        },
        { requiredKeys: [] },
      )
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

/**
 * Sends `head` (request line and headers) on a raw socket, then `trickle` one character every `everyMs`
 * (forever, or until the server answers or closes); resolves with what the server sent, its status and
 * how long until it closed the connection (or `waitMs` passed).
 */
function rawRequest(url: string, head: string, opts: { trickle?: string; everyMs?: number; waitMs?: number } = {}) {
  const { port, hostname } = new URL(url);
  return new Promise<{ status: number; body: string; ms: number; closed: boolean }>((resolve) => {
    const started = Date.now();
    const socket = connect(Number(port), hostname);
    let data = '';
    let timer: NodeJS.Timeout | undefined;
    const done = (closed: boolean) => {
      clearInterval(timer);
      clearTimeout(deadline);
      socket.destroy();
      const [headers = '', body = ''] = data.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(headers)?.[1] ?? 0), body, ms: Date.now() - started, closed });
    };
    const deadline = setTimeout(() => done(false), opts.waitMs ?? 5000);
    socket.on('data', (d) => (data += d.toString('utf8')));
    socket.on('close', () => done(true));
    socket.on('error', () => {});
    socket.write(head);
    if (opts.trickle) {
      let i = 0;
      timer = setInterval(() => socket.writable && socket.write(opts.trickle![i++ % opts.trickle!.length]!), opts.everyMs ?? 100);
    }
  });
}

const postHead = (token: string | null, contentLength: number) =>
  `POST /v1/events HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${contentLength}\r\n` +
  (token ? `Authorization: Bearer ${token}\r\n` : '') +
  '\r\n[{"id": "slow", ';

describe('authentication before the body', () => {
  it('answers a wrong token at once, without waiting for a body that never finishes, and closes the connection', async () => {
    const r = await rawRequest(t.url, postHead('not-a-token-at-all', 4_000_000), { trickle: ' ', everyMs: 200, waitMs: 3000 });
    expect(r.status).toBe(401);
    expect(JSON.parse(r.body)).toEqual({ error: 'unknown token' });
    expect(r.closed).toBe(true);
    expect(r.ms).toBeLessThan(1000);
    const none = await rawRequest(t.url, postHead(null, 4_000_000), { trickle: ' ', everyMs: 200, waitMs: 3000 });
    expect([none.status, JSON.parse(none.body), none.closed]).toEqual([401, { error: 'missing token: send Authorization: Bearer <token>' }, true]);
    const viewer = await rawRequest(t.url, postHead(TOKENS.viewer, 4_000_000), { trickle: ' ', everyMs: 200, waitMs: 3000 });
    expect([viewer.status, JSON.parse(viewer.body), viewer.closed]).toEqual([
      403,
      { error: "this token's role (viewer) may not use this surface; it needs ingest" },
      true,
    ]);
  });
});

describe('unknown tokens and slow requests', () => {
  let strict: TestPulse;
  let redis: Redis;
  beforeAll(async () => {
    strict = await startTestPulse({
      rateLimit: { badTokenPerMinute: 5 },
      http: { requestTimeoutMs: 1000 },
      workers: { live: false, history: false },
      alerts: { enabled: false },
    });
    redis = new Redis(strict.redis.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await strict?.close();
  });

  it('limits guesses per client address: 429 with Retry-After past the budget, and no key per guess', async () => {
    const guess = async (i: number) => {
      const res =
        i % 2 === 0
          ? await fetch(`${strict.url}/v1/events`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', authorization: `Bearer guess-${i}` },
              body: '[]',
            })
          : await fetch(`${strict.url}/v1/live?token=guess-${i}`);
      return { status: res.status, retryAfter: res.headers.get('retry-after'), body: (await res.json()) as { error: string } };
    };
    const replies = [];
    for (let i = 0; i < 8; i++) replies.push(await guess(i));
    expect(replies.map((r) => r.status)).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    expect(replies[0]?.body).toEqual({ error: 'unknown token' });
    expect(Number(replies[5]?.retryAfter)).toBeGreaterThan(0);
    expect(Number(replies[5]?.retryAfter)).toBeLessThanOrEqual(60);
    expect(replies[5]?.body.error).toMatch(/^too many requests with unknown tokens from this address: at most 5 per minute; retry in \d+ s$/);
    // one counter for all the guesses of this address, none per guessed token
    const prefix = `${strict.pulse.config.redis.prefix}rl:`;
    expect(await redis.keys(`${prefix}*`)).toEqual([`${prefix}bad:127.0.0.1`]);
    // a malformed Authorization header is a guess too
    const malformed = await fetch(`${strict.url}/v1/live`, { headers: { authorization: 'Basic Zm9vOmJhcg==' } });
    expect(malformed.status).toBe(429);
    // known tokens from the same address keep their own budgets
    expect((await fetch(`${strict.url}/v1/live?token=${TOKENS.viewer}`)).status).toBe(200);
    const ingest = await fetch(`${strict.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}` },
      body: '[]',
    });
    expect(ingest.status).toBe(400);
  });

  it('answers 408 and closes the connection when a body trickles in past the request timeout', async () => {
    const r = await rawRequest(strict.url, postHead(TOKENS.ingest, 100_000), { trickle: ' ', everyMs: 100, waitMs: 5000 });
    expect(r.status).toBe(408);
    expect(JSON.parse(r.body)).toEqual({ error: 'the request was not received within 1 s (http.requestTimeoutMs); the connection is closed' });
    expect(r.closed).toBe(true);
    expect(r.ms).toBeGreaterThanOrEqual(1000);
    expect(r.ms).toBeLessThan(2500);
  });

  it('answers 408 to headers that never finish', async () => {
    const r = await rawRequest(strict.url, 'GET /v1/live HTTP/1.1\r\nHost: localhost\r\n', { trickle: 'X', everyMs: 100, waitMs: 5000 });
    expect(r.status).toBe(408);
    expect(r.closed).toBe(true);
    expect(r.ms).toBeLessThan(2500);
  });
});

// Issue 20: request logs and ids. Every request has an id, the caller's x-request-id when sane, else a new
// UUID, echoed in the reply and carried by each of its log lines; one line per request (method, route
// pattern, status, ms; never the query string, which may hold a token); probes only at debug; an
// unexpected error is logged with its stack.
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, startPulse, type Pulse } from '@pulse/server';
import { startClickHouseStub, type ClickHouseStub } from '../support/clickhouse-stub.ts';
import { eventually, postEvents, TOKENS } from '../support/pulse.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { tmpFolder } from '../support/tmp.ts';

const lines: Record<string, any>[] = [];
const sink = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const l of chunk.toString().split('\n')) if (l) lines.push(JSON.parse(l));
    done();
  },
});
let redis: TestRedis;
let ch: ClickHouseStub;
let pulse: Pulse;
const data = tmpFolder('data');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

beforeAll(async () => {
  [redis, ch] = await Promise.all([startRedis(), startClickHouseStub('26.7.5.10')]);
  const config = loadConfig(
    {},
    {
      port: 0,
      dataDir: data.path,
      redis: { url: redis.url },
      clickhouse: { url: ch.url },
      alerts: { enabled: false },
      tokens: Object.entries(TOKENS).map(([role, token]) => ({ role, token })),
    },
  );
  pulse = await startPulse(config, pino({ level: 'info' }, sink));
});
afterAll(async () => {
  await pulse?.stop();
  await Promise.all([redis?.stop(), ch?.close()]);
  data.remove();
});

const requestLines = (id: string) => lines.filter((l) => l.reqId === id && l.msg === 'request');

describe('request ids and logs', () => {
  it('takes a sane x-request-id, echoes it, and logs the request once under it', async () => {
    const r = await postEvents(pulse.url, [{ id: 'l-1', type: 'chat.requested', ts: Date.now() - 1000, chat_id: 'c', queue: 'q' }], {});
    expect(r.status).toBe(202);
    const res = await fetch(`${pulse.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}`, 'x-request-id': 'trace-abc.123' },
      body: JSON.stringify({ id: 'l-2', type: 'chat.requested', ts: Date.now() - 1000, chat_id: 'c2', queue: 'q' }),
    });
    expect(res.status).toBe(202);
    expect(res.headers.get('x-request-id')).toBe('trace-abc.123');
    const logged = await eventually(
      async () => requestLines('trace-abc.123'),
      (l) => l.length > 0,
    );
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ level: 30, method: 'POST', route: '/v1/events', status: 202 });
    expect(typeof logged[0]?.ms).toBe('number');
  });

  it('gives a new id to a request without one or with one that is not sane, and never logs the query', async () => {
    const plain = await fetch(`${pulse.url}/v1/live?token=${TOKENS.viewer}`);
    expect(plain.status).toBe(200);
    const id = plain.headers.get('x-request-id')!;
    expect(id).toMatch(UUID);
    const insane = await fetch(`${pulse.url}/v1/live?token=${TOKENS.viewer}`, { headers: { 'x-request-id': 'a b<script>' } });
    expect(insane.headers.get('x-request-id')).toMatch(UUID);
    const denied = await fetch(`${pulse.url}/v1/live`, { headers: { 'x-request-id': 'x'.repeat(200) } });
    expect(denied.status).toBe(401);
    expect(denied.headers.get('x-request-id')).toMatch(UUID);
    await eventually(
      async () => requestLines(id),
      (l) => l.length === 1,
    );
    expect(requestLines(id)[0]).toMatchObject({ route: '/v1/live', status: 200 });
    expect(JSON.stringify(lines)).not.toContain(TOKENS.viewer);
  });

  it('logs probes only at debug', async () => {
    const res = await fetch(`${pulse.url}/healthz`);
    const id = res.headers.get('x-request-id')!;
    await fetch(`${pulse.url}/metrics`);
    await new Promise((r) => setTimeout(r, 100));
    expect(lines.filter((l) => l.reqId === id)).toEqual([]);
  });

  it('logs an unexpected error with its stack (history asked while ClickHouse is down)', async () => {
    await ch.stop();
    const res = await fetch(`${pulse.url}/v1/history/series?from=${Date.now() - 3600_000}&to=${Date.now()}&interval=5m`, {
      headers: { authorization: `Bearer ${TOKENS.manager}`, 'x-request-id': 'history-down-1' },
    });
    expect(res.status).toBeGreaterThanOrEqual(500);
    const errors = await eventually(
      async () => lines.filter((l) => l.reqId === 'history-down-1' && l.level >= 50),
      (l) => l.length > 0,
    );
    expect(errors[0]?.err.stack).toMatch(/ECONNREFUSED[\s\S]*\n\s+at /);
  });
});

import { describe, it, expect, afterEach } from 'vitest';
import { createServer } from 'node:net';
import type { PulseEvent } from '@pulse/contracts';
import { sendBatch, sendAll, parseRetryAfter, eventsUrl, SendError } from '../src/sender.ts';
import { startIngest, memoryLogger, acceptAll } from './ingest-server.ts';

const events: PulseEvent[] = [
  { id: 'e-1', type: 'chat.requested', ts: 1_736_000_000_000, chat_id: 'c-1', queue: 'billing' },
  { id: 'e-2', type: 'chat.answered', ts: 1_736_000_005_000, chat_id: 'c-1', agent_id: 'agent-001' },
];

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('sendBatch', () => {
  it('retries a 503 after the Retry-After it was given, then returns the reply', async () => {
    const srv = await startIngest((r, n, res) => {
      if (n === 1) {
        res.writeHead(503, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end('{"error":"busy"}');
        return;
      }
      acceptAll(r, n, res);
    });
    close = srv.close;
    const { logger } = memoryLogger();
    const t0 = Date.now();
    const reply = await sendBatch(srv.url, 'tok-1', events, { logger });
    const elapsed = Date.now() - t0;
    expect(reply).toEqual({ accepted: 2, duplicates: 0, rejected: [], status: 202, attempts: 2 });
    expect(srv.received).toHaveLength(2);
    expect(srv.received[1]!.at - srv.received[0]!.at).toBeGreaterThanOrEqual(950);
    expect(elapsed).toBeGreaterThanOrEqual(950);
    for (const r of srv.received) {
      expect(r.headers.authorization).toBe('Bearer tok-1');
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.events).toEqual(events);
    }
  });

  it('retries a 429 and gives up after maxRetries with a SendError', async () => {
    const srv = await startIngest((_r, _n, res) => {
      res.writeHead(429, { 'retry-after': '0' });
      res.end();
    });
    close = srv.close;
    const { logger } = memoryLogger();
    await expect(sendBatch(srv.url, 't', events, { logger, maxRetries: 2 })).rejects.toBeInstanceOf(SendError);
    expect(srv.received).toHaveLength(3);
  });

  it('logs events the server rejected and returns them', async () => {
    const srv = await startIngest((_r, _n, res) => {
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ accepted: 1, duplicates: 0, rejected: [{ index: 1, id: 'e-2', error: 'agent_id: is required' }] }));
    });
    close = srv.close;
    const { logger, lines } = memoryLogger();
    const reply = await sendBatch(srv.url, 't', events, { logger });
    expect(reply.rejected).toEqual([{ index: 1, id: 'e-2', error: 'agent_id: is required' }]);
    const warn = lines.find((l) => l.level === 'warn');
    expect(warn?.msg).toContain('rejected 1 of 2');
    expect(warn?.obj).toMatchObject({ count: 1, rejected: [{ id: 'e-2' }] });
  });

  it('returns a 400 that lists rejected events, and does not retry it', async () => {
    const srv = await startIngest((_r, _n, res) => {
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          accepted: 0,
          duplicates: 0,
          rejected: [
            { index: 0, id: 'e-1', error: 'x' },
            { index: 1, id: 'e-2', error: 'y' },
          ],
        }),
      );
    });
    close = srv.close;
    const { logger } = memoryLogger();
    const reply = await sendBatch(srv.url, 't', events, { logger });
    expect(reply.status).toBe(400);
    expect(reply.rejected).toHaveLength(2);
    expect(srv.received).toHaveLength(1);
  });

  it('fails at once on 401, without retrying', async () => {
    const srv = await startIngest((_r, _n, res) => {
      res.writeHead(401);
      res.end('{"error":"bad token"}');
    });
    close = srv.close;
    const err = await sendBatch(srv.url, 'wrong', events, { logger: memoryLogger().logger }).catch((e) => e);
    expect(err).toBeInstanceOf(SendError);
    expect(err.status).toBe(401);
    expect(srv.received).toHaveLength(1);
  });

  it('retries network errors with backoff, then succeeds once the server is up', async () => {
    // Find a free port, leave it closed for a while, then start the server on it.
    const probe = createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const port = (probe.address() as { port: number }).port;
    await new Promise<void>((r) => probe.close(() => r()));
    const { logger, lines } = memoryLogger();
    const pending = sendBatch(`http://127.0.0.1:${port}`, 't', events, { logger, baseDelayMs: 100, maxRetries: 20 });
    await new Promise((r) => setTimeout(r, 300));
    const { createServer: createHttp } = await import('node:http');
    const srv = createHttp((req, res) => {
      req.resume();
      req.on('end', () => acceptAll({ at: 0, headers: {}, body: '', events: events as never }, 1, res));
    });
    await new Promise<void>((r) => srv.listen(port, '127.0.0.1', r));
    close = () => new Promise<void>((r) => srv.close(() => r()));
    const reply = await pending;
    expect(reply.accepted).toBe(2);
    expect(reply.attempts).toBeGreaterThan(1);
    expect(lines.some((l) => l.level === 'warn' && l.msg?.includes('unreachable'))).toBe(true);
  });

  it('sendAll splits into batches of at most 5,000', async () => {
    const srv = await startIngest();
    close = srv.close;
    const many: PulseEvent[] = Array.from({ length: 12_001 }, (_, i) => ({ id: `m-${i}`, type: 'chat.ended', ts: 1_736_000_000_000, chat_id: `c-${i}` }));
    const totals = await sendAll(srv.url, 't', many, { logger: memoryLogger().logger });
    expect(totals).toMatchObject({ accepted: 12_001, batches: 3 });
    expect(srv.received.map((r) => r.events.length)).toEqual([5000, 5000, 2001]);
    await expect(sendBatch(srv.url, 't', many)).rejects.toBeInstanceOf(RangeError);
  });
});

describe('helpers', () => {
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const now = Date.UTC(2025, 0, 1, 12, 0, 0);
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:05 GMT', now)).toBe(5000);
  });

  it('resolves the ingest endpoint from a base URL', () => {
    expect(eventsUrl('http://localhost:8080')).toBe('http://localhost:8080/v1/events');
    expect(eventsUrl('http://localhost:8080/')).toBe('http://localhost:8080/v1/events');
    expect(eventsUrl('http://h:1/custom/path')).toBe('http://h:1/custom/path');
  });
});

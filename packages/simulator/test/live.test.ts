import { describe, it, expect } from 'vitest';
import { validateEvent } from '@pulse/contracts';
import { LiveClock, runLive } from '../src/live.ts';
import { runBackfill, backfillStart } from '../src/backfill.ts';
import { buildWorld } from '../src/world.ts';
import { startIngest, memoryLogger } from './ingest-server.ts';

describe('LiveClock', () => {
  it('maps fast simulated time onto the wall clock, never ahead of it', () => {
    const c = new LiveClock(1_000_000, 60);
    expect(c.simAt(1_001_000)).toBe(1_060_000);
    for (const wall of [1_000_000, 1_000_250, 1_003_333, 1_100_000]) {
      expect(c.stamp(c.simAt(wall))).toBeLessThanOrEqual(wall);
    }
    expect(c.stamp(900_000)).toBe(900_000); // history keeps its own time
    expect(() => new LiveClock(0, 0)).toThrow(RangeError);
  });
});

describe('runLive', () => {
  it('posts a warmed-up feed in small batches, stamped no later than it is sent', async () => {
    const srv = await startIngest();
    const abort = new AbortController();
    const { logger } = memoryLogger();
    const progress: number[] = [];
    // Stops between posts (after the 4th), never while one is in flight: a post aborted after the server took
    // it would count on the server and not in the run. The timer only bounds a run that stops posting.
    const stopAt = setTimeout(() => abort.abort(), 20_000);
    const final = await runLive({
      url: srv.url,
      token: 'dev-ingest',
      seed: 3,
      world: buildWorld({ seed: 3 }),
      speed: 60,
      tickMs: 100,
      signal: abort.signal,
      logger,
      onProgress: (p) => {
        progress.push(p.sent);
        if (progress.length === 4) abort.abort();
      },
    });
    clearTimeout(stopAt);
    await srv.close();
    const all = srv.received.flatMap((r) => r.events.map((e) => ({ e, at: r.at })));
    expect(all.length).toBe(final.sent);
    expect(srv.received.length).toBe(4);
    for (const { e, at } of all) {
      expect(e.ts as number).toBeLessThanOrEqual(at);
      const v = validateEvent(e, at);
      if (!v.ok) throw new Error(v.error);
    }
    expect(new Set(all.map(({ e }) => e.id)).size).toBe(all.length);
    // Warm-up: agents log in and chats are requested straight away.
    expect(all.some(({ e }) => e.type === 'agent.status_changed' && e.status === 'online')).toBe(true);
    expect(all.some(({ e }) => e.type === 'chat.requested')).toBe(true);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });
});

describe('runLive against a busy server', () => {
  it('waits the Retry-After of a 503 or 429 and sends the same batch again: nothing lost, nothing sent twice', async () => {
    // requests 2 and 3: the stream is full (503, Retry-After 1); request 5: over the rate limit (429, Retry-After 1)
    const refuse = new Map([
      [2, 503],
      [3, 503],
      [5, 429],
    ]);
    const abort = new AbortController();
    const srv = await startIngest((r, n, res) => {
      if (n >= 8) abort.abort(); // enough seen: the run stops after this answer
      const status = refuse.get(n);
      if (status) {
        res.writeHead(status, { 'content-type': 'application/json', 'retry-after': '1' });
        res.end(JSON.stringify({ error: 'busy' }));
        return;
      }
      res.writeHead(202, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ accepted: r.events.length, duplicates: 0, rejected: [] }));
    });
    const { logger } = memoryLogger();
    const stopAt = setTimeout(() => abort.abort(), 30_000);
    const final = await runLive({
      url: srv.url,
      token: 'dev-ingest',
      seed: 4,
      world: buildWorld({ seed: 4 }),
      speed: 60,
      tickMs: 100,
      signal: abort.signal,
      logger,
    });
    clearTimeout(stopAt);
    await srv.close();
    const req = srv.received;
    expect(req.length).toBeGreaterThanOrEqual(8);
    for (const [n] of refuse) {
      // the next request is the same batch, sent no sooner than the server asked
      expect(req[n]!.at - req[n - 1]!.at, `after request ${n}`).toBeGreaterThanOrEqual(1000);
      expect(req[n]!.events.map((e) => e.id)).toEqual(req[n - 1]!.events.map((e) => e.id));
    }
    // the last request may have been cut short by the stop: count what the run says it sent
    const accepted = req.filter((_, i) => !refuse.has(i + 1)).flatMap((r) => r.events.map((e) => e.id as string));
    expect(accepted.length).toBeGreaterThanOrEqual(final.sent);
    expect(new Set(accepted).size).toBe(accepted.length);
    expect(final.accepted).toBe(final.sent);
  });
});

describe('runBackfill', () => {
  it('posts the past hours in batches, with progress up to 100 %, and re-sends the same ids when re-run', async () => {
    const srv = await startIngest();
    const { logger } = memoryLogger();
    const to = Date.UTC(2025, 0, 7, 14, 20);
    const percents: number[] = [];
    const opts = { url: srv.url, token: 't', days: 0.25, seed: 2, to, batchSize: 1000, logger };
    const p = await runBackfill({ ...opts, onProgress: (x) => percents.push(x.percent) });
    expect(p.from).toBe(backfillStart(to, 0.25));
    expect(p.from % 3_600_000).toBe(0);
    expect(p.percent).toBe(100);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(srv.received.every((r) => r.events.length <= 1000)).toBe(true);
    const first = srv.received.flatMap((r) => r.events.map((e) => e.id));
    expect(first.length).toBe(p.sent);
    expect(p.accepted).toBe(p.sent);
    for (const r of srv.received) for (const e of r.events) expect(e.ts as number).toBeLessThan(to);
    srv.received.length = 0;
    await runBackfill(opts);
    expect(srv.received.flatMap((r) => r.events.map((e) => e.id))).toEqual(first);
    await srv.close();
  });
});

// Issue 20: readiness split by part. A history outage (ClickHouse unreachable) marks history degraded and
// keeps the instance ready (200): ingest goes on (202) and the live state moves; history catches up when
// ClickHouse is back. Redis unreachable still makes it not ready (503) within 1 s. ClickHouse here is the
// HTTP stand-in of test/support/clickhouse-stub.ts (no ClickHouse server runs on this machine), stopped
// and started again on its port; Redis and the server are real.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReadinessReply } from '@pulse/contracts';
import { startClickHouseStub, type ClickHouseStub } from '../support/clickhouse-stub.ts';
import { eventually, getJson, postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';

let ch: ClickHouseStub;
let t: TestPulse;

async function readyz(): Promise<{ status: number; body: ReadinessReply; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${t.url}/readyz`);
  return { status: res.status, body: (await res.json()) as ReadinessReply, ms: Date.now() - started };
}

beforeAll(async () => {
  ch = await startClickHouseStub('26.7.5.10');
  t = await startTestPulse({ alerts: { enabled: false }, clickhouse: { url: ch.url } });
});
afterAll(async () => {
  await t?.close();
  await ch?.close();
});

describe('/readyz by part', () => {
  it('is ready with every part ready', async () => {
    const r = await eventually(readyz, (x) => x.body.status === 'ready');
    expect(r.status).toBe(200);
    expect(r.body.parts).toEqual({ ingest: 'ready', live: 'ready', history: 'ready' });
    expect(r.body.checks).toMatchObject({ redis: 'ok', clickhouse: 'ok' });
  });

  it('stays ready, with history degraded, while ClickHouse is down: ingest and live go on', async () => {
    await ch.stop();
    const down = await eventually(readyz, (x) => x.body.status === 'degraded');
    expect(down.status).toBe(200);
    expect(down.body.parts.ingest).toBe('ready');
    expect(down.body.parts.live).toBe('ready');
    expect(down.body.parts.history).toMatch(/^degraded: clickhouse unreachable/);
    expect(down.ms).toBeLessThan(1000);

    const T = Date.now() - 30_000;
    const sent = await postEvents(t.url, [
      { id: 'r-1', type: 'chat.requested', ts: T, chat_id: 'rc1', queue: 'billing' },
      { id: 'r-2', type: 'chat.requested', ts: T + 1000, chat_id: 'rc2', queue: 'billing' },
    ]);
    expect(sent.status).toBe(202);
    expect(sent.body.accepted).toBe(2);
    const live = await eventually(
      () => getJson(t.url, '/v1/live?queue=billing'),
      (r) => r.body?.queues?.billing?.waiting === 2,
    );
    expect(live.body.queues.billing.waiting).toBe(2);
    // the history consumer fails meanwhile: history stays degraded, the instance ready
    const failing = await eventually(readyz, (x) => Object.keys(x.body.checks).some((k) => k.startsWith('consumer history')));
    expect(failing.status).toBe(200);
    expect(failing.body.status).toBe('degraded');
  });

  it('is ready again, history caught up, once ClickHouse answers', async () => {
    const inserts = ch.queries.filter((q) => /^INSERT INTO pulse\.events/.test(q)).length;
    await ch.start();
    const back = await eventually(readyz, (x) => x.body.status === 'ready', 40_000);
    expect(back.body.parts.history).toBe('ready');
    // the batch held during the outage was written once ClickHouse was back
    expect(ch.queries.filter((q) => /^INSERT INTO pulse\.events/.test(q)).length).toBeGreaterThan(inserts);
  }, 60_000);

  it('is not ready (503) within 1 s while Redis is down, naming it', async () => {
    t.redis.kill();
    try {
      const r = await eventually(readyz, (x) => x.status === 503, 5_000);
      expect(r.ms).toBeLessThan(1000);
      expect(r.body.status).toBe('not ready');
      expect(r.body.parts.ingest).toMatch(/^unavailable: redis/);
      expect(r.body.parts.live).toMatch(/^unavailable: redis/);
    } finally {
      await t.redis.restart();
    }
    await eventually(readyz, (x) => x.status === 200, 15_000);
  }, 30_000);
});

// Nothing accepted is lost: under a steady load, kill -9 the server and restart it, kill -9 redis-server
// (AOF) and restart it, stop the history worker (its own process) and restart it later. Afterwards every
// event that got a 202 is in history exactly once, and live state equals the reference model.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PulseEvent, Snapshot } from '@pulse/contracts';
import { referenceSnapshot } from '@pulse/metrics';
import { loadConfig, metricSettings } from '@pulse/server';
import { buildWorld, generate } from '@pulse/simulator';
import { ARTIFACTS } from '../support/browser.ts';
import { freePort } from '../support/ports.ts';
import { eventually, getJson, TOKENS } from '../support/pulse.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { startServerProcess, type ServerProcess } from '../support/process.ts';
import { tmpFolder } from '../support/tmp.ts';

let redis: TestRedis;
let data: { path: string; remove: () => void };
let live: ServerProcess;
let history: ServerProcess | null;
let livePort: number;
let historyPort: number;

const liveEnv = () => ({
  PORT: String(livePort),
  REDIS_URL: redis.url,
  PULSE_INSTANCE_ID: 'live-1',
  PULSE_WORKER_HISTORY: 'false',
  PULSE_DATA_DIR: `${data.path}/live`,
});
const historyEnv = () => ({
  PORT: String(historyPort),
  REDIS_URL: redis.url,
  PULSE_INSTANCE_ID: 'history-1',
  PULSE_WORKER_LIVE: 'false',
  PULSE_DATA_DIR: data.path,
});

beforeAll(async () => {
  redis = await startRedis();
  data = tmpFolder('durability');
  livePort = await freePort();
  historyPort = await freePort();
  live = await startServerProcess(liveEnv());
  history = await startServerProcess(historyEnv());
}, 60_000);
afterAll(async () => {
  await live?.kill('SIGTERM');
  await history?.kill('SIGTERM');
  await redis?.stop();
  data?.remove();
});

/** Posts a batch until it gets a 202, through outages; returns how many attempts it took. */
async function deliver(batch: PulseEvent[], counts: { attempts: number; failures: number; duplicates: number }): Promise<void> {
  for (;;) {
    counts.attempts++;
    try {
      const res = await fetch(`http://127.0.0.1:${livePort}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}` },
        body: JSON.stringify(batch),
        signal: AbortSignal.timeout(5000),
      });
      const body = (await res.json()) as { accepted: number; duplicates: number };
      if (res.status === 202) {
        counts.duplicates += body.duplicates;
        return;
      }
      counts.failures++;
    } catch {
      counts.failures++;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Probes ingest for `ms` while Redis is down: every answer's status, whether it had Retry-After, the slowest. */
async function duringOutage(ms: number): Promise<{ probes: number; statuses: number[]; slowestMs: number }> {
  const statuses = new Set<number>();
  let probes = 0;
  let slowestMs = 0;
  for (const until = Date.now() + ms; Date.now() < until; probes++) {
    const t0 = performance.now();
    const res = await fetch(`http://127.0.0.1:${livePort}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}` },
      body: JSON.stringify([{ id: `outage-${probes}`, type: 'chat.requested', ts: Date.now(), chat_id: `outage-${probes}`, queue: 'outage' }]),
      signal: AbortSignal.timeout(5000),
    }).catch(() => null);
    slowestMs = Math.max(slowestMs, Math.round(performance.now() - t0));
    statuses.add(res === null ? 0 : res.status === 503 && Number(res.headers.get('retry-after')) > 0 ? 503 : res.status);
    await res?.arrayBuffer();
    await new Promise((r) => setTimeout(r, 100));
  }
  return { probes, statuses: [...statuses], slowestMs };
}

describe('durability under faults', () => {
  it('keeps every accepted event exactly once through kill -9 of the server and of Redis and a history outage', { timeout: 180_000 }, async () => {
    const now = Date.now();
    // the simulated organisation's clock is set so the range is a busy late morning, whatever the hour here
    const from = now - 3 * 3600_000;
    const minuteOfDay = Math.floor((from % 86_400_000) / 60_000);
    const utcOffsetMinutes = ((9 * 60 - minuteOfDay + 720 + 1440) % 1440) - 720;
    const world = buildWorld({ seed: 11, agents: 16, queues: 3, utcOffsetMinutes });
    const events = [...generate({ seed: 11, from, to: now - 60_000, world, scale: 5, idPrefix: 'du' })];
    expect(events.length).toBeGreaterThan(1500);
    const batches: PulseEvent[][] = [];
    for (let i = 0; i < events.length; i += 20) batches.push(events.slice(i, i + 20));
    const counts = { sent: events.length, attempts: 0, failures: 0, duplicates: 0 };
    const faults: string[] = [];
    let outage: Awaited<ReturnType<typeof duringOutage>> | undefined;

    // senders keep the load up; a chaos task injects the faults in turn as the load passes each point
    let next = 0;
    let done = false;
    const sender = async () => {
      while (next < batches.length) {
        const i = next++;
        await deliver(batches[i]!, counts);
        await new Promise((r) => setTimeout(r, 15));
      }
    };
    const reached = (share: number) =>
      eventually(
        async () => next,
        (n) => n >= Math.floor(batches.length * share) || done,
        120_000,
      );
    const chaos = async () => {
      await reached(0.2);
      await live.kill('SIGKILL');
      faults.push(`server killed -9 at batch ${next}`);
      live = await startServerProcess(liveEnv());
      await reached(0.45);
      await redis.restart();
      faults.push(`redis-server killed -9 and restarted (AOF) at batch ${next}`);
      await reached(0.6);
      await history!.kill('SIGKILL');
      history = null;
      faults.push(`history worker killed at batch ${next}`);
      await reached(0.7);
      redis.kill();
      outage = await duringOutage(3_000);
      await redis.restart();
      faults.push(`redis-server down for 3 s at batch ${next}: ${outage.probes} probes answered 503 with Retry-After, the slowest in ${outage.slowestMs} ms`);
      await reached(0.85);
      history = await startServerProcess(historyEnv());
      faults.push(`history worker restarted at batch ${next}`);
    };
    await Promise.all([chaos(), Promise.all([sender(), sender(), sender(), sender()]).then(() => (done = true))]);
    expect(faults).toHaveLength(5);
    // while Redis was down, ingest said so at once (503 with Retry-After within 1 s) and took nothing
    expect(outage!.probes).toBeGreaterThan(5);
    expect(outage!.statuses).toEqual([503]);
    expect(outage!.slowestMs).toBeLessThan(1_000);

    // both streams drained by every group
    const r = new Redis(redis.url);
    for (const stream of ['pulse:events', 'pulse:facts']) {
      await eventually(
        async () => {
          const info = (await r.xinfo('STREAM', stream)) as (string | number)[];
          const lastId = String(info[info.indexOf('last-generated-id') + 1]);
          const groups = (await r.xinfo('GROUPS', stream)) as (string | number)[][];
          return groups.every((g) => g[g.indexOf('pending') + 1] === 0 && String(g[g.indexOf('last-delivered-id') + 1]) === lastId);
        },
        Boolean,
        60_000,
      );
    }
    r.disconnect();

    const snap = { ...((await getJson(live.url, '/v1/live')).body as Snapshot), alerts: [] };
    const reference = await referenceSnapshot(events, Date.parse(snap.at), metricSettings(loadConfig({})));
    expect(snap).toEqual(reference);

    // history: stop its process, then read its ClickHouse folder here
    await history!.kill('SIGTERM');
    history = null;
    const ch = createClient({ connection: createChdbConnection({ path: `${data.path}/clickhouse` }) as never });
    const rows = await (
      await ch.query({
        query: "SELECT toUInt64(count()) AS stored, toUInt64(uniqExact(id)) AS unique_ids FROM pulse.events WHERE startsWith(id, 'du-')",
        format: 'JSONEachRow',
      })
    ).json<{ stored: number; unique_ids: number }>();
    await ch.close();
    // count() without GROUP BY returns exactly one row
    const totals = rows[0]!;
    const report = {
      ...counts,
      accepted_unique: events.length,
      stored: Number(totals.stored),
      stored_unique: Number(totals.unique_ids),
      duplicated_in_history: Number(totals.stored) - Number(totals.unique_ids),
      faults,
      redis_outage: outage,
    };
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(`${ARTIFACTS}durability.json`, `${JSON.stringify(report, null, 2)}\n`);
    expect(report.stored_unique).toBe(events.length);
    expect(report.duplicated_in_history).toBe(0);
    expect(report.failures).toBeGreaterThan(0); // the faults were felt
  });
});

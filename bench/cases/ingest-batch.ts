// Batched ingest (500 events a request) sustained for a while, with live state and history keeping up:
// accepted events/s, the largest backlog of any consumer group, and the time to drain after the load.
// Ceilings of the same run: redis-benchmark SET with pipelining (ingest does one SET NX per event) and a raw
// ClickHouse (chDB) insert of the same rows.
import { execFileSync } from 'node:child_process';
import { createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { Redis } from 'ioredis';
import type { PulseEvent } from '@pulse/contracts';
import { buildWorld, generate } from '@pulse/simulator';
import { toRow } from '../../packages/server/src/history/writer.ts';
import { tmpFolder } from '../../test/support/tmp.ts';
import { parseExposition, sampleValue } from '../../test/support/exposition.ts';
import { startRedis } from '../../test/support/redis.ts';
import { percentile, seconds, startStack, TOKENS, type Result } from '../lib.ts';

function events(n: number, prefix: string): PulseEvent[] {
  const out: PulseEvent[] = [];
  const now = Date.now();
  let day = 0;
  while (out.length < n) {
    const to = now - day * 86_400_000;
    for (const e of generate({
      seed: day + 1,
      from: to - 86_400_000,
      to,
      world: buildWorld({ seed: 5, agents: 300, queues: 40 }),
      idPrefix: `${prefix}${day}`,
    })) {
      out.push(e);
      if (out.length >= n) break;
    }
    day++;
  }
  return out;
}

/** The server's longest event-loop stall since the last scrape (prom-client resets it on each), in ms. */
async function stallMs(url: string): Promise<number> {
  const res = await fetch(`${url}/metrics`);
  return 1000 * (sampleValue(parseExposition(await res.text()), 'nodejs_eventloop_lag_max_seconds') ?? 0);
}

async function groupLag(r: Redis, stream: string): Promise<number> {
  const info = (await r.xinfo('GROUPS', stream)) as (string | number)[][];
  return Math.max(0, ...info.map((g) => Number(g[g.indexOf('lag') + 1] ?? 0) + Number(g[g.indexOf('pending') + 1] ?? 0)));
}

export async function ingestBatch(): Promise<Result[]> {
  const duration = seconds('BENCH_SECONDS', 60);
  const bare = await startRedis();
  const csv = execFileSync('redis-benchmark', ['-p', String(bare.port), '-t', 'set', '-n', '300000', '-P', '64', '-q', '--csv'], { encoding: 'utf8' });
  await bare.stop();
  const setCeiling = Number(/"SET","([\d.]+)"/.exec(csv)?.[1] ?? NaN);
  return run(await startStack(), duration, setCeiling);
}

async function run(stack: Awaited<ReturnType<typeof startStack>>, duration: number, setCeiling: number): Promise<Result[]> {
  const r = new Redis(stack.redis.url);
  try {
    const pool = events(Math.min(3_000_000, Math.max(200_000, duration * 30_000)), `bb${Date.now()}-`);
    const bodies: string[] = [];
    for (let i = 0; i < pool.length; i += 500) bodies.push(JSON.stringify(pool.slice(i, i + 500)));
    let next = 0;
    let accepted = 0;
    let refused = 0;
    let maxLag = 0;
    const started = Date.now();
    const stopAt = started + duration * 1000;
    const sampler = setInterval(async () => {
      maxLag = Math.max(maxLag, await groupLag(r, 'pulse:events'), await groupLag(r, 'pulse:facts'));
    }, 500);
    // the longest stall of the server's event loop under the load and while it drains (scraped each second)
    await stallMs(stack.url);
    const stalls: number[] = [];
    const stallSampler = setInterval(() => {
      stallMs(stack.url).then(
        (ms) => stalls.push(ms),
        () => undefined,
      );
    }, 1000);
    const sender = async () => {
      while (Date.now() < stopAt && next < bodies.length) {
        const res = await fetch(`${stack.url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}` },
          body: bodies[next++],
        });
        const body = (await res.json()) as { accepted?: number };
        if (res.status === 202) accepted += body.accepted ?? 0;
        else {
          // backpressure (the live view is behind by its bound) or Redis slow: wait, as a client would
          refused++;
          await new Promise((x) => setTimeout(x, 200));
        }
      }
    };
    await Promise.all(Array.from({ length: 6 }, sender));
    const loadSeconds = (Date.now() - started) / 1000;
    const drainStart = Date.now();
    while ((await groupLag(r, 'pulse:events')) + (await groupLag(r, 'pulse:facts')) > 0 && Date.now() - drainStart < 600_000) {
      await new Promise((x) => setTimeout(x, 250));
    }
    clearInterval(sampler);
    clearInterval(stallSampler);
    stalls.push(await stallMs(stack.url));
    // BENCH_SERVER_METRICS=1: the server's own counters after the run (refusals by status, heap, garbage collection)
    if (process.env.BENCH_SERVER_METRICS) {
      const text = await (await fetch(`${stack.url}/metrics`)).text();
      const wanted = (l: string) => /^(pulse_http_requests_total|pulse_apply_lag|pulse_items_|nodejs_heap_size|nodejs_gc_duration_seconds_(sum|count))/.test(l);
      process.stdout.write(`${text.split('\n').filter(wanted).join('\n')}\n`);
    }
    const drainSeconds = (Date.now() - drainStart) / 1000;
    const rate = accepted / loadSeconds;
    const endToEnd = accepted / (loadSeconds + drainSeconds);

    // raw ClickHouse insert of the same rows, in this process
    const folder = tmpFolder('bench-ch');
    const ch = createClient({ connection: createChdbConnection({ path: folder.path }) as never });
    await ch.command({ query: 'CREATE DATABASE IF NOT EXISTS pulse' });
    await ch.command({
      query:
        "CREATE TABLE pulse.events (id String, type LowCardinality(String), ts DateTime64(3, 'UTC'), received_at DateTime64(3, 'UTC'), ticket_id String, chat_id String, agent_id String, queue LowCardinality(String), channel LowCardinality(String), payload String) ENGINE = MergeTree ORDER BY (type, ts, id)",
    });
    const rows = pool.slice(0, 200_000).map((e) => toRow(e, e.ts));
    const t0 = Date.now();
    for (let i = 0; i < rows.length; i += 50_000) await ch.insert({ table: 'pulse.events', values: rows.slice(i, i + 50_000), format: 'JSONEachRow' });
    const chCeiling = rows.length / ((Date.now() - t0) / 1000);
    await ch.close();
    folder.remove();

    return [
      {
        name: 'batched ingest, 500 events a request (accepted)',
        value: Math.round(rate),
        unit: 'events/s',
        ceiling: { name: 'redis-benchmark SET -P 64 (one SET NX per event)', value: Math.round(setCeiling) },
        ratio: rate / setCeiling,
        target: '100,000 events/s sustained for 60 s',
        met: rate >= 100_000 && duration >= 60,
        notes: `${accepted.toLocaleString('en')} events in ${loadSeconds.toFixed(1)} s; ${refused} requests refused (503, each waited 200 ms); largest consumer backlog ${maxLag} entries`,
      },
      {
        name: 'batched ingest, end to end (live state and history caught up)',
        value: Math.round(endToEnd),
        unit: 'events/s',
        ceiling: { name: 'raw ClickHouse insert of the same rows (chDB)', value: Math.round(chCeiling) },
        ratio: endToEnd / chCeiling,
        notes: `drained ${drainSeconds.toFixed(1)} s after the load stopped`,
      },
      {
        name: 'batched ingest: longest event-loop stall of the server (load and drain)',
        value: Math.round(Math.max(0, ...stalls)),
        unit: 'ms',
        target: '≤ 100 ms',
        met: Math.max(0, ...stalls) <= 100,
        notes: `nodejs_eventloop_lag_max_seconds scraped each second (${stalls.length} scrapes); p50 of the per-second maxima ${Math.round(percentile(stalls, 50))} ms`,
      },
    ];
  } finally {
    r.disconnect();
    await stack.stop();
  }
}

// The floor under batched ingest end to end: history writes several rows for each event (the event, and the
// live state's facts: metric_deltas, metric_values, items), so a raw ClickHouse insert of all of them, with
// nothing else running, bounds how fast history can keep up. Measured against the ceiling of the
// `ingest-batch` case (a raw insert of the events table alone) in the same run: the ratio is the most that
// batched ingest end to end could reach if the HTTP path, Redis and the live state cost nothing.
import { createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { Redis } from 'ioredis';
import pino from 'pino';
import type { PulseEvent } from '@pulse/contracts';
import { buildWorld, generate } from '@pulse/simulator';
import { migrate } from '../../packages/server/src/history/migrate.ts';
import { startRedis } from '../../test/support/redis.ts';
import { startServerProcess } from '../../test/support/process.ts';
import { freePort } from '../../test/support/ports.ts';
import { tmpFolder } from '../../test/support/tmp.ts';
import { TOKENS, type Result } from '../lib.ts';

const TABLES = ['events', 'metric_deltas', 'metric_values', 'items'] as const;
const EVENTS_ONLY =
  "CREATE TABLE pulse.events_only (id String, type LowCardinality(String), ts DateTime64(3, 'UTC'), received_at DateTime64(3, 'UTC'), ticket_id String, chat_id String, agent_id String, queue LowCardinality(String), channel LowCardinality(String), payload String) ENGINE = MergeTree ORDER BY (type, ts, id)";

function simulated(n: number): PulseEvent[] {
  const out: PulseEvent[] = [];
  const now = Date.now();
  for (let day = 0; out.length < n; day++) {
    const to = now - day * 86_400_000;
    for (const e of generate({ seed: day + 1, from: to - 86_400_000, to, world: buildWorld({ seed: 5, agents: 300, queues: 40 }), idPrefix: `hf${day}-` })) {
      out.push(e);
      if (out.length >= n) break;
    }
  }
  return out;
}

/** Every row history wrote for these events: ingested through a real server, then read from its data folder. */
async function historyRows(events: PulseEvent[]): Promise<Record<(typeof TABLES)[number], Record<string, unknown>[]>> {
  const redis = await startRedis();
  const data = tmpFolder('floor');
  try {
    const port = await freePort();
    const server = await startServerProcess({ PORT: String(port), REDIS_URL: redis.url, PULSE_DATA_DIR: data.path, PULSE_RATE_LIMIT: 'off' }, 60_000);
    for (let i = 0; i < events.length; ) {
      const res = await fetch(`${server.url}/v1/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}` },
        body: JSON.stringify(events.slice(i, i + 500)),
      });
      await res.arrayBuffer();
      if (res.status === 202) i += 500;
      else await new Promise((x) => setTimeout(x, 250)); // backpressure: the live view is behind
    }
    const r = new Redis(redis.url);
    const behind = async (stream: string) => {
      const groups = (await r.xinfo('GROUPS', stream)) as (string | number)[][];
      return groups.reduce((n, g) => n + Number(g[g.indexOf('lag') + 1] ?? 0) + Number(g[g.indexOf('pending') + 1] ?? 0), 0);
    };
    while ((await behind('pulse:events')) + (await behind('pulse:facts')) > 0) await new Promise((x) => setTimeout(x, 250));
    r.disconnect();
    await server.kill('SIGTERM');
    const ch = createClient({ connection: createChdbConnection({ path: `${data.path}/clickhouse` }) as never });
    const rows = {} as Record<(typeof TABLES)[number], Record<string, unknown>[]>;
    for (const t of TABLES) rows[t] = await (await ch.query({ query: `SELECT * FROM pulse.${t}`, format: 'JSONEachRow' })).json();
    await ch.close();
    return rows;
  } finally {
    await redis.stop();
    data.remove();
  }
}

export async function historyFloor(): Promise<Result[]> {
  const n = Number(process.env.BENCH_FLOOR_EVENTS ?? 100_000);
  const rows = await historyRows(simulated(n));
  const folder = tmpFolder('floor-insert');
  const ch = createClient({ connection: createChdbConnection({ path: folder.path }) as never });
  try {
    await migrate(ch, pino({ level: 'silent' }));
    await ch.command({ query: EVENTS_ONLY });
    const insertMs = async (table: string, values: Record<string, unknown>[]) => {
      const t0 = performance.now();
      for (let i = 0; i < values.length; i += 50_000) await ch.insert({ table, values: values.slice(i, i + 50_000), format: 'JSONEachRow' });
      return performance.now() - t0;
    };
    const ceilingMs = await insertMs('pulse.events_only', rows.events);
    const perTable = [];
    for (const t of TABLES) perTable.push({ t, rows: rows[t].length, ms: await insertMs(`pulse.${t}`, rows[t]) });
    const allMs = perTable.reduce((s, x) => s + x.ms, 0);
    const ceiling = n / (ceilingMs / 1000);
    const floor = n / (allMs / 1000);
    const total = perTable.reduce((s, x) => s + x.rows, 0);
    return [
      {
        name: 'history rows written per event',
        value: total / n,
        unit: 'rows',
        notes: perTable.map((x) => `${x.t} ${(x.rows / n).toFixed(2)}`).join(', '),
      },
      {
        name: 'raw chDB insert of every row history writes, per event (nothing else running)',
        value: Math.round(floor),
        unit: 'events/s',
        ceiling: { name: 'raw ClickHouse insert of the events alone (chDB), as in ingest-batch', value: Math.round(ceiling) },
        ratio: floor / ceiling,
        target: 'batched end to end ≥ 0.5 of the ceiling needs this ≥ 0.5',
        met: floor / ceiling >= 0.5,
        notes: `${n.toLocaleString('en')} simulator events; ${perTable.map((x) => `${x.t} ${Math.round(x.ms)} ms`).join(', ')}`,
      },
    ];
  } finally {
    await ch.close();
    folder.remove();
  }
}

// History queries over 10 million events (90 days): p50/p95 per query through the HTTP API, and the rows
// the query ranges hold. The data is synthetic, written in bulk with INSERT … SELECT before the server starts.
import { createClient } from '@clickhouse/client';
import { createChdbConnection } from 'chdb/connection';
import { pino } from 'pino';
import { migrate } from '../../packages/server/src/history/migrate.ts';
import { startRedis } from '../../test/support/redis.ts';
import { startServerProcess } from '../../test/support/process.ts';
import { freePort } from '../../test/support/ports.ts';
import { tmpFolder } from '../../test/support/tmp.ts';
import { percentile, TOKENS, type Result } from '../lib.ts';

const EVENTS = Number(process.env.BENCH_HISTORY_EVENTS ?? 10_000_000);
const DAYS = 90;

async function seed(path: string, to: number): Promise<void> {
  const ch = createClient({ connection: createChdbConnection({ path }) as never });
  await migrate(ch, pino({ level: 'silent' }));
  const from = to - DAYS * 86_400_000;
  const span = to - from;
  const q = (query: string) => ch.command({ query, clickhouse_settings: { max_insert_threads: '2' } });
  await q(`INSERT INTO pulse.events SELECT concat('syn-', toString(number)),
    ['chat.requested','chat.answered','chat.ended','ticket.created','ticket.agent_replied','ticket.status_changed','csat.rated'][number % 7 + 1],
    fromUnixTimestamp64Milli(toInt64(${from} + intDiv(number * ${span}, ${EVENTS}))), fromUnixTimestamp64Milli(toInt64(${from} + intDiv(number * ${span}, ${EVENTS}))),
    if(number % 7 >= 3, concat('t', toString(intDiv(number, 7))), ''), if(number % 7 < 3, concat('c', toString(intDiv(number, 7))), ''),
    concat('a', toString(number % 300)), concat('q', toString(number % 40)), ['chat','voice','email','web'][number % 4 + 1], '{}'
    FROM numbers(${EVENTS})`);
  // per-minute rollups of 90 days: overall, 40 queues, 4 channels and 300 agents, the counters of the spec
  const minutes = DAYS * 1440;
  const scopes = "arrayConcat(['all'], arrayMap(i -> concat('q:q', toString(i)), range(40)), ['c:chat','c:voice','c:email','c:web'])";
  const counters =
    "['answered','wait_ms','sl_met','abandoned','abandoned_long','handled','handle_ms','csat_good','csat_bad','created','solved','frt_n','frt_ms','reassignments','fcr_ok','sla_met']";
  await q(`INSERT INTO pulse.metric_minute SELECT scope, counter, toDateTime(intDiv(${from}, 1000) + m * 60), toInt64(1 + (m * 7 + length(scope) * 3 + length(counter)) % 5)
    FROM (SELECT number AS m FROM numbers(${minutes})) ARRAY JOIN ${scopes} AS scope ARRAY JOIN ${counters} AS counter`);
  await q(`INSERT INTO pulse.metric_minute SELECT concat('agent:a', toString(a)), counter, toDateTime(intDiv(${from}, 1000) + m * 60), toInt64(1)
    FROM (SELECT number % 300 AS a, intDiv(number, 300) * 17 AS m FROM numbers(${Math.floor(minutes / 17) * 300})) ARRAY JOIN ['handled','handle_ms','csat_good','frt_n','frt_ms','sla_met'] AS counter`);
  await q(`INSERT INTO pulse.metric_values SELECT concat('ticket:t', toString(number)), 1, 0, toDateTime(intDiv(${from}, 1000) + intDiv(number * 60, 10) % (${minutes} * 60)),
    'all', if(number % 9 = 0, 'sla_breach', 'frt'), concat('t', toString(number)), toFloat64(${from} + (number * 6000) % ${span}), 1 FROM numbers(1500000)`);
  await q(`INSERT INTO pulse.items SELECT if(number % 2 = 0, 'chat', 'ticket'), toString(number), 1, concat('q', toString(number % 40)), 'chat', concat('a', toString(number % 300)),
    'ended', 'normal', 'standard', fromUnixTimestamp64Milli(toInt64(${from} + intDiv(number * ${span}, 2000000))), NULL, fromUnixTimestamp64Milli(toInt64(${from} + intDiv(number * ${span}, 2000000) + 300000)),
    12.5, 300, NULL, 0, 0, 0, 'good', 1, 0 FROM numbers(2000000)`);
  await ch.close();
}

export async function historyQueries(): Promise<Result[]> {
  const folder = tmpFolder('bench-history');
  const to = Math.floor(Date.now() / 3600_000) * 3600_000;
  const t0 = Date.now();
  await seed(folder.path, to);
  const seeding = (Date.now() - t0) / 1000;
  const redis = await startRedis();
  const port = await freePort();
  const server = await startServerProcess(
    { PORT: String(port), REDIS_URL: redis.url, PULSE_DATA_DIR: folder.path.replace(/\/$/, ''), PULSE_WORKER_LIVE: 'false' },
    120_000,
  );
  try {
    const from90 = to - DAYS * 86_400_000;
    const queries: [string, string][] = [
      ['series, 90 days by hour, overall', `/v1/history/series?from=${from90}&to=${to}&interval=1h`],
      ['series, 90 days by day, 3 queues, Madrid days', `/v1/history/series?from=${from90}&to=${to}&interval=1d&queue=q1,q2,q3&tz=Europe/Madrid`],
      ['series, 7 days by 15 minutes, one channel', `/v1/history/series?from=${to - 7 * 86_400_000}&to=${to}&interval=15m&channel=voice`],
      ['agents, 30 days', `/v1/history/agents?from=${to - 30 * 86_400_000}&to=${to}`],
      ['items, one hour of one queue (drill-down)', `/v1/history/items?from=${to - 3600_000}&to=${to}&queue=q5`],
    ];
    const results: Result[] = [{ name: 'history data written (10 M events, 90 days of rollups)', value: seeding, unit: 's' }];
    for (const [name, path] of queries) {
      const times: number[] = [];
      for (let i = 0; i < 25; i++) {
        const s = performance.now();
        const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${TOKENS.manager}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
        times.push(performance.now() - s);
      }
      const p95 = percentile(times.slice(5), 95);
      results.push({
        name: `${name}: p95`,
        value: Math.round(p95),
        unit: 'ms',
        notes: `p50 ${Math.round(percentile(times.slice(5), 50))} ms`,
        ...(name.startsWith('series, 90 days') ? { target: '< 150 ms', met: p95 < 150 } : {}),
      });
    }
    return results;
  } finally {
    await server.kill('SIGTERM');
    await redis.stop();
    folder.remove();
  }
}

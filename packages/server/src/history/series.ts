// Time series of the window metrics (SPEC §3 history/series). Each point is computed by the same
// formulas as the live windows, from the counters and values of its interval: live and history agree.
import type { ClickHouseClient } from '@clickhouse/client';
import type { WindowMetrics } from '@pulse/contracts';
import { startOfLocalDay, windowMetrics, type Counters } from '@pulse/metrics';
import { sql } from './sql.ts';

export const INTERVALS = { '5m': 300, '15m': 900, '1h': 3600, '1d': 86_400 } as const;
export type Interval = keyof typeof INTERVALS;
/** At most this many points per series; a larger request is refused with a 400 that says so. */
export const MAX_POINTS = 5000;

export interface SeriesQuery {
  from: number;
  to: number;
  interval: Interval;
  timeZone: string;
  queues: string[];
  channels: string[];
  /** breaches count from their due moment: those due after this (default: the clock) are not yet breached */
  now?: number;
}

export interface Series {
  scope: string;
  queue?: string;
  channel?: string;
  points: ({ t: string } & WindowMetrics)[];
}

export function scopesOf(q: Pick<SeriesQuery, 'queues' | 'channels'>): string[] {
  const scopes = [...q.queues.map((x) => `q:${x}`), ...q.channels.map((x) => `c:${x}`)];
  return scopes.length > 0 ? scopes : ['all'];
}

/** The start of every bucket of the range, in ms. */
export function bucketStarts(q: SeriesQuery): number[] {
  const out: number[] = [];
  if (q.interval === '1d') {
    let day = startOfLocalDay(q.from, q.timeZone);
    while (day < q.to && out.length <= MAX_POINTS) {
      out.push(day);
      // the next local midnight: a day later, corrected for DST (23 to 25 hours)
      day = startOfLocalDay(day + 36 * 3600_000, q.timeZone);
    }
    return out;
  }
  const step = INTERVALS[q.interval] * 1000;
  for (let t = Math.floor(q.from / 1000) * 1000; t < q.to && out.length <= MAX_POINTS; t += step) out.push(t);
  return out;
}

export async function querySeries(client: ClickHouseClient, q: SeriesQuery): Promise<Series[]> {
  const scopes = scopesOf(q);
  const params = {
    daily: q.interval === '1d' ? 1 : 0,
    tz: q.timeZone,
    from_s: Math.floor(q.from / 1000),
    to_s: Math.ceil(q.to / 1000),
    from_ms: q.from,
    to_ms: q.to,
    now_ms: q.now ?? Date.now(),
    step_s: INTERVALS[q.interval],
    scopes,
  };
  const [counterRows, valueRows] = await Promise.all([
    client.query({ query: sql('series_counters'), query_params: params, format: 'JSONEachRow' }).then((r) =>
      r.json<{ bucket: number | string; scope: string; counter: string; value: number | string }>(),
    ),
    client.query({ query: sql('series_values'), query_params: params, format: 'JSONEachRow' }).then((r) =>
      r.json<{ bucket: number | string; scope: string; name: string; value: number }>(),
    ),
  ]);
  const counters = new Map<string, Counters>();
  const frt = new Map<string, number[]>();
  const at = (bucket: number | string, scope: string) => `${Number(bucket) * 1000}|${scope}`;
  for (const r of counterRows) {
    const k = at(r.bucket, r.scope);
    const c = counters.get(k) ?? {};
    c[r.counter] = (c[r.counter] ?? 0) + Number(r.value);
    counters.set(k, c);
  }
  for (const r of valueRows) {
    const k = at(r.bucket, r.scope);
    if (r.name === 'frt') frt.set(k, [...(frt.get(k) ?? []), r.value]);
    else {
      const c = counters.get(k) ?? {};
      c.sla_breached = (c.sla_breached ?? 0) + 1;
      counters.set(k, c);
    }
  }
  const starts = bucketStarts(q);
  return scopes.map((scope) => ({
    scope,
    ...(scope.startsWith('q:') ? { queue: scope.slice(2) } : {}),
    ...(scope.startsWith('c:') ? { channel: scope.slice(2) } : {}),
    points: starts.map((t) => ({
      t: new Date(t).toISOString(),
      ...windowMetrics(counters.get(`${t}|${scope}`) ?? {}, frt.get(`${t}|${scope}`) ?? []),
    })),
  }));
}

// Time series of the window metrics (SPEC §3 history/series). Each point is computed by the same
// formulas as the live windows, from the counters and values of its interval: live and history agree.
import type { ClickHouseClient } from '@clickhouse/client';
import type { WindowMetrics } from '@pulse/contracts';
import { agentScope, channelScope, OVERALL, parseScope, queueScope, startOfLocalDay, windowMetrics, type Counters } from '@pulse/metrics';
import { addLocalDays, nextLocalMonth, startOfLocalMonth, startOfLocalWeek } from './calendar.ts';
import { sql } from './sql.ts';

/** Interval lengths in seconds; days, weeks (from Monday) and months are local ones in the query's time zone. */
export const INTERVALS = { '5m': 300, '15m': 900, '1h': 3600, '1d': 86_400, '1w': 604_800, '1mo': 2_592_000 } as const;
export type Interval = keyof typeof INTERVALS;
const CALENDAR: Partial<Record<Interval, 'day' | 'week' | 'month'>> = { '1d': 'day', '1w': 'week', '1mo': 'month' };
/** At most this many points per series; a larger request is refused with a 400 that says so. */
export const MAX_POINTS = 5000;

export interface SeriesQuery {
  from: number;
  to: number;
  interval: Interval;
  timeZone: string;
  queues: string[];
  channels: string[];
  /** per-agent scopes `agent:<id>` (the counters agents have: handled, solved, first replies, CSAT, SLA) */
  agents?: string[];
  /** one series for all the scopes together (they must not overlap: only queues, only channels or only agents) */
  combine?: boolean;
  /** breaches count from their due moment: those due after this (default: the clock) are not yet breached */
  now?: number;
}

export interface Series {
  scope: string;
  queue?: string;
  channel?: string;
  agent?: string;
  points: ({ t: string } & WindowMetrics)[];
}

/** How many outcomes each figure of a total stands on: its sample size. */
export interface Samples {
  offered: number;
  answered: number;
  service_level: number;
  handled: number;
  csat: number;
  frt: number;
  sla: number;
  solved: number;
}

export interface Total {
  scope: string;
  metrics: WindowMetrics;
  samples: Samples;
}

/** The scopes a history query covers: its queues, channels and agents, else overall (named apart from the metrics’ `scopesOf`, an item’s scopes). */
export function queryScopes(q: Pick<SeriesQuery, 'queues' | 'channels' | 'agents'>): string[] {
  const scopes = [...q.queues.map(queueScope), ...q.channels.map(channelScope), ...(q.agents ?? []).map(agentScope)];
  return scopes.length > 0 ? scopes : [OVERALL];
}

/** The start of every bucket of the range, in ms. */
export function bucketStarts(q: SeriesQuery): number[] {
  const out: number[] = [];
  const unit = CALENDAR[q.interval];
  if (unit) {
    let t =
      unit === 'day' ? startOfLocalDay(q.from, q.timeZone) : unit === 'week' ? startOfLocalWeek(q.from, q.timeZone) : startOfLocalMonth(q.from, q.timeZone);
    while (t < q.to && out.length <= MAX_POINTS) {
      out.push(t);
      t = unit === 'month' ? nextLocalMonth(t, q.timeZone) : addLocalDays(t, unit === 'week' ? 7 : 1, q.timeZone);
    }
    return out;
  }
  const step = INTERVALS[q.interval] * 1000;
  for (let t = Math.floor(q.from / 1000) * 1000; t < q.to && out.length <= MAX_POINTS; t += step) out.push(t);
  return out;
}

interface Sums {
  counters: Counters;
  frt: number[];
}

/** Counters and first reply times per bucket (ms) and scope; all scopes under one key when combined. */
async function sums(client: ClickHouseClient, q: SeriesQuery, bucket: { unit: string; step_s: number }): Promise<Map<string, Sums>> {
  const params = {
    unit: bucket.unit,
    tz: q.timeZone,
    from_s: Math.floor(q.from / 1000),
    to_s: Math.ceil(q.to / 1000),
    from_ms: q.from,
    to_ms: q.to,
    now_ms: q.now ?? Date.now(),
    step_s: bucket.step_s,
    scopes: queryScopes(q),
  };
  const [counterRows, valueRows] = await Promise.all([
    client
      .query({ query: sql('series_counters'), query_params: params, format: 'JSONEachRow' })
      .then((r) => r.json<{ bucket: number | string; scope: string; counter: string; value: number | string }>()),
    client
      .query({ query: sql('series_values'), query_params: params, format: 'JSONEachRow' })
      .then((r) => r.json<{ bucket: number | string; scope: string; name: string; value: number }>()),
  ]);
  const out = new Map<string, Sums>();
  const at = (b: number | string, scope: string) => {
    const k = `${Number(b) * 1000}|${q.combine ? '' : scope}`;
    let s = out.get(k);
    if (!s) out.set(k, (s = { counters: {}, frt: [] }));
    return s;
  };
  for (const r of counterRows) {
    const c = at(r.bucket, r.scope).counters;
    c[r.counter] = (c[r.counter] ?? 0) + Number(r.value);
  }
  for (const r of valueRows) {
    const s = at(r.bucket, r.scope);
    if (r.name === 'frt') s.frt.push(r.value);
    else s.counters.sla_breached = (s.counters.sla_breached ?? 0) + 1;
  }
  return out;
}

function labelled(q: SeriesQuery): { scope: string; key: string; queue?: string; channel?: string; agent?: string }[] {
  const scopes = queryScopes(q);
  if (q.combine) return [{ scope: scopes.join(','), key: '' }];
  return scopes.map((scope) => {
    const s = parseScope(scope);
    return {
      scope,
      key: scope,
      ...(s.kind === 'queue' ? { queue: s.id } : {}),
      ...(s.kind === 'channel' ? { channel: s.id } : {}),
      ...(s.kind === 'agent' ? { agent: s.id } : {}),
    };
  });
}

export async function querySeries(client: ClickHouseClient, q: SeriesQuery): Promise<Series[]> {
  const by = await sums(client, q, { unit: CALENDAR[q.interval] ?? '', step_s: INTERVALS[q.interval] });
  const starts = bucketStarts(q);
  return labelled(q).map(({ key, ...s }) => ({
    ...s,
    points: starts.map((t) => {
      const b = by.get(`${t}|${key}`);
      return { t: new Date(t).toISOString(), ...windowMetrics(b?.counters ?? {}, b?.frt ?? []) };
    }),
  }));
}

/** Each series' figures over the whole range (one bucket from `from` to `to`), with their sample sizes. */
export async function queryTotals(client: ClickHouseClient, q: SeriesQuery): Promise<Total[]> {
  const by = await sums(client, q, { unit: '', step_s: Math.max(1, Math.ceil(q.to / 1000) - Math.floor(q.from / 1000)) });
  return labelled(q).map(({ scope, key }) => {
    const c: Counters = {};
    const frt: number[] = [];
    for (const [k, s] of by) {
      if (k.slice(k.indexOf('|') + 1) !== key) continue;
      for (const [name, v] of Object.entries(s.counters)) c[name] = (c[name] ?? 0) + v;
      frt.push(...s.frt);
    }
    const n = (k: string) => c[k] ?? 0;
    const metrics = windowMetrics(c, frt);
    return {
      scope,
      metrics,
      samples: {
        offered: metrics.offered,
        answered: n('answered'),
        service_level: n('answered') + n('abandoned_long'),
        handled: n('handled'),
        csat: metrics.csat_responses,
        frt: n('frt_n'),
        sla: n('sla_met') + n('sla_breached'),
        solved: n('solved'),
      },
    };
  });
}

/** The first instant (ms) with any figure in the scopes asked for, or null: before it, history holds no data. */
export async function firstDataAt(client: ClickHouseClient, q: Pick<SeriesQuery, 'queues' | 'channels' | 'agents'>): Promise<number | null> {
  const rs = await client.query({ query: sql('series_first'), query_params: { scopes: queryScopes(q) }, format: 'JSONEachRow' });
  const [row] = await rs.json<{ first_s: number | string | null }>();
  return row?.first_s === null || row?.first_s === undefined ? null : Number(row.first_s) * 1000;
}

// The staffing view: chats offered and service level per local weekday and hour of day over a range, so a
// manager sees which hours of the week need more people. Each cell's figures are the window formulas over
// the sums of that weekday-hour's counters; `hours` is how many such local hours the range holds, so
// `offered_per_hour` is the mean over them.
import type { ClickHouseClient } from '@clickhouse/client';
import { windowMetrics, type Counters } from '@pulse/metrics';
import { queryScopes } from './series.ts';
import { sql } from './sql.ts';

/** The longest range a heatmap covers (a year and a day). */
export const MAX_HEATMAP_DAYS = 366;

export interface HeatmapCell {
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
  /** local hour of day, 0–23 */
  hour: number;
  /** local hours of this weekday and hour within the range */
  hours: number;
  offered: number;
  answered: number;
  abandoned: number;
  offered_per_hour: number | null;
  service_level_pct: number | null;
  asa_s: number | null;
}

export const HEATMAP_COLUMNS = ['weekday', 'hour', 'hours', 'offered', 'answered', 'abandoned', 'offered_per_hour', 'service_level_pct', 'asa_s'];

const WEEKDAY: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
const STEP = 15 * 60_000;

/** How many distinct local hours of each weekday and hour of day fall in [from, to) (time zones move by
 * whole quarter hours, so sampling every quarter hour finds each local hour). */
export function localHourCounts(from: number, to: number, timeZone: string): Map<string, number> {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  const seen = new Set<string>();
  const counts = new Map<string, number>();
  for (let t = Math.ceil(from / STEP) * STEP; t < to; t += STEP) {
    const p = Object.fromEntries(f.formatToParts(t).map((x) => [x.type, x.value]));
    const local = `${p.year}-${p.month}-${p.day} ${p.hour}`;
    if (seen.has(local)) continue;
    seen.add(local);
    const key = `${p.weekday === undefined ? undefined : WEEKDAY[p.weekday]}|${Number(p.hour)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

export async function queryHeatmap(
  client: ClickHouseClient,
  q: { from: number; to: number; timeZone: string; queues: string[]; channels: string[]; agents?: string[] },
): Promise<HeatmapCell[]> {
  const rs = await client.query({
    query: sql('heatmap'),
    query_params: { tz: q.timeZone, from_s: Math.floor(q.from / 1000), to_s: Math.ceil(q.to / 1000), scopes: queryScopes(q) },
    format: 'JSONEachRow',
  });
  const rows = await rs.json<{ weekday: number | string; hour: number | string; counter: string; value: number | string }>();
  const counters = new Map<string, Counters>();
  for (const r of rows) {
    const k = `${Number(r.weekday)}|${Number(r.hour)}`;
    const c = counters.get(k) ?? {};
    c[r.counter] = (c[r.counter] ?? 0) + Number(r.value);
    counters.set(k, c);
  }
  const hours = localHourCounts(q.from, q.to, q.timeZone);
  const cells: HeatmapCell[] = [];
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let hour = 0; hour < 24; hour++) {
      const k = `${weekday}|${hour}`;
      const w = windowMetrics(counters.get(k) ?? {});
      const n = hours.get(k) ?? 0;
      cells.push({
        weekday,
        hour,
        hours: n,
        offered: w.offered,
        answered: w.answered,
        abandoned: w.abandoned,
        offered_per_hour: n > 0 ? w.offered / n : null,
        service_level_pct: w.service_level_pct,
        asa_s: w.asa_s,
      });
    }
  }
  return cells;
}

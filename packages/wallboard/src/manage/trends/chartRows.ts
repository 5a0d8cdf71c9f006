// What a chart plots: one row per interval with each metric's value and the comparison's at the same
// position, null where there is no data (before history holds anything, or from now on) — never zero.
import type { Interval, Range } from '../range.ts';
import { axisDurationUnit, type Unit } from './units.ts';
import type { MetricKey } from './metrics.ts';
import type { Point } from './queries.ts';

export interface Row {
  /** start of the interval (ms) */
  t: number;
  /** end of the interval (ms): the next interval's start, or the range's end */
  end: number;
  /** start of the comparison's interval at the same position */
  ct: number | null;
  [key: string]: number | null;
}

export interface SeriesData {
  points: Point[];
  firstDataAt: string | null;
  range: Range;
}

/** Values of a series with no data where history held none yet, or where the interval has not begun. */
function values(s: SeriesData, now: number): { t: number; end: number; value: (m: MetricKey) => number | null }[] {
  const first = s.firstDataAt === null ? Infinity : Date.parse(s.firstDataAt);
  return s.points.map((p, i) => {
    const t = Date.parse(p.t);
    const next = s.points[i + 1];
    const end = next ? Date.parse(next.t) : s.range.to;
    const none = end <= first || t >= now;
    return { t, end, value: (m) => (none ? null : (p[m] ?? null)) };
  });
}

export function chartRows(metrics: MetricKey[], current: SeriesData, compare: SeriesData | null, now = Date.now()): Row[] {
  const cur = values(current, now);
  const cmp = compare ? values(compare, now) : [];
  return cur.map((c, i) => {
    const row: Row = { t: c.t, end: c.end, ct: cmp[i]?.t ?? null };
    for (const m of metrics) {
      row[m] = c.value(m);
      if (compare) row[`cmp_${m}`] = cmp[i]?.value(m) ?? null;
    }
    return row;
  });
}

/** Whether any row holds a value of these keys. */
export const hasValues = (rows: Row[], keys: string[]) => rows.some((r) => keys.some((k) => r[k] !== null && r[k] !== undefined));

/** Round ticks for an axis from 0 to at least `max`, in the axis's display unit: 0, 5, 10, 15 min. */
export function niceTicks(unit: Unit, max: number): number[] {
  if (unit === 'pct') return [0, 25, 50, 75, 100];
  const size = unit === 'duration' ? axisDurationUnit(max).size : 1;
  const top = Math.max(max / size, unit === 'count' ? 4 : 1);
  const rough = top / 4;
  const mag = 10 ** Math.floor(Math.log10(rough));
  const steps = [1, 2, 5, 10];
  const step = steps.map((k) => k * mag).find((s) => s >= rough) ?? 10 * mag;
  const whole = unit === 'count' ? Math.max(1, step) : step;
  const ticks: number[] = [];
  for (let v = 0; v < top + whole - 1e-9; v += whole) ticks.push(Math.round(v * size * 1e6) / 1e6);
  return ticks;
}

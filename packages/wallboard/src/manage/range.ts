// Periods of the trends page, in the page's time zone: presets and custom dates, the intervals a range can
// use, and the period to compare with — aligned the way a manager reads them: today against the same time
// yesterday, weeks against the same weekdays, months against the month before.
import { dateStart, localMidnight, localParts, shiftDays, shiftMonths, wallTime } from './trends/time.ts';

export type Preset = 'today' | 'yesterday' | '24h' | 'thisweek' | 'lastweek' | '7d' | '30d' | 'thismonth' | 'lastmonth' | '90d' | 'custom';
export type Interval = '5m' | '15m' | '1h' | '1d' | '1w' | '1mo';
export type Compare = 'prev' | 'week' | 'none';

export interface Range {
  from: number;
  to: number;
}

export const PRESETS: { id: Exclude<Preset, 'custom'>; interval: Interval }[] = [
  { id: 'today', interval: '15m' },
  { id: 'yesterday', interval: '1h' },
  { id: '24h', interval: '1h' },
  { id: 'thisweek', interval: '1d' },
  { id: 'lastweek', interval: '1d' },
  { id: '7d', interval: '1d' },
  { id: '30d', interval: '1d' },
  { id: 'thismonth', interval: '1d' },
  { id: 'lastmonth', interval: '1d' },
  { id: '90d', interval: '1w' },
];

export const INTERVALS: Interval[] = ['5m', '15m', '1h', '1d', '1w', '1mo'];
/** Nominal lengths, for how many points a range gives (a local day, week or month may be an hour off). */
export const INTERVAL_MS: Record<Interval, number> = {
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '1d': 86_400_000,
  '1w': 7 * 86_400_000,
  '1mo': 28 * 86_400_000,
};
/** More points than this make a chart unreadable (the API allows 5,000). */
export const MAX_CHART_POINTS = 1000;

const DAY = 86_400_000;
const HOUR = 3_600_000;

export const isPreset = (s: string | null): s is Preset => s === 'custom' || PRESETS.some((p) => p.id === s);
export const isInterval = (s: string | null): s is Interval => INTERVALS.includes(s as Interval);

/** The range of a preset at `now` (ends at the next whole minute for periods that run until now). */
export function presetRange(p: Exclude<Preset, 'custom'>, timeZone: string, now = Date.now()): Range {
  const to = Math.ceil(now / 60_000) * 60_000;
  const today = localMidnight(now, timeZone);
  const weekday = localParts(now, timeZone).weekday;
  const monday = localMidnight(now, timeZone, 1 - weekday);
  const first = (() => {
    const x = localParts(now, timeZone);
    return wallTime(timeZone, x.year, x.month, 1);
  })();
  switch (p) {
    case 'today':
      return { from: today, to };
    case 'yesterday':
      return { from: localMidnight(now, timeZone, -1), to: today };
    case '24h':
      return { from: Math.floor((to - DAY) / HOUR) * HOUR, to };
    case 'thisweek':
      return { from: monday, to };
    case 'lastweek':
      return { from: localMidnight(monday, timeZone, -7), to: monday };
    case '7d':
      return { from: localMidnight(now, timeZone, -6), to };
    case '30d':
      return { from: localMidnight(now, timeZone, -29), to };
    case '90d':
      return { from: localMidnight(now, timeZone, -89), to };
    case 'thismonth':
      return { from: first, to };
    case 'lastmonth':
      return { from: shiftMonths(first, timeZone, -1), to: first };
  }
}

/** A custom range: from the start of the first date to the end of the last (both `YYYY-MM-DD`, local). */
export function customRange(fromDate: string, toDate: string, timeZone: string): Range | null {
  const from = dateStart(fromDate, timeZone);
  const last = dateStart(toDate, timeZone);
  if (from === null || last === null || last < from) return null;
  return { from, to: localMidnight(last, timeZone, 1) };
}

/** Whether an interval suits a range: at least one whole interval, and few enough points to read. */
export function intervalFits(interval: Interval, r: Range): boolean {
  const span = r.to - r.from;
  return INTERVAL_MS[interval] <= span + HOUR && span / INTERVAL_MS[interval] <= MAX_CHART_POINTS;
}

/** The asked-for interval when it fits the range, else the preset's, else the nearest that fits. */
export function fittingInterval(asked: Interval | null, preferred: Interval, r: Range): Interval {
  if (asked && intervalFits(asked, r)) return asked;
  if (intervalFits(preferred, r)) return preferred;
  const order = [...INTERVALS].sort(
    (a, b) => Math.abs(INTERVALS.indexOf(a) - INTERVALS.indexOf(preferred)) - Math.abs(INTERVALS.indexOf(b) - INTERVALS.indexOf(preferred)),
  );
  return order.find((i) => intervalFits(i, r)) ?? '5m';
}

/** The interval a custom range gets by default: the finest with at most ~200 points. */
export function defaultInterval(r: Range): Interval {
  return INTERVALS.find((i) => (r.to - r.from) / INTERVAL_MS[i] <= 200) ?? '1mo';
}

/** Whether "the same period last week" makes sense: for ranges of a week or less. */
export const weekCompareFits = (r: Range): boolean => r.to - r.from <= 7 * DAY + HOUR;

/**
 * The period to compare with.
 * - `week`: the same local times 7 days earlier.
 * - `prev`: the period just before, aligned: a day or less → the same times the day before (today until
 *   now against yesterday until the same time); whole months (this month, last month) → the month before;
 *   longer than a day → shifted by whole weeks, so each point faces the same weekday.
 */
export function comparison(mode: Compare, preset: Preset, r: Range, timeZone: string): Range | null {
  if (mode === 'none') return null;
  const shift = (days: number): Range => ({ from: shiftDays(r.from, timeZone, -days), to: shiftDays(r.to, timeZone, -days) });
  if (mode === 'week') return shift(7);
  if (preset === 'thismonth' || preset === 'lastmonth') {
    return { from: shiftMonths(r.from, timeZone, -1), to: shiftMonths(r.to, timeZone, -1) };
  }
  const span = r.to - r.from;
  if (span <= DAY + HOUR) return shift(1);
  return shift(7 * Math.ceil((span - HOUR) / (7 * DAY)));
}

// Dates and times of the trends page, local to its time zone and in its language.
import type { Interval, Range } from '../range.ts';
import { localMidnight } from './time.ts';

const cache = new Map<string, Intl.DateTimeFormat>();
function fmt(locale: string, timeZone: string, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(o)}`;
  let f = cache.get(key);
  if (!f) cache.set(key, (f = new Intl.DateTimeFormat(locale, { ...o, timeZone })));
  return f;
}

const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };
const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };

export const time = (ts: number, locale: string, tz: string) => fmt(locale, tz, TIME).format(ts);
export const day = (ts: number, locale: string, tz: string) => fmt(locale, tz, DAY).format(ts);
const dayYear = (ts: number, locale: string, tz: string) => fmt(locale, tz, { ...DAY, year: 'numeric' }).format(ts);
const month = (ts: number, locale: string, tz: string) => fmt(locale, tz, { month: 'short', year: 'numeric' }).format(ts);

const isMidnight = (ts: number, tz: string) => localMidnight(ts, tz) === ts;

const ONE_DAY = 86_400_000 + 3_600_000;
const MAX_TICKS = 8;

/** An x-axis tick: a time within a day, a day ("Wed 25"), a date ("25 Nov"), a month. */
export function tickLabel(ts: number, interval: Interval, span: number, locale: string, tz: string): string {
  if (interval === '1mo') return month(ts, locale, tz);
  if (interval === '1w' || (interval === '1d' && span > 15 * 86_400_000)) return fmt(locale, tz, { day: 'numeric', month: 'short' }).format(ts);
  if (interval === '1d' || span > ONE_DAY) {
    const parts = fmt(locale, tz, { weekday: 'short', day: 'numeric' }).formatToParts(ts);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
    return `${part('weekday').replace(/\.$/, '')} ${part('day')}`;
  }
  return time(ts, locale, tz);
}

/** Where the x-axis has ticks: whole hours within a day, local midnights over days, and at most ~8 of them. */
export function tickPositions(starts: number[], interval: Interval, span: number, tz: string): number[] {
  const every = (list: number[]) => {
    const k = Math.max(1, Math.ceil(list.length / MAX_TICKS));
    return list.filter((_, i) => i % k === 0);
  };
  if (interval === '1d' || interval === '1w' || interval === '1mo') return every(starts);
  if (span > ONE_DAY) return every(starts.filter((t) => localMidnight(t, tz) === t));
  const hourOf = (t: number) => (t - localMidnight(t, tz)) / 3_600_000;
  const hours = starts.filter((t) => Number.isInteger(hourOf(t)));
  const step = [1, 2, 3, 4, 6].find((h) => hours.length / h <= MAX_TICKS) ?? 6;
  return hours.filter((t) => hourOf(t) % step === 0);
}

/** One interval in full: "Mon 16 Nov, 10:00–11:00", "Mon 16 Nov", "Mon 16 Nov – Sun 22 Nov", "Nov 2026". */
export function bucketLabel(start: number, end: number, interval: Interval, locale: string, tz: string): string {
  if (interval === '1mo') return month(start, locale, tz);
  if (interval === '1d') return day(start, locale, tz);
  if (interval === '1w') return `${day(start, locale, tz)} – ${day(end - 1, locale, tz)}`;
  return `${day(start, locale, tz)}, ${time(start, locale, tz)}–${time(end, locale, tz)}`;
}

/** A period: whole days as dates (the last one included), else with times. */
export function rangeLabel(r: Range, locale: string, tz: string): string {
  if (isMidnight(r.from, tz) && isMidnight(r.to, tz)) {
    const last = localMidnight(r.to - 1, tz);
    return last === r.from ? dayYear(r.from, locale, tz) : `${day(r.from, locale, tz)} – ${dayYear(last, locale, tz)}`;
  }
  const sameDay = localMidnight(r.from, tz) === localMidnight(r.to - 1, tz);
  return sameDay
    ? `${dayYear(r.from, locale, tz)}, ${time(r.from, locale, tz)}–${time(r.to, locale, tz)}`
    : `${day(r.from, locale, tz)} ${time(r.from, locale, tz)} – ${day(r.to, locale, tz)} ${time(r.to, locale, tz)}`;
}

/** A moment in a table row: "Mon 16 Nov, 10:02:13". */
export function moment(iso: string | null, locale: string, tz: string): string | null {
  if (!iso) return null;
  return `${day(Date.parse(iso), locale, tz)}, ${fmt(locale, tz, { ...TIME, second: '2-digit' }).format(Date.parse(iso))}`;
}

/** The hour of day as a label: "09:00". */
export const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

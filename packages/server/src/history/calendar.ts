// Local calendar buckets of the history surfaces: days, weeks starting Monday and months, in a time zone.
// Each start is a local midnight, so a bucket is 23 to 25 hours (days), or more or less than 7 days and a
// month's days by as much, when the clocks change inside it.
import { localDate, startOfLocalDay } from '@pulse/metrics';

const DAY = 86_400_000;
const HALF_DAY = DAY / 2;

/** Local midnight of the day `days` after the local day of `dayStart` (a local midnight), whatever the clocks do. */
export const addLocalDays = (dayStart: number, days: number, timeZone: string): number => startOfLocalDay(dayStart + days * DAY + HALF_DAY, timeZone);

/** 1 (Monday) to 7 (Sunday): the local weekday of an instant. */
export function localWeekday(ts: number, timeZone: string): number {
  // localDate is always YYYY-MM-DD
  const [y, m, d] = localDate(ts, timeZone).split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** Local midnight of the Monday of the local week of `ts`. */
export function startOfLocalWeek(ts: number, timeZone: string): number {
  const day = startOfLocalDay(ts, timeZone);
  return addLocalDays(day, 1 - localWeekday(ts, timeZone), timeZone);
}

/** Local midnight of the first day of the local month of `ts`. */
export function startOfLocalMonth(ts: number, timeZone: string): number {
  const day = startOfLocalDay(ts, timeZone);
  return addLocalDays(day, 1 - Number(localDate(ts, timeZone).slice(8, 10)), timeZone);
}

/** Local midnight of the first day of the month after the local month of `monthStart`. */
export const nextLocalMonth = (monthStart: number, timeZone: string): number => startOfLocalMonth(monthStart + 32 * DAY, timeZone);

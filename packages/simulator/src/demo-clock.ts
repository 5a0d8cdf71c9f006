// The simulated organisation's clock in a demo: whenever the demo starts, the floor it shows is the same
// Wednesday mid-morning (the organisation's local time is the wall clock shifted by whole minutes, up to three
// and a half days). With the start on a whole minute, a demo of a seed tells the same story every time.
import { dayOfWeek, DAY, localDay, MINUTE } from './sim/calendar.ts';

export const DEMO_WEEKDAY = 3;
export const DEMO_MINUTE_OF_DAY = 10 * 60 + 20;

/** The UTC offset in minutes that puts `at` at `minuteOfDay` local time on `weekday` (0 = Sunday), the nearest such day. */
export function demoUtcOffset(at: number, minuteOfDay = DEMO_MINUTE_OF_DAY, weekday = DEMO_WEEKDAY): number {
  const base = minuteOfDay - Math.floor((((at % DAY) + DAY) % DAY) / MINUTE);
  for (let shift = 0; shift <= 4; shift++) {
    for (const offset of [base + shift * 1440, base - shift * 1440]) {
      if (dayOfWeek(localDay(at, offset)) === weekday) return offset;
    }
  }
  throw new Error('unreachable: every weekday is within 4 days');
}

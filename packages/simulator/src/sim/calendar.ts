// Local time of the organisation and the daily seasonality of demand.
import { at } from '../at.ts';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Relative demand by local hour of a weekday (1 = the busiest hour). */
const HOURLY = [0.08, 0.06, 0.05, 0.05, 0.06, 0.1, 0.2, 0.4, 0.7, 0.9, 1.0, 0.95, 0.75, 0.9, 1.0, 0.95, 0.8, 0.55, 0.35, 0.28, 0.22, 0.18, 0.14, 0.1];

/** Demand by local day of week (0 = Sunday). */
const WEEKDAY = [0.22, 1.1, 1.0, 1.0, 0.95, 0.9, 0.3];

/** Index of the local day containing `t` (days since 1970-01-01 local). */
export function localDay(t: number, utcOffsetMinutes: number): number {
  return Math.floor((t + utcOffsetMinutes * MINUTE) / DAY);
}

/** UTC epoch ms of the local midnight starting day `day`. */
export function dayStart(day: number, utcOffsetMinutes: number): number {
  return day * DAY - utcOffsetMinutes * MINUTE;
}

/** Local day of week of a local day index (0 = Sunday; 1970-01-01 was a Thursday). */
export function dayOfWeek(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

/** Relative arrival rate at `t`: the hourly curve (interpolated) times the weekday factor. */
export function seasonality(t: number, utcOffsetMinutes: number): number {
  const local = t + utcOffsetMinutes * MINUTE;
  const day = Math.floor(local / DAY);
  const hours = (local - day * DAY) / HOUR;
  const h = Math.floor(hours);
  const f = hours - h;
  const curve = at(HOURLY, h) * (1 - f) + at(HOURLY, (h + 1) % 24) * f;
  return curve * at(WEEKDAY, dayOfWeek(day));
}

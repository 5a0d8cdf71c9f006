// When a snooze ends: 15 minutes, an hour, the end of the shift (the next shift change of `alerts.shifts`,
// local times in the configured time zone), or a given time.
import { localDate, localToInstant } from '@pulse/metrics';

export const SNOOZE_PRESETS = ['15m', '1h', 'shift'] as const;
export type SnoozePreset = (typeof SNOOZE_PRESETS)[number];
export const DEFAULT_SNOOZE: SnoozePreset = '15m';
/** the latest a snooze may end */
export const MAX_SNOOZE_MS = 7 * 86_400_000;

/** The next shift change after `now`. */
export function shiftEnd(now: number, shifts: string[], timeZone: string): number {
  const days = [...new Set([0, 1, 2].map((k) => localDate(now + k * 86_400_000, timeZone)))];
  const ends = days.flatMap((d) => shifts.map((s) => localToInstant(d, s, timeZone))).filter((t) => t > now);
  return Math.min(...ends);
}

/** The end of a snooze asked as a preset or a time (ISO 8601 or epoch ms); null when it is not in the future or too far. */
export function snoozeEnd(until: string | number | undefined, now: number, shifts: string[], timeZone: string): number | null {
  const u = until ?? DEFAULT_SNOOZE;
  let end: number;
  if (u === '15m') end = now + 15 * 60_000;
  else if (u === '1h') end = now + 3600_000;
  else if (u === 'shift') end = shiftEnd(now, shifts, timeZone);
  else end = typeof u === 'number' ? u : Date.parse(u);
  return Number.isFinite(end) && end > now && end <= now + MAX_SNOOZE_MS ? end : null;
}

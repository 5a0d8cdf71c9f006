// Local calendar arithmetic in an IANA time zone: the parts of an instant, the instant of a local wall
// time, and whole local days or months later, right across changes of the clocks.

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      weekday: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  return f;
}

export function localParts(ts: number, timeZone: string): LocalParts {
  const p: Record<string, string> = {};
  for (const x of format(timeZone).formatToParts(ts)) p[x.type] = x.value;
  return {
    year: Number(p.year),
    month: Number(p.month),
    day: Number(p.day),
    hour: Number(p.hour) % 24,
    minute: Number(p.minute),
    second: Number(p.second),
    weekday: (p.weekday === undefined ? undefined : WEEKDAYS[p.weekday]) ?? 1,
  };
}

/** How far the zone's wall clock is ahead of UTC at `ts`, in ms. */
function offset(ts: number, timeZone: string): number {
  const p = localParts(ts, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ts / 1000) * 1000;
}

/** The instant of a local wall time (month 1–12; days and months out of range roll over like Date.UTC). */
export function wallTime(timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offset(wall, timeZone);
  return wall - offset(first, timeZone);
}

/** Local midnight of the day of `ts`, `days` local days later (negative: earlier). */
export function localMidnight(ts: number, timeZone: string, days = 0): number {
  const p = localParts(ts, timeZone);
  return wallTime(timeZone, p.year, p.month, p.day + days);
}

/** The same local wall time `days` local days later (negative: earlier). */
export function shiftDays(ts: number, timeZone: string, days: number): number {
  const p = localParts(ts, timeZone);
  return wallTime(timeZone, p.year, p.month, p.day + days, p.hour, p.minute) + (ts % 60_000);
}

/** The same local wall time `months` later, the day clamped to the month's last. */
export function shiftMonths(ts: number, timeZone: string, months: number): number {
  const p = localParts(ts, timeZone);
  const last = new Date(Date.UTC(p.year, p.month - 1 + months + 1, 0)).getUTCDate();
  return wallTime(timeZone, p.year, p.month + months, Math.min(p.day, last), p.hour, p.minute) + (ts % 60_000);
}

/** `YYYY-MM-DD` of the local day of `ts`. */
export function localDate(ts: number, timeZone: string): string {
  const p = localParts(ts, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** Local midnight starting a `YYYY-MM-DD` date, or null when it is not one. */
export function dateStart(date: string, timeZone: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(y, mo - 1, d));
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) return null;
  return wallTime(timeZone, y, mo, d);
}

// Time helpers: minute buckets and local dates in the configured IANA time zone.
export const MINUTE_MS = 60_000;

export const minuteOf = (ts: number): number => Math.floor(ts / MINUTE_MS);

const dateFormats = new Map<string, Intl.DateTimeFormat>();

const byMinute = new Map<string, string>();

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone (memoised per minute: zones change
 * offset only at whole minutes). */
export function localDate(ts: number, timeZone: string): string {
  const key = `${timeZone}|${Math.floor(ts / MINUTE_MS)}`;
  const hit = byMinute.get(key);
  if (hit !== undefined) return hit;
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, f);
  }
  const date = f.format(new Date(ts));
  if (byMinute.size > 100_000) byMinute.clear();
  byMinute.set(key, date);
  return date;
}

export const iso = (ts: number): string => new Date(ts).toISOString();

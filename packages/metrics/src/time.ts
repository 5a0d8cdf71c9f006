// Time helpers: minute buckets and local dates in the configured IANA time zone.
export const MINUTE_MS = 60_000;

export const minuteOf = (ts: number): number => Math.floor(ts / MINUTE_MS);

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The local calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(ts: number, timeZone: string): string {
  let f = dateFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, f);
  }
  return f.format(new Date(ts));
}

export const iso = (ts: number): string => new Date(ts).toISOString();

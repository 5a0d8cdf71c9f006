// Formatting for a wall display: short, fixed-shape strings, in the board's locale and time zone.
// The browser tests import this file to format GET /v1/live the same way the board does.

export const DASH = '—';
/** U+2212, a real minus: as wide as a digit, unlike the hyphen. */
export const MINUS = '−';

const pad2 = (n: number): string => String(n).padStart(2, '0');

const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

const optionKeys = new WeakMap<object, string>();
const keyOf = (options: object): string => {
  let k = optionKeys.get(options);
  if (k === undefined) optionKeys.set(options, (k = JSON.stringify(options)));
  return k;
};

function numberFormat(locale: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale}|${keyOf(options)}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    numberFormats.set(key, f);
  }
  return f;
}

function dateFormat(locale: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let f = dateFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    dateFormats.set(key, f);
  }
  return f;
}

const isNumber = (v: number | null | undefined): v is number => v != null && Number.isFinite(v);

const DAY_S = 86_400;

/**
 * Seconds as m:ss below an hour, h:mm:ss from an hour on, days and hours from a day on: 0:42, 12:05, 1:02:03,
 * 2 d 4 h (the same in English and Spanish). Negative → 0:00. Null → "—".
 */
export function formatDuration(seconds: number | null | undefined): string {
  if (!isNumber(seconds)) return DASH;
  const total = Math.max(0, Math.floor(seconds));
  if (total >= DAY_S) return `${Math.floor(total / DAY_S)} d ${Math.floor((total % DAY_S) / 3600)} h`;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
}

/**
 * An SLA countdown: the time left as m:ss, h:mm:ss or days and hours, or the time overdue with a minus sign
 * (−3:12, −2 d 4 h).
 * Whole seconds towards the due moment, so 0.4 s left shows 0:00 and 0.4 s overdue shows −0:01... never −0:00.
 */
export function formatCountdown(remaining: number | null | undefined): string {
  if (!isNumber(remaining)) return DASH;
  if (remaining >= 0) return formatDuration(remaining);
  return `${MINUS}${formatDuration(Math.ceil(-remaining))}`;
}

/** A count, grouped for the locale (1,234 in English; 1234 and 12.345 in Spanish). Null → "—". */
export function formatCount(value: number | null | undefined, locale = 'en'): string {
  if (!isNumber(value)) return DASH;
  return numberFormat(locale, COUNT).format(value);
}
const COUNT: Intl.NumberFormatOptions = { maximumFractionDigits: 0 };
const PERCENT: Intl.NumberFormatOptions = { style: 'percent', maximumFractionDigits: 1 };

/** A percentage with at most one decimal, the locale's way: 87.4% (en), 87,4 % (es). Null → "—". */
export function formatPct(value: number | null | undefined, locale = 'en'): string {
  if (!isNumber(value)) return DASH;
  // Rounded here first so 0.05 steps do not depend on binary fractions of value / 100.
  const rounded = Math.round(value * 10) / 10;
  return numberFormat(locale, PERCENT).format(rounded / 100);
}

/** Wall-clock time in a time zone, 24-hour: 14:03:22 (or 14:03 without seconds). */
export function formatClock(at: number | Date, timeZone: string, locale = 'en', withSeconds = true): string {
  return dateFormat(locale, timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(at);
}

/** The date under the clock: "Mon, 3 Nov" / "lun, 3 nov". */
export function formatDay(at: number | Date, timeZone: string, locale = 'en'): string {
  return dateFormat(locale, timeZone, { weekday: 'short', day: 'numeric', month: 'short' }).format(at);
}

/** The time zone's offset at that moment: "GMT+1", "GMT−5", "GMT" (for UTC). */
export function formatOffset(at: number | Date, timeZone: string, locale = 'en'): string {
  const parts = dateFormat(locale, timeZone, { timeZoneName: 'shortOffset' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}

const zones = new Map<string, boolean>();

/** True when Intl knows the IANA time zone name (remembered: asked on every render). */
export function isValidTimeZone(tz: string): boolean {
  let ok = zones.get(tz);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      ok = true;
    } catch {
      ok = false;
    }
    zones.set(tz, ok);
  }
  return ok;
}

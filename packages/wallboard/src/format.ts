// Formatting for a wall display: short, fixed-shape strings that read well from a few metres.

export const DASH = '—';

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Seconds as m:ss below an hour, h:mm:ss from an hour on: 0:42, 12:05, 1:02:03. Null → "—". */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return DASH;
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`;
}

/** A percentage rounded to a whole number: 87%. Null (empty denominator) → "—". */
export function formatPct(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return `${Math.round(value)}%`;
}

/** A count as a plain integer (no grouping, so tests and eyes read the same digits). */
export function formatCount(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return DASH;
  return String(Math.round(value));
}

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { ...options, timeZone });
    formatters.set(key, f);
  }
  return f;
}
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock time in a time zone, 24-hour: 14:03:22 (or 14:03 without seconds). */
export function formatClock(at: number | Date, timeZone: string, withSeconds = true): string {
  return formatter(timeZone, {
    hour: '2-digit',
    minute: '2-digit',
    ...(withSeconds ? { second: '2-digit' } : {}),
    hourCycle: 'h23',
  }).format(at);
}

/** Date line under the clock: Mon 3 Nov. */
export function formatDay(at: number | Date, timeZone: string): string {
  return formatter(timeZone, { weekday: 'short', day: 'numeric', month: 'short' }).format(at);
}

/** "just now", "12 s ago", "3 min ago", "2 h ago". */
export function formatAgo(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 2) return 'just now';
  if (s < 120) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 120) return `${m} min ago`;
  return `${Math.floor(m / 60)} h ago`;
}

/** True when Intl knows the IANA time zone name. */
export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

// Figures for reading: durations in s, min, h or days with one decimal, percentages with one decimal,
// counts grouped, changes with their sign — in the page's locale. Axis ticks share one unit per axis.
import { DASH, MINUS } from '../../format.ts';

export type Unit = 'count' | 'pct' | 'duration';

const numberFormats = new Map<string, Intl.NumberFormat>();
function nf(locale: string, digits: number, min = 0): Intl.NumberFormat {
  const key = `${locale}|${digits}|${min}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, { maximumFractionDigits: digits, minimumFractionDigits: min })));
  return f;
}

const ok = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
const minus = (s: string) => s.replace('-', MINUS);

/** The unit a duration of this many seconds reads best in, and its size in seconds. */
export function durationUnit(seconds: number): { unit: 's' | 'min' | 'h' | 'd'; size: number } {
  const s = Math.abs(seconds);
  if (s < 60) return { unit: 's', size: 1 };
  if (s < 3600) return { unit: 'min', size: 60 };
  if (s < 48 * 3600) return { unit: 'h', size: 3600 };
  return { unit: 'd', size: 86_400 };
}

/** 42.3 s, 12.5 min, 3.2 h, 3.5 d. */
export function formatSeconds(seconds: number | null | undefined, locale: string): string {
  if (!ok(seconds)) return DASH;
  const { unit, size } = durationUnit(seconds);
  return `${minus(nf(locale, 1, 1).format(seconds / size))} ${unit}`;
}

/** 87.4% (en), 87,4 % (es). */
export function formatPercent(v: number | null | undefined, locale: string, digits = 1): string {
  if (!ok(v)) return DASH;
  const key = `${locale}|pct|${digits}`;
  let f = numberFormats.get(key);
  if (!f) numberFormats.set(key, (f = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: digits, maximumFractionDigits: digits })));
  const p = 10 ** digits;
  return minus(f.format(Math.round(v * p) / p / 100));
}

export function formatNumber(v: number | null | undefined, locale: string, digits = 0): string {
  if (!ok(v)) return DASH;
  return minus(nf(locale, digits).format(v));
}

export function formatValue(v: number | null | undefined, unit: Unit, locale: string): string {
  return unit === 'duration' ? formatSeconds(v, locale) : unit === 'pct' ? formatPercent(v, locale) : formatNumber(v, locale);
}

/** The unit of a time axis reaching `max` seconds: seconds up to 90 s, minutes up to 90 min, hours up to 3 days. */
export function axisDurationUnit(max: number): { unit: 's' | 'min' | 'h' | 'd'; size: number } {
  if (max <= 90) return { unit: 's', size: 1 };
  if (max <= 5400) return { unit: 'min', size: 60 };
  if (max <= 72 * 3600) return { unit: 'h', size: 3600 };
  return { unit: 'd', size: 86_400 };
}

/** A tick formatter for an axis: every tick in one unit, as few decimals as the ticks need. */
export function axisTicks(unit: Unit, max: number, locale: string): (v: number) => string {
  if (unit === 'pct') return (v) => formatPercent(v, locale, 0);
  if (unit === 'count') return (v) => nf(locale, 1).format(v);
  const { unit: u, size } = axisDurationUnit(max);
  return (v) => `${nf(locale, 1).format(v / size)} ${u}`;
}

/**
 * The change from `before` to `now`: percentage points for percentages, the difference in time for
 * durations, a relative change for counts. Null when either side has no value (or counts from zero).
 */
export function formatChange(now: number | null | undefined, before: number | null | undefined, unit: Unit, locale: string, pts: string): string | null {
  if (!ok(now) || !ok(before)) return null;
  const d = now - before;
  const sign = d > 0 ? '+' : d < 0 ? MINUS : '±';
  if (unit === 'pct') return `${sign}${nf(locale, 1, 1).format(Math.abs(Math.round(d * 10) / 10))} ${pts}`;
  if (unit === 'duration') return `${sign}${formatSeconds(Math.abs(d), locale)}`;
  if (before === 0) return null;
  return `${sign}${formatPercent(Math.abs((100 * d) / before), locale)}`;
}

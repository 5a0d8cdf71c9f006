// Parsing of the history surfaces' common parameters, with errors that name the parameter.
import { parseTs } from '@pulse/contracts';

export class BadQuery extends Error {
  readonly statusCode = 400;
}

export function instant(name: string, raw: string | undefined, fallback?: number): number {
  if (raw === undefined || raw === '') {
    if (fallback !== undefined) return fallback;
    throw new BadQuery(`${name}: is required (RFC 3339 or epoch milliseconds)`);
  }
  const ms = /^\d+$/.test(raw) ? Number(raw) : parseTs(raw);
  if (!Number.isFinite(ms)) throw new BadQuery(`${name}: '${raw.slice(0, 40)}' is not RFC 3339 or epoch milliseconds`);
  return ms;
}

export function range(q: { from?: string; to?: string }, now = Date.now()): { from: number; to: number } {
  const to = instant('to', q.to, now);
  const from = instant('from', q.from, to - 24 * 3600_000);
  if (from >= to) throw new BadQuery('from: must be before to');
  return { from, to };
}

export const list = (raw: string | undefined): string[] =>
  raw
    ? raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
        .slice(0, 100)
    : [];

export function zone(raw: string | undefined, fallback: string): string {
  const tz = raw || fallback;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new BadQuery(`tz: '${tz}' is not an IANA time zone`);
  }
  return tz;
}

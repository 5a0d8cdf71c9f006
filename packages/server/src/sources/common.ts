// What the help-desk adapters share: the mapping result, the error that names an unmappable field, ids,
// timestamps, constant-time comparison and the counters exposed for /metrics.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isCalendarDate, LIMITS, parseTs } from '@pulse/contracts';

/** A canonical event as an adapter drafts it; `validateEvent` decides whether it is one. */
export type Draft = { id: string; type: string; ts: number } & Record<string, unknown>;

/** What one webhook delivery maps to: the events, and a note for each part that maps to nothing. */
export interface Mapped {
  events: Draft[];
  ignored: { reason: 'unknown_type' | 'nothing_to_map'; note: string }[];
}

/** A payload Pulse cannot map: answered 422 with the field that is missing or wrong. */
export class Unmappable extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export const nothing = (note: string): Mapped => ({ events: [], ignored: [{ reason: 'nothing_to_map', note }] });
export const unknownType = (note: string): Mapped => ({ events: [], ignored: [{ reason: 'unknown_type', note }] });

export type Obj = Record<string, unknown>;
export const obj = (v: unknown): Obj | null => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : null);

/** A non-empty id-like value as a string: strings are trimmed, numbers printed; anything else is null. */
export function str(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s === '' ? null : s;
}

/** An event id of the given parts; kept within the 128-character limit by hashing the middle. */
export function eventId(...parts: string[]): string {
  const id = parts.join('-');
  if (id.length <= LIMITS.idLength) return id;
  const head = parts[0]!.slice(0, 40); // not empty: an empty id returned above
  return `${head}-${createHash('sha256').update(id).digest('hex').slice(0, 32)}-${parts.at(-1)!.slice(0, 40)}`;
}

export const shortHash = (b: Buffer | string): string => createHash('sha256').update(b).digest('hex').slice(0, 16);

/**
 * Epoch milliseconds of a payload timestamp: RFC 3339 (also without seconds, as Zendesk's
 * `*_with_timestamp` placeholders print it, or as `2020-03-03 13:05:57 UTC`), or epoch seconds or
 * milliseconds as a number or numeric string. Null when there is none or it is not a time.
 */
export function toMs(v: unknown): number | null {
  if (typeof v === 'string' && /^\d+(\.\d+)?$/.test(v.trim())) v = Number(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v) || v <= 0) return null;
    return v < 1e11 ? Math.round(v * 1000) : Math.floor(v);
  }
  if (typeof v !== 'string' || v.trim() === '') return null;
  const s = v.trim();
  const strict = parseTs(s);
  if (!Number.isNaN(strict)) return strict;
  const date = /^(\d{4})-(\d{2})-(\d{2})[T ]\d{2}:\d{2}/.exec(s);
  if (!date || !isCalendarDate(Number(date[1]), Number(date[2]), Number(date[3]))) return null;
  const loose = Date.parse(s.replace(/ UTC$/, 'Z').replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T'));
  return Number.isNaN(loose) ? null : loose;
}

/** Whether an RFC 3339-ish timestamp string carries seconds (Zendesk placeholders print minutes only). */
export const hasSeconds = (v: unknown): boolean => typeof v !== 'string' || /T\d{2}:\d{2}:\d{2}/.test(v);

/** Equality of two secrets in constant time (their SHA-256 digests are compared). */
export function safeEqual(a: string, b: string): boolean {
  const h = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(h(a), h(b));
}

/** Parses a webhook body: JSON that holds no prototype-pollution keys. */
export function parseBody(raw: Buffer): { value: unknown } | { error: string } {
  if (raw.length === 0) return { error: 'the body is empty; a webhook delivers one JSON object' };
  try {
    return { value: JSON.parse(raw.toString('utf8'), noProto) };
  } catch (e) {
    return { error: e instanceof ProtoKeyError ? e.message : `the body is not valid JSON: ${(e as Error).message}` };
  }
}

class ProtoKeyError extends Error {}
function noProto(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor') throw new ProtoKeyError(`the body holds the forbidden key '${key}'`);
  return value;
}

/**
 * Counters of each source, for Prometheus: deliveries authenticated, canonical events accepted and
 * duplicate, parts ignored (and of those, unknown event types), deliveries refused as unmappable,
 * deliveries refused for their authentication, retries admitted though signed more than 5 minutes ago.
 */
const COUNTERS = ['requests', 'events', 'duplicates', 'ignored', 'unknown_types', 'unmappable', 'auth_failures', 'late_deliveries'] as const;
export type CounterName = (typeof COUNTERS)[number];
export type SourceName = 'zendesk' | 'chatwoot';

class SourceCounters {
  private readonly values = new Map<string, number>();
  constructor() {
    for (const source of ['zendesk', 'chatwoot'] as const) for (const c of COUNTERS) this.values.set(this.name(source, c), 0);
  }
  private name(source: SourceName, counter: CounterName): string {
    return `pulse_source_${source}_${counter}_total`;
  }
  add(source: SourceName, counter: CounterName, n = 1): void {
    if (n === 0) return;
    const k = this.name(source, counter);
    this.values.set(k, (this.values.get(k) ?? 0) + n);
  }
  snapshot(): Record<string, number> {
    return Object.fromEntries(this.values);
  }
}

export const sourceCounters = new SourceCounters();

/** The counters of the help-desk sources as `name → value`, e.g. `pulse_source_zendesk_ignored_total`. */
export const getSourceCounters = (): Record<string, number> => sourceCounters.snapshot();

// Validation of one incoming event against its type's schema, with an error that names the field.
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import type { TSchema } from '@sinclair/typebox';
import { EventSchemas, EVENT_TYPES, type EventType, type PulseEvent } from './events.ts';
import { LIMITS } from './limits.ts';

export type Validation = { ok: true; event: PulseEvent } | { ok: false; error: string; id?: string };

const checks = new Map<string, TypeCheck<TSchema>>(EVENT_TYPES.map((t) => [t, TypeCompiler.Compile(EventSchemas[t] as TSchema)]));

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-](\d{2}):(\d{2}))$/;

const DAY_MS = 86_400_000;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1];

/** Whether year, month (1..12) and day name a day of the calendar (30 February does not). */
export const isCalendarDate = (y: number, m: number, d: number): boolean =>
  Number.isInteger(m) && m >= 1 && m <= 12 && Number.isInteger(d) && d >= 1 && d <= (daysInMonth(y, m) ?? 0);

/** Epoch milliseconds of an RFC 3339 string or epoch milliseconds, or why it is neither. */
function readTs(ts: unknown): { ms: number } | { error: string } {
  const bad = { error: 'ts: must be an RFC 3339 string or epoch milliseconds' };
  if (typeof ts === 'number') return Number.isFinite(ts) ? { ms: Math.floor(ts) } : bad;
  if (typeof ts !== 'string') return bad;
  const m = RFC3339.exec(ts);
  if (!m) return bad;
  // groups 1..6 always match
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map(Number) as [number, number, number, number, number, number];
  // a real calendar date: Date.parse would roll 30 February over into March
  if (!isCalendarDate(y, mo, d)) return { error: `ts: ${m[1]}-${m[2]}-${m[3]} is not a calendar date` };
  if (h > 23 || mi > 59 || s > 60 || (m[9] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59))) {
    return { error: `ts: ${ts.slice(11, 19)} is not a time of day` };
  }
  const ms = Date.parse(ts.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(ms) ? bad : { ms };
}

/** Parses an RFC 3339 string (a real calendar date) or epoch milliseconds; returns NaN when it is neither. */
export function parseTs(ts: unknown): number {
  const r = readTs(ts);
  return 'ms' in r ? r.ms : NaN;
}

const isWellFormed = (s: string): boolean => (s as string & { isWellFormed(): boolean }).isWellFormed();

/** The path of the first string value that is not well-formed Unicode (holds a lone surrogate); keys are the schema's. */
function illFormed(value: unknown, path: string): string | null {
  if (typeof value === 'string') return isWellFormed(value) ? null : path;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const p = illFormed(value[i], `${path}.${i}`);
      if (p !== null) return p;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      const p = illFormed(v, path === '' ? k : `${path}.${k}`);
      if (p !== null) return p;
    }
  }
  return null;
}

function fieldName(path: string): string {
  return path === '' ? 'event' : path.slice(1).replace(/\//g, '.');
}

function describe(err: ValueError): string {
  const field = fieldName(err.path);
  const enumValues = (err.schema as { enumValues?: readonly string[] }).enumValues;
  if (enumValues) return `${field}: must be one of ${enumValues.join(', ')}`;
  switch (err.type) {
    case ValueErrorType.ObjectAdditionalProperties:
    case ValueErrorType.Never:
      return `${field}: unknown field`;
    case ValueErrorType.ObjectRequiredProperty:
      return `${field}: is required`;
    case ValueErrorType.StringMaxLength:
      return `${field}: longer than ${(err.schema as unknown as { maxLength: number }).maxLength} characters`;
    case ValueErrorType.StringMinLength:
      return `${field}: must not be empty`;
    case ValueErrorType.Union:
      if (field === 'ts') return 'ts: must be an RFC 3339 string or epoch milliseconds';
      if (field === 'agent_id') return 'agent_id: must be a string or null';
      return `${field}: ${err.message.toLowerCase()}`;
    default:
      return `${field}: ${err.message.charAt(0).toLowerCase()}${err.message.slice(1)}`;
  }
}

function idOf(raw: Record<string, unknown>): string | undefined {
  return typeof raw.id === 'string' ? raw.id.slice(0, LIMITS.idLength) : undefined;
}

export interface ValidateOptions {
  /** events older than this many days are rejected (default LIMITS.maxEventAgeDays, 3 years) */
  maxAgeDays?: number;
}

/** Validates one event; `now` is the server's clock (epoch ms) for the bounds of `ts`. */
export function validateEvent(raw: unknown, now: number, opts: ValidateOptions = {}): Validation {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { ok: false, error: 'event: must be a JSON object' };
  }
  const obj = raw as Record<string, unknown>;
  const id = idOf(obj);
  if (typeof obj.type !== 'string') return { ok: false, id, error: 'type: is required and must be a string' };
  const check = checks.get(obj.type);
  if (!check || !Object.hasOwn(EventSchemas, obj.type)) {
    return { ok: false, id, error: `type: unknown event type '${obj.type.slice(0, 64)}'; expected one of ${EVENT_TYPES.join(', ')}` };
  }
  if (!check.Check(raw)) {
    const first = check.Errors(raw).First();
    return { ok: false, id, error: first ? describe(first) : 'event: does not match its schema' };
  }
  const broken = illFormed(obj, '');
  if (broken !== null) return { ok: false, id, error: `${broken}: must be well-formed Unicode (it holds a lone surrogate)` };
  const parsed = readTs(obj.ts);
  if ('error' in parsed) return { ok: false, id, error: parsed.error };
  const ts = parsed.ms;
  if (ts > now + LIMITS.futureSkewMs) return { ok: false, id, error: 'ts: more than 5 minutes in the future' };
  const maxAgeDays = opts.maxAgeDays ?? LIMITS.maxEventAgeDays;
  if (ts < now - maxAgeDays * DAY_MS) return { ok: false, id, error: `ts: more than ${maxAgeDays} days in the past` };
  const rule = crossFieldRule(obj.type as EventType, obj);
  if (rule) return { ok: false, id, error: rule };
  return { ok: true, event: { ...obj, ts } as PulseEvent };
}

function exactlyOne(obj: Record<string, unknown>, a: string, b: string): string | undefined {
  const has = (k: string) => obj[k] !== undefined;
  if (has(a) === has(b)) return `${a}/${b}: exactly one of ${a} or ${b} is required`;
  return undefined;
}

function crossFieldRule(type: EventType, obj: Record<string, unknown>): string | undefined {
  switch (type) {
    case 'chat.transferred':
      return exactlyOne(obj, 'to_agent_id', 'to_queue');
    case 'csat.rated':
      return exactlyOne(obj, 'ticket_id', 'chat_id') ?? exactlyOne(obj, 'score', 'rating');
    default:
      return undefined;
  }
}

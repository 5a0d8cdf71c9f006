// Validation of one incoming event against its type's schema, with an error that names the field.
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import { ValueErrorType, type ValueError } from '@sinclair/typebox/errors';
import type { TSchema } from '@sinclair/typebox';
import { EventSchemas, EVENT_TYPES, type EventType, type PulseEvent } from './events.ts';
import { LIMITS } from './limits.ts';

export type Validation = { ok: true; event: PulseEvent } | { ok: false; error: string; id?: string };

const checks = new Map<string, TypeCheck<TSchema>>(
  EVENT_TYPES.map((t) => [t, TypeCompiler.Compile(EventSchemas[t] as TSchema)]),
);

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** Parses an RFC 3339 string or epoch milliseconds; returns NaN when it is neither. */
export function parseTs(ts: unknown): number {
  if (typeof ts === 'number') return Number.isFinite(ts) ? Math.floor(ts) : NaN;
  if (typeof ts !== 'string') return NaN;
  const m = RFC3339.exec(ts);
  if (!m) return NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
  return Date.parse(ts.replace(' ', 'T').replace(/(\.\d{3})\d+/, '$1'));
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

/** Validates one event; `now` is the server's clock (epoch ms) for the future-skew rule. */
export function validateEvent(raw: unknown, now: number): Validation {
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
  const ts = parseTs(obj.ts);
  if (Number.isNaN(ts)) return { ok: false, id, error: 'ts: must be an RFC 3339 string or epoch milliseconds' };
  if (ts > now + LIMITS.futureSkewMs) return { ok: false, id, error: 'ts: more than 5 minutes in the future' };
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

// Whether an insert failed because of the rows it held or because ClickHouse is not there. Only an
// error ClickHouse itself answered (it carries a numeric code and its type) can be about the rows; a
// connection failure, a timeout or a closed socket is an outage, and so is any answer that says the
// server is busy, short of memory, read-only or missing a table: those are retried whole (never halved,
// which could store a half again under another dedup token once the whole batch goes through), and
// never dead-lettered.

const TRANSIENT = new Set([
  'TIMEOUT_EXCEEDED',
  'SOCKET_TIMEOUT',
  'NETWORK_ERROR',
  'ALL_CONNECTION_TRIES_FAILED',
  'MEMORY_LIMIT_EXCEEDED',
  'CANNOT_ALLOCATE_MEMORY',
  'NOT_ENOUGH_SPACE',
  'TOO_MANY_SIMULTANEOUS_QUERIES',
  // "merges are processing slower than inserts" (its other meaning, too many partitions, is about the rows)
  'TOO_MANY_PARTS',
  'READONLY',
  'TABLE_IS_READ_ONLY',
  'NO_ZOOKEEPER',
  'KEEPER_EXCEPTION',
  'UNKNOWN_TABLE',
  'UNKNOWN_DATABASE',
  'QUERY_WAS_CANCELLED',
  'UNKNOWN_STATUS_OF_INSERT',
  'ABORTED',
]);

interface Answered {
  code: string;
  type: string;
  message: string;
}

function answered(e: unknown): e is Answered {
  const x = e as Partial<Answered> | null;
  return typeof x?.type === 'string' && /^\d+$/.test(String(x.code));
}

/** The insert never reached ClickHouse, or ClickHouse could not take it for reasons of its own. */
export function isOutage(e: unknown): boolean {
  if (!answered(e)) return true;
  if (e.type === 'TOO_MANY_PARTS' && /too many partitions/i.test(String(e.message))) return false;
  return TRANSIENT.has(e.type);
}

/** The error text to keep with a dead letter: bounded, and well-formed whatever ClickHouse echoed. */
export function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return wellFormed(text.length > 4000 ? `${text.slice(0, 4000)}…` : text);
}

/** A string with each lone surrogate replaced by U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

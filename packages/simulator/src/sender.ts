// Posting events to `POST /v1/events`: one batch per request, retried on 429/503 (honouring
// Retry-After), on other 5xx and on network errors with backoff. Re-sending is safe: the server
// treats a known event id as a duplicate. Rejected events are logged, never dropped silently.
import { setTimeout as sleep } from 'node:timers/promises';
import { createPulseClient } from '@pulse/client';
import { LIMITS, type IngestReply, type PulseEvent } from '@pulse/contracts';
import { defaultLogger, type SimLogger } from './logger.ts';

export interface SendOptions {
  logger?: SimLogger;
  /** Retries after the first attempt before giving up (default 10; Infinity never gives up). */
  maxRetries?: number;
  /** First backoff delay (default 250 ms), doubled per attempt. */
  baseDelayMs?: number;
  /** Upper bound of a backoff or Retry-After wait (default 60 s). */
  maxDelayMs?: number;
  /** Timeout of one request (default 30 s). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface SendResult extends IngestReply {
  /** HTTP status of the final answer (202, or 400 when no event of the batch was valid). */
  status: number;
  attempts: number;
}

export class SendError extends Error {
  constructor(
    message: string,
    readonly status?: number,
    readonly body?: string,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** The ingest endpoint of a server: a base URL gets `/v1/events`; a URL with another path is kept. */
export function eventsUrl(url: string): string {
  const u = new URL(url);
  if (u.pathname === '/' || u.pathname === '') u.pathname = '/v1/events';
  return u.toString();
}

/** Milliseconds to wait from a Retry-After header (delta-seconds or HTTP date), or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000);
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

function backoff(attempt: number, base: number, max: number): number {
  const d = Math.min(max, base * 2 ** (attempt - 1));
  return Math.round(d / 2 + (Math.random() * d) / 2);
}

function parseReply(text: string): IngestReply | undefined {
  try {
    const r = JSON.parse(text) as Partial<IngestReply>;
    if (typeof r !== 'object' || r === null) return undefined;
    return { accepted: r.accepted ?? 0, duplicates: r.duplicates ?? 0, rejected: Array.isArray(r.rejected) ? r.rejected : [] };
  } catch {
    return undefined;
  }
}

/** Posts one batch (at most 5,000 events) and returns the server's reply. */
export async function sendBatch(url: string, token: string, events: readonly PulseEvent[], opts: SendOptions = {}): Promise<SendResult> {
  if (events.length > LIMITS.batchEvents) throw new RangeError(`a batch holds at most ${LIMITS.batchEvents} events; use sendAll`);
  const log = opts.logger ?? defaultLogger();
  const maxRetries = opts.maxRetries ?? 10;
  const base = opts.baseDelayMs ?? 250;
  const max = opts.maxDelayMs ?? 60_000;
  const endpoint = eventsUrl(url);
  const client = createPulseClient({ baseUrl: endpoint, token });

  for (let attempt = 1; ; attempt++) {
    opts.signal?.throwIfAborted();
    const timeout = AbortSignal.timeout(opts.timeoutMs ?? 30_000);
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout;
    let status: number;
    let text: string;
    let retryAfter: string | null = null;
    try {
      const res = await client.postEvents(events, { signal, url: endpoint });
      status = res.status;
      retryAfter = res.headers.get('retry-after');
      text = res.text;
    } catch (err) {
      opts.signal?.throwIfAborted();
      const reason = err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      if (attempt > maxRetries) throw new SendError(`POST ${endpoint} failed after ${attempt} attempts: ${reason}`);
      const wait = backoff(attempt, base, max);
      log.warn({ endpoint, attempt, waitMs: wait, error: reason }, 'ingest unreachable; retrying');
      await sleep(wait, undefined, { signal: opts.signal });
      continue;
    }

    const reply = status === 200 || status === 202 || status === 400 ? parseReply(text) : undefined;
    if (reply && (status !== 400 || reply.rejected.length > 0)) {
      if (reply.rejected.length > 0) {
        log.warn(
          { endpoint, status, count: reply.rejected.length, rejected: reply.rejected.slice(0, 100) },
          `server rejected ${reply.rejected.length} of ${events.length} events`,
        );
      }
      return { ...reply, status, attempts: attempt };
    }
    const retryable = status === 429 || status >= 500;
    if (!retryable) throw new SendError(`POST ${endpoint} answered ${status}: ${text.slice(0, 500)}`, status, text);
    if (attempt > maxRetries) {
      throw new SendError(`POST ${endpoint} still answered ${status} after ${attempt} attempts`, status, text);
    }
    const hinted = status === 429 || status === 503 ? parseRetryAfter(retryAfter) : undefined;
    const wait = Math.min(max, hinted ?? backoff(attempt, base, max));
    log.debug({ endpoint, status, attempt, waitMs: wait }, 'ingest busy; retrying');
    await sleep(wait, undefined, { signal: opts.signal });
  }
}

export interface SendTotals extends IngestReply {
  batches: number;
}

/** Posts any number of events in batches of at most 5,000, one after another. */
export async function sendAll(url: string, token: string, events: readonly PulseEvent[], opts: SendOptions = {}): Promise<SendTotals> {
  const totals: SendTotals = { accepted: 0, duplicates: 0, rejected: [], batches: 0 };
  for (let i = 0; i < events.length; i += LIMITS.batchEvents) {
    const r = await sendBatch(url, token, events.slice(i, i + LIMITS.batchEvents), opts);
    totals.accepted += r.accepted;
    totals.duplicates += r.duplicates;
    for (const x of r.rejected) totals.rejected.push({ ...x, index: x.index + i });
    totals.batches++;
  }
  return totals;
}

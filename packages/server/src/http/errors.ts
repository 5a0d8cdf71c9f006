// One error handler: every failure becomes a clear JSON error with the right status, never a bare 500
// for bad input; storage outages answer 503 with Retry-After.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { limitsText } from '../ingest/body.ts';
import { RedisUnavailableError } from '../redis/client.ts';

/**
 * Retry-After (seconds) of a 503 for an unreachable Redis: about how long ioredis takes to notice that
 * Redis is back (its reconnect delay grows to 2 s).
 */
export const STORAGE_RETRY_AFTER_S = 2;

/** Answers 503 with Retry-After: the client sends the request again later (safe for events: their ids dedupe). */
export function sendUnavailable(reply: FastifyReply, error: string, retryAfterS = STORAGE_RETRY_AFTER_S): FastifyReply {
  return reply.code(503).header('Retry-After', String(retryAfterS)).send({ error });
}

/** During an outage every request fails the same way: one warning per few seconds, with how many were refused. */
const LOG_EVERY_MS = 5_000;
let lastLogged = 0;
let refused = 0;
function logUnavailable(req: FastifyRequest, message: string): void {
  refused++;
  const now = Date.now();
  if (now - lastLogged < LOG_EVERY_MS) return;
  req.log.warn({ err: message, refused }, 'storage unavailable: answering 503');
  lastLogged = now;
  refused = 0;
}

export function errorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const send = (code: number, error: string) => void reply.code(code).send({ error });
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return send(413, `request body too large: ${limitsText}`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return send(415, 'Content-Type must be application/json or application/x-ndjson');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return send(400, 'the body is empty; send one event, a JSON array of events, or NDJSON');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return send(400, `the body is not valid JSON: ${err.message}`);
    case 'FST_ERR_VALIDATION':
      return send(400, `invalid request: ${err.message}`);
  }
  // Redis did not answer (redis/client.ts classifies every failure of a command connection in one place)
  if ((err as unknown) instanceof RedisUnavailableError) {
    logUnavailable(req, err.message);
    // a command that timed out may still run once Redis answers again: re-sending events is safe (their ids dedupe)
    void sendUnavailable(reply, 'storage is unavailable; retry later (re-sending a batch is safe: event ids are deduplicated)');
    return;
  }
  if (err.statusCode === 413) return send(413, err.message);
  if (err.statusCode === 400 && err instanceof SyntaxError) return send(400, `the body is not valid JSON: ${err.message}`);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return send(err.statusCode, err.message);
  req.log.error({ err }, 'unhandled error');
  return send(500, 'internal error');
}

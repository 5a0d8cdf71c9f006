// One error handler: every failure becomes a clear JSON error with the right status, never a bare 500
// for bad input; storage outages answer 503 with Retry-After.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { limitsText } from '../ingest/body.ts';

const REDIS_DOWN = /Connection is closed|MaxRetriesPerRequest|ECONNREFUSED|ECONNRESET|Stream isn't writeable|LOADING/;

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
  if (err.statusCode === 413) return send(413, err.message);
  if (err.statusCode === 400 && err instanceof SyntaxError) return send(400, `the body is not valid JSON: ${err.message}`);
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return send(err.statusCode, err.message);
  if (REDIS_DOWN.test(err.message)) {
    req.log.warn({ err: err.message }, 'storage unavailable');
    reply.header('Retry-After', '5');
    return send(503, 'storage is unavailable; nothing of this request was accepted, retry later');
  }
  req.log.error({ err }, 'unhandled error');
  return send(500, 'internal error');
}

// POST /v1/events (SPEC §1): validate each event, append the valid new ones to the stream, answer 202.
// The token is checked as the request arrives (onRequest), before a byte of the body is read. The body is
// JSON or NDJSON in UTF-8: any other charset is refused (415), bytes that are not UTF-8 too (400). An
// encapsulated plugin: its body parsers apply to this route only.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LIMITS, validateEvent, type IngestReply, type RejectedEvent } from '@pulse/contracts';
import { requireRole, type TokenStore } from '../auth/tokens.ts';
import type { Config } from '../config/schema.ts';
import { checkCharset, decodeUtf8, NdjsonBody, itemsOfJson, itemsOfNdjson, type RawItem } from './body.ts';
import type { Appender, BacklogFull } from './append.ts';
import { sendUnavailable } from '../http/errors.ts';

/** 503 for a batch refused by backpressure: which bound, by how much, and when to retry (docs/operations.md). */
function backlogMessage(r: BacklogFull): string {
  const held = r.bound === 'events' ? `the live view is behind by ${r.backlog} events` : `the event stream holds ${r.backlog} ${r.bound}`;
  return `the event stream is full (${held}, bound ${r.limit}); nothing of this batch was accepted, retry later`;
}

export function ingestRoutes(app: FastifyInstance, deps: { tokens: TokenStore; appender: Appender; config: Config }): void {
  void app.register(async (scope) => {
    const text = (req: FastifyRequest, body: Buffer): string => {
      checkCharset(req.headers['content-type']);
      return decodeUtf8(body);
    };
    // JSON: Fastify's own parser (prototype poisoning refused) over the strictly decoded text
    const json = scope.getDefaultJsonParser('error', 'error');
    scope.removeContentTypeParser(['application/json', 'text/plain']);
    scope.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: LIMITS.batchBytes }, (req, body, done) => {
      let decoded: string;
      try {
        decoded = text(req, body as Buffer);
      } catch (e) {
        return done(e as Error, undefined);
      }
      json(req, decoded, done);
    });
    scope.addContentTypeParser(
      ['application/x-ndjson', 'application/ndjson', 'application/jsonl'],
      { parseAs: 'buffer', bodyLimit: LIMITS.batchBytes },
      (req, body, done) => {
        try {
          done(null, new NdjsonBody(text(req, body as Buffer)));
        } catch (e) {
          done(e as Error, undefined);
        }
      },
    );

    const maxAgeDays = deps.config.ingest.maxEventAgeDays;
    scope.post(
      '/v1/events',
      {
        bodyLimit: LIMITS.batchBytes,
        onRequest: [
          requireRole(deps.tokens, 'ingest'),
          // Redis unreachable, or the stream full a moment ago: answer at once, before the body is read
          async (_req, reply) => {
            if (!deps.appender.ready()) {
              return sendUnavailable(reply, 'the event stream is unavailable (storage unreachable); nothing of this batch was accepted, retry later');
            }
            const full = deps.appender.recentRefusal();
            if (full) return sendUnavailable(reply, backlogMessage(full), full.retryAfterS);
          },
        ],
      },
      async (req, reply) => {
        const body = req.body as unknown;
        const items: RawItem[] = body instanceof NdjsonBody ? itemsOfNdjson(body.text) : itemsOfJson(body);
        if (items.length === 0) return reply.code(400).send({ error: 'the batch holds no events' });

        const now = Date.now();
        const rejected: RejectedEvent[] = [];
        const valid: { id: string; json: string }[] = [];
        items.forEach((item, index) => {
          if ('error' in item) return rejected.push({ index, error: item.error });
          const v = validateEvent(item.value, now, { maxAgeDays });
          if (v.ok) valid.push({ id: v.event.id, json: JSON.stringify(v.event) });
          else rejected.push(v.id === undefined ? { index, error: v.error } : { index, id: v.id, error: v.error });
        });
        if (valid.length === 0) {
          return reply.code(400).send({ accepted: 0, duplicates: 0, rejected } satisfies IngestReply);
        }
        const result = await deps.appender.appendOrRefuse(valid, now);
        if ('bound' in result) return sendUnavailable(reply, backlogMessage(result), result.retryAfterS);
        return reply.code(202).send({ accepted: result.accepted, duplicates: result.duplicates, rejected } satisfies IngestReply);
      },
    );
  });
}

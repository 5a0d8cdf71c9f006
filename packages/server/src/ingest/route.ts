// POST /v1/events (SPEC §1): validate each event, append the valid new ones to the stream, answer 202.
import type { FastifyInstance } from 'fastify';
import { LIMITS, validateEvent, type IngestReply, type RejectedEvent } from '@pulse/contracts';
import { requireRole, type TokenStore } from '../auth/tokens.ts';
import { NdjsonBody, itemsOfJson, itemsOfNdjson, type RawItem } from './body.ts';
import type { Appender } from './append.ts';

export function ingestRoutes(app: FastifyInstance, deps: { tokens: TokenStore; appender: Appender }): void {
  app.addContentTypeParser(
    ['application/x-ndjson', 'application/ndjson', 'application/jsonl'],
    { parseAs: 'string', bodyLimit: LIMITS.batchBytes },
    (_req, body, done) => done(null, new NdjsonBody(body as string)),
  );

  app.post(
    '/v1/events',
    { bodyLimit: LIMITS.batchBytes, preHandler: requireRole(deps.tokens, 'ingest') },
    async (req, reply) => {
      const body = req.body as unknown;
      const items: RawItem[] =
        body instanceof NdjsonBody ? itemsOfNdjson(body.text) : itemsOfJson(body);
      if (items.length === 0) return reply.code(400).send({ error: 'the batch holds no events' });

      const now = Date.now();
      const rejected: RejectedEvent[] = [];
      const valid: { id: string; json: string }[] = [];
      items.forEach((item, index) => {
        if ('error' in item) return rejected.push({ index, error: item.error });
        const v = validateEvent(item.value, now);
        if (v.ok) valid.push({ id: v.event.id, json: JSON.stringify(v.event) });
        else rejected.push(v.id === undefined ? { index, error: v.error } : { index, id: v.id, error: v.error });
      });
      if (valid.length === 0) {
        return reply.code(400).send({ accepted: 0, duplicates: 0, rejected } satisfies IngestReply);
      }
      const result = await deps.appender.append(valid, now);
      if (result === 'backlog-full') {
        reply.header('Retry-After', '2');
        return reply.code(503).send({ error: 'the event stream is full; nothing of this batch was accepted, retry later' });
      }
      return reply.code(202).send({ accepted: result.accepted, duplicates: result.duplicates, rejected } satisfies IngestReply);
    },
  );
}

// Admin surfaces: the dead letters of history (rows ClickHouse refused; docs/operations.md), newest
// first, `limit` (at most 500) a page, `before` the `next` cursor of the page before.
import type { FastifyInstance } from 'fastify';
import type { ClickHouseClient } from '@clickhouse/client';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { requireRole, type TokenStore } from '../auth/tokens.ts';
import { CURSOR, listDeadLetters, MAX_DEAD_LETTERS } from '../history/dead-letter-list.ts';

const DeadLettersQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_DEAD_LETTERS })),
  before: Type.Optional(Type.String({ pattern: CURSOR.source, maxLength: 64 })),
  token: Type.Optional(Type.String({ maxLength: 512 })),
});

export function adminRoutes(server: FastifyInstance, deps: { tokens: TokenStore; history: ClickHouseClient }): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const admin = requireRole(deps.tokens, 'admin');

  app.get('/v1/admin/dead-letters', { schema: { querystring: DeadLettersQuery }, preHandler: admin }, async (req) => {
    const q = req.query;
    return listDeadLetters(deps.history, { limit: q.limit ?? 100, before: q.before });
  });
}

// Alert surfaces (SPEC §3): list for viewers, acknowledge and resolve for leads, the delivery log for leads.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import { requireRole, type Principal, type TokenStore } from '../auth/tokens.ts';
import { acknowledge, resolveByHand } from '../alerts/actions.ts';
import type { AlertService } from '../alerts/service.ts';
import type { Redis } from 'ioredis';

const ListQuery = Type.Object({
  state: Type.Optional(Type.Union([Type.Literal('firing'), Type.Literal('acknowledged'), Type.Literal('resolved')])),
  token: Type.Optional(Type.String({ maxLength: 512 })),
});
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });

const who = (req: FastifyRequest) => (req as FastifyRequest & { principal?: Principal }).principal?.name ?? 'unknown';

export function alertRoutes(app: FastifyInstance, deps: { tokens: TokenStore; alerts: AlertService; redis: Redis }): void {
  const viewer = requireRole(deps.tokens, 'viewer');
  const lead = requireRole(deps.tokens, 'lead');

  app.get('/v1/alerts', { schema: { querystring: ListQuery }, onRequest: viewer }, async (req) => {
    const { state } = req.query as { state?: 'firing' | 'acknowledged' | 'resolved' };
    return { alerts: await deps.alerts.store.list(state) };
  });

  app.get('/v1/alerts/deliveries', { onRequest: lead }, async () => ({ deliveries: await deps.alerts.deliveries.list() }));

  app.post('/v1/alerts/:id/ack', { schema: { params: IdParams }, onRequest: lead }, async (req, reply) => {
    const r = await acknowledge(deps.alerts.store, deps.alerts.changes, (req.params as { id: string }).id, who(req));
    return r.ok ? r.alert : reply.code(r.status).send({ error: r.error });
  });

  app.post('/v1/alerts/:id/resolve', { schema: { params: IdParams }, onRequest: lead }, async (req, reply) => {
    const r = await resolveByHand(deps.alerts.store, deps.alerts.changes, deps.redis, (req.params as { id: string }).id, who(req));
    return r.ok ? r.alert : reply.code(r.status).send({ error: r.error });
  });
}

// Alert surfaces (SPEC §3, §4): the list and the page's settings for viewers; for leads: acknowledge (one or
// many, with a note), resolve (a snooze while the condition holds) and snooze, silences (list, add, remove),
// the delivery log.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ALERT_RULES, ALERT_STATES, type AlertChannelInfo, type AlertState } from '@pulse/contracts';
import { requireRole, type Principal, type TokenStore } from '../auth/tokens.ts';
import { acknowledge, acknowledgeMany, resolveOrSnooze } from '../alerts/actions.ts';
import type { AlertService } from '../alerts/service.ts';
import { shiftEnd, SNOOZE_PRESETS, snoozeEnd } from '../alerts/snooze.ts';
import type { Config } from '../config/schema.ts';

const ListQuery = Type.Object({
  state: Type.Optional(Type.Union(ALERT_STATES.map((s) => Type.Literal(s)))),
  token: Type.Optional(Type.String({ maxLength: 512 })),
});
const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
const Note = Type.String({ maxLength: 1000 });
const AckBody = Type.Object({ note: Type.Optional(Note) }, { additionalProperties: false });
const BulkAckBody = Type.Object(
  { ids: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), { minItems: 1, maxItems: 500 }), note: Type.Optional(Note) },
  { additionalProperties: false },
);
/** a preset (15m, 1h, shift) or a time: ISO 8601 or epoch ms */
const Until = Type.Union([...SNOOZE_PRESETS.map((p) => Type.Literal(p)), Type.String({ minLength: 1, maxLength: 64 }), Type.Number()]);
const ResolveBody = Type.Object({ until: Type.Optional(Until) }, { additionalProperties: false });
const SnoozeBody = Type.Object({ until: Until }, { additionalProperties: false });
const SilenceBody = Type.Object(
  {
    queue: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    rule: Type.Optional(Type.Union(ALERT_RULES.map((r) => Type.Literal(r)))),
    agent_id: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    /** the end: ISO 8601 or epoch ms */
    ends_at: Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Number()]),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
  },
  { additionalProperties: false },
);
const SilenceParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
/** the longest a silence may last */
const MAX_SILENCE_MS = 30 * 86_400_000;

const who = (req: FastifyRequest) => (req as FastifyRequest & { principal?: Principal }).principal?.name ?? 'unknown';

/**
 * The body checked against its schema; a 400 naming the field otherwise. Where every field is optional
 * (`optional`), a body that is not an object (none, `[]`) counts as an empty one.
 */
function body<T extends TSchema>(schema: T, req: FastifyRequest, reply: FastifyReply, optional = false): Static<T> | null {
  const isObject = typeof req.body === 'object' && req.body !== null && !Array.isArray(req.body);
  const b = isObject ? req.body : optional ? {} : (req.body ?? {});
  if (Value.Check(schema, b)) return b as Static<T>;
  const e = [...Value.Errors(schema, b)][0];
  void reply.code(400).send({ error: `${e?.path || 'body'}: ${e?.message ?? 'invalid'}` });
  return null;
}

export function alertRoutes(server: FastifyInstance, deps: { tokens: TokenStore; alerts: AlertService; redis?: unknown }): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const viewer = requireRole(deps.tokens, 'viewer');
  const lead = requireRole(deps.tokens, 'lead');
  const { alerts } = deps;
  const config: Config = alerts.config;
  const channels = (): AlertChannelInfo[] => config.alerts.channels.map((c) => ({ name: c.name, type: c.type, lang: c.lang ?? config.alerts.lang }));
  const until = (u: string | number | undefined, reply: FastifyReply): number | null => {
    const end = snoozeEnd(u, Date.now(), config.alerts.shifts, config.timeZone);
    if (end === null) void reply.code(400).send({ error: `until: expected ${SNOOZE_PRESETS.join(', ')} or a time within 7 days` });
    return end;
  };

  app.get('/v1/alerts', { schema: { querystring: ListQuery }, onRequest: viewer }, async (req) => {
    const { state } = req.query;
    return { alerts: await alerts.store.list(state) };
  });

  /** What the lead's page needs besides the alerts: where they are delivered, the time zone, the snooze ends. */
  app.get('/v1/alerts/settings', { onRequest: viewer }, async () => ({
    channels: channels(),
    time_zone: config.timeZone,
    lang: config.alerts.lang,
    snooze: SNOOZE_PRESETS,
    shift_end: new Date(shiftEnd(Date.now(), config.alerts.shifts, config.timeZone)).toISOString(),
    queue_names: config.queueNames,
    ...(await alerts.directory()),
  }));

  app.get('/v1/alerts/deliveries', { onRequest: lead }, async () => ({ deliveries: await alerts.deliveries.list() }));

  app.post('/v1/alerts/ack', { onRequest: lead }, async (req, reply) => {
    const b = body(BulkAckBody, req, reply);
    if (!b) return reply;
    const results = await acknowledgeMany(alerts.store, alerts.changes, b.ids, who(req), b.note ?? null);
    return { results: results.map((r) => (r.ok ? { ok: true, alert: r.alert } : { ok: false, status: r.status, error: r.error })) };
  });

  app.post('/v1/alerts/:id/ack', { schema: { params: IdParams }, onRequest: lead }, async (req, reply) => {
    const b = body(AckBody, req, reply, true);
    if (!b) return reply;
    const r = await acknowledge(alerts.store, alerts.changes, req.params.id, who(req), b.note ?? null);
    return r.ok ? r.alert : reply.code(r.status).send({ error: r.error });
  });

  app.post('/v1/alerts/:id/resolve', { schema: { params: IdParams }, onRequest: lead }, async (req, reply) => {
    const b = body(ResolveBody, req, reply, true);
    if (!b) return reply;
    const end = until(b.until, reply);
    if (end === null) return reply;
    const r = await resolveOrSnooze(alerts.store, alerts.changes, req.params.id, who(req), end);
    return r.ok ? r.alert : reply.code(r.status).send({ error: r.error });
  });

  app.post('/v1/alerts/:id/snooze', { schema: { params: IdParams }, onRequest: lead }, async (req, reply) => {
    const b = body(SnoozeBody, req, reply);
    if (!b) return reply;
    const end = until(b.until, reply);
    if (end === null) return reply;
    const r = await resolveOrSnooze(alerts.store, alerts.changes, req.params.id, who(req), end);
    return r.ok ? r.alert : reply.code(r.status).send({ error: r.error });
  });

  app.get('/v1/alerts/silences', { onRequest: lead }, async () => ({ silences: await alerts.silences.list() }));

  app.post('/v1/alerts/silences', { onRequest: lead }, async (req, reply) => {
    const b = body(SilenceBody, req, reply);
    if (!b) return reply;
    if (b.queue === undefined && b.rule === undefined && b.agent_id === undefined) {
      return reply.code(400).send({ error: 'a silence needs a queue, a rule or an agent_id' });
    }
    const now = Date.now();
    const end = typeof b.ends_at === 'number' ? b.ends_at : Date.parse(b.ends_at);
    if (!Number.isFinite(end) || end <= now || end > now + MAX_SILENCE_MS) {
      return reply.code(400).send({ error: 'ends_at: expected a time in the next 30 days' });
    }
    const s = await alerts.silences.add({ queue: b.queue, rule: b.rule, agent_id: b.agent_id, ends_at: end, reason: b.reason }, who(req), now);
    alerts.changed();
    return reply.code(201).send(s);
  });

  app.delete('/v1/alerts/silences/:id', { schema: { params: SilenceParams }, onRequest: lead }, async (req, reply) => {
    const removed = await alerts.silences.remove(req.params.id);
    if (!removed) return reply.code(404).send({ error: `no silence ${req.params.id}` });
    alerts.changed();
    return reply.code(204).send();
  });
}

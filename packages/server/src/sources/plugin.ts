// POST /v1/sources/zendesk and POST /v1/sources/chatwoot[/<token>]: help-desk webhooks in, canonical
// events (SPEC §1) out, through the same validation and Appender as POST /v1/events (dedup by event id,
// 503 when the stream is full, durable on 202). Each source authenticates with its own secret; the
// ingest bearer token is not used here. What a delivery teaches (names, agents' queues) is kept once it
// is accepted. An encapsulated plugin: its raw-body parser stays inside it.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { LIMITS, validateEvent } from '@pulse/contracts';
import type { Appender } from '../ingest/append.ts';
import type { Config } from '../config/schema.ts';
import { CHATWOOT_DELIVERY, mapChatwoot, verifyChatwoot } from './chatwoot.ts';
import { parseBody, safeEqual, shortHash, sourceCounters, Unmappable, type Mapped, type SourceName } from './common.ts';
import { SourceDirectory } from './directory.ts';
import { DeliveryLedger, type SignedDelivery } from './freshness.ts';
import { Learned } from './learned.ts';
import { LearnedQueueNames } from './queue-names.ts';
import { mapZendesk, verifyZendesk, ZENDESK_INVOCATION, zendeskSecrets } from './zendesk.ts';

export { getSourceCounters } from './common.ts';

export interface SourceDeps {
  appender: Appender;
  config: Config;
  redis: Redis;
}

/** The reply to an accepted delivery. */
export interface SourceReply {
  accepted: number;
  duplicates: number;
  /** parts of the delivery that map to no event (unknown event types, private notes…), see `notes` */
  ignored: number;
  /** ids of the canonical events the delivery maps to (accepted now or before) */
  events: string[];
  notes?: string[];
}

export async function sourceRoutes(app: FastifyInstance, deps: SourceDeps): Promise<void> {
  const { config, appender } = deps;
  const zendesk = config.sources.zendesk;
  const chatwoot = config.sources.chatwoot;
  const directory = new SourceDirectory(deps.redis, config.redis.prefix);
  const ledger = new DeliveryLedger(deps.redis, config.redis.prefix);
  const queueNames = LearnedQueueNames.for(config.queueNames);
  // a retry is admitted while its events would still be recognised as duplicates
  const retryWindow = (ms: number) => Math.min(ms, config.stream.dedupTtlMs);
  // `groups` keyed by a group's name applies to event subscriptions (which name the group by id) once its name is learned
  const groupsByName = Object.keys(zendesk.groups).some((k) => !/^\d+$/.test(k));

  // signatures are over the exact bytes received: keep the raw body (in this plugin's context only)
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: LIMITS.batchBytes }, (_req, body, done) => done(null, body));

  // webhooks carry no bearer token: each source has the ingest budget of its own
  const limit = (source: SourceName) => ({
    rateLimit: {
      max: config.rateLimit.ingestPerMinute,
      keyGenerator: () => `source:${source}`,
      errorResponseBuilder: (_req: FastifyRequest, ctx: { max: number; ttl: number }) => ({
        statusCode: 429,
        message: `rate limit of ${ctx.max} requests per minute exceeded for the ${source} source; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
      }),
    },
  });

  const header = (req: FastifyRequest) => (name: string) => {
    const v = req.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const rawOf = (req: FastifyRequest): Buffer => (Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0));
  const refuse = (reply: FastifyReply, source: SourceName, error: string) => {
    sourceCounters.add(source, 'auth_failures');
    return reply.code(401).send({ error });
  };
  const signature = (a: { signature: string; timestamp: string; signedAt: number }) => ({
    signature: a.signature,
    timestamp: a.timestamp,
    signedAt: a.signedAt,
  });
  /** A signature checked, then its age (retries: freshness.ts); null when admitted, else the refusal sent. */
  const admit = async (reply: FastifyReply, d: SignedDelivery, now: number, windowMs: number) => {
    const a = await ledger.admit(d, now, retryWindow(windowMs));
    if (!a.ok) return refuse(reply, d.source, a.error);
    if (a.late) sourceCounters.add(d.source, 'late_deliveries');
    return null;
  };

  app.post('/v1/sources/zendesk', { bodyLimit: LIMITS.batchBytes, config: limit('zendesk') }, async (req, reply) => {
    const secrets = zendeskSecrets(zendesk);
    if (secrets.length === 0) {
      return reply
        .code(404)
        .send({ error: 'the zendesk source is not enabled: set sources.zendesk.secret (PULSE_ZENDESK_SECRET) to the webhook signing secret' });
    }
    const raw = rawOf(req);
    const now = Date.now();
    const auth = verifyZendesk(header(req), raw, secrets);
    if (!auth.ok) return refuse(reply, 'zendesk', auth.error);
    const invocationId = header(req)(ZENDESK_INVOCATION)?.slice(0, 64);
    const d: SignedDelivery = { source: 'zendesk', ...signature(auth), deliveryId: invocationId, deliveryHeader: 'X-Zendesk-Webhook-Invocation-Id' };
    if (await admit(reply, d, now, zendesk.retryWindowMs)) return reply;
    const groupNames = groupsByName ? await directory.zendeskGroups() : {};
    return deliver(reply, 'zendesk', raw, now, (body, learned) =>
      mapZendesk(body, { cfg: zendesk, signedAt: auth.signedAt, invocationId, bodyHash: shortHash(raw), groupNames, learned }),
    );
  });

  const chatwootHandler = async (req: FastifyRequest, reply: FastifyReply) => {
    if (!chatwoot.token && !chatwoot.secret) {
      return reply.code(404).send({
        error: 'the chatwoot source is not enabled: set sources.chatwoot.token (PULSE_CHATWOOT_TOKEN) or sources.chatwoot.secret (PULSE_CHATWOOT_SECRET)',
      });
    }
    const raw = rawOf(req);
    const now = Date.now();
    const pathToken = (req.params as { token?: string }).token;
    let authenticated = false;
    if (pathToken !== undefined) {
      if (!chatwoot.token)
        return refuse(reply, 'chatwoot', 'path tokens are not enabled: set sources.chatwoot.token, or post to /v1/sources/chatwoot with a signed webhook');
      if (!safeEqual(pathToken, chatwoot.token)) return refuse(reply, 'chatwoot', 'unknown source token in the URL');
      authenticated = true;
    }
    const signed = header(req)('x-chatwoot-signature') !== undefined || header(req)('x-chatwoot-timestamp') !== undefined;
    if (chatwoot.secret && (signed || !authenticated)) {
      const auth = verifyChatwoot(header(req), raw, chatwoot.secret);
      if (!auth.ok) return refuse(reply, 'chatwoot', auth.error);
      const deliveryId = header(req)(CHATWOOT_DELIVERY)?.slice(0, 64);
      const d: SignedDelivery = { source: 'chatwoot', ...signature(auth), deliveryId, deliveryHeader: 'X-Chatwoot-Delivery' };
      if (await admit(reply, d, now, chatwoot.retryWindowMs)) return reply;
      authenticated = true;
    }
    if (!authenticated) return refuse(reply, 'chatwoot', 'missing source token: Chatwoot posts to /v1/sources/chatwoot/<token>');
    return deliver(reply, 'chatwoot', raw, now, (body, learned) => mapChatwoot(body, { cfg: chatwoot, now, learned }));
  };
  const tokenParams = { type: 'object', properties: { token: { type: 'string', maxLength: 256 } } } as const;
  app.post('/v1/sources/chatwoot', { bodyLimit: LIMITS.batchBytes, config: limit('chatwoot') }, chatwootHandler);
  app.post('/v1/sources/chatwoot/:token', { bodyLimit: LIMITS.batchBytes, config: limit('chatwoot'), schema: { params: tokenParams } }, chatwootHandler);

  /** Parses, maps and validates one authenticated delivery, then appends its events like POST /v1/events. */
  async function deliver(reply: FastifyReply, source: SourceName, raw: Buffer, now: number, map: (body: unknown, learned: Learned) => Mapped) {
    sourceCounters.add(source, 'requests');
    const parsed = parseBody(raw);
    if ('error' in parsed) {
      sourceCounters.add(source, 'unmappable');
      return reply.code(400).send({ error: parsed.error });
    }
    let mapped: Mapped;
    const learned = new Learned();
    try {
      mapped = map(parsed.value, learned);
    } catch (e) {
      if (!(e instanceof Unmappable)) throw e;
      sourceCounters.add(source, 'unmappable');
      return reply.code(422).send({ error: `could not map the ${source} payload: ${e.message}`, field: e.field });
    }
    const valid: { id: string; json: string }[] = [];
    for (const draft of mapped.events) {
      // a help desk whose clock runs ahead must not lose its events: they happened now at the latest
      const v = validateEvent(draft.ts > now + LIMITS.futureSkewMs ? { ...draft, ts: now } : draft, now, { maxAgeDays: config.ingest.maxEventAgeDays });
      if (!v.ok) {
        sourceCounters.add(source, 'unmappable');
        return reply.code(422).send({ error: `could not map the ${source} payload to ${draft.type}: ${v.error}`, field: v.error.split(':')[0] });
      }
      valid.push({ id: v.event.id, json: JSON.stringify(v.event) });
    }
    const ignored = mapped.ignored.length;
    sourceCounters.add(source, 'ignored', ignored);
    sourceCounters.add(source, 'unknown_types', mapped.ignored.filter((i) => i.reason === 'unknown_type').length);
    const notes = mapped.ignored.length > 0 ? { notes: mapped.ignored.map((i) => i.note) } : {};
    if (valid.length === 0) {
      await keep(learned, now);
      return reply.code(202).send({ accepted: 0, duplicates: 0, ignored, events: [], ...notes } satisfies SourceReply);
    }
    const result = await appender.append(valid, now);
    if (result === 'backlog-full') {
      reply.header('Retry-After', '2');
      return reply.code(503).send({ error: 'the event stream is full; nothing of this delivery was accepted, retry later' });
    }
    await keep(learned, now);
    sourceCounters.add(source, 'events', result.accepted);
    sourceCounters.add(source, 'duplicates', result.duplicates);
    return reply.code(202).send({
      accepted: result.accepted,
      duplicates: result.duplicates,
      ignored,
      events: valid.map((e) => e.id),
      ...notes,
    } satisfies SourceReply);
  }

  /** Keeps what an accepted delivery taught; its events are stored already, so a failure here only costs names. */
  async function keep(learned: Learned, now: number): Promise<void> {
    queueNames.apply(learned.queueNames);
    try {
      await directory.learn(learned, now);
    } catch (e) {
      app.log.warn({ err: (e as Error).message }, 'names learned from a help-desk delivery were not kept');
    }
  }
}

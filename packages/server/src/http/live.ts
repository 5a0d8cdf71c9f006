// GET /v1/live, GET /v1/live/sla and WebSocket /v1/live/stream (SPEC §3), for the viewer role and up.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Redis } from 'ioredis';
import { allows, requireRole, type TokenStore } from '../auth/tokens.ts';
import type { LiveService } from '../live/service.ts';
import type { Broadcaster } from '../ws/broadcaster.ts';
import type { BoardConfig } from '../config/board.ts';
import type { Config } from '../config/schema.ts';
import { ConnectionCaps } from '../ws/connection-caps.ts';

/** what a client refused for a connection cap is told to wait (streams do not free up by the clock) */
const CAP_RETRY_AFTER_S = 30;

const LiveQuery = Type.Object({
  queue: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  channel: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  token: Type.Optional(Type.String({ maxLength: 512 })),
});

const SlaQuery = Type.Object({
  kind: Type.Union([Type.Literal('breached'), Type.Literal('at_risk')]),
  cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 2048 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  queue: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  channel: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  token: Type.Optional(Type.String({ maxLength: 512 })),
});

export function liveRoutes(
  server: FastifyInstance,
  deps: {
    tokens: TokenStore;
    live: LiveService;
    broadcaster: Broadcaster;
    board: () => Promise<BoardConfig>;
    allowedOrigins: string[];
    redis: Redis;
    config: Config;
  },
): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const viewer = requireRole(deps.tokens, 'viewer');
  const sameOrigin = checkOrigin(deps.allowedOrigins);
  const caps = new ConnectionCaps(deps.redis, deps.config.redis.prefix, deps.config.ws, deps.broadcaster.stats, app.log);
  caps.start();
  app.addHook('onClose', () => caps.stop());
  const capped = capStreams(caps);
  /** a token that may open the stream: its upgrades are counted by the caps, not the REST budget */
  const mayStream = (req: FastifyRequest) => {
    const token = streamToken(req);
    const p = token ? deps.tokens.verify(token) : null;
    return p !== null && allows(p, 'viewer');
  };

  app.get('/v1/live', { schema: { querystring: LiveQuery }, onRequest: viewer }, async (req) => {
    const q = req.query;
    return deps.live.snapshot(Date.now(), { queue: q.queue, channel: q.channel });
  });

  // The whole SLA lists, a page at a time (the snapshot lists the most urgent of each, with the counts).
  app.get('/v1/live/sla', { schema: { querystring: SlaQuery }, onRequest: viewer }, async (req, reply) => {
    const q = req.query;
    const page = await deps.live.slaPage(q.kind, { cursor: q.cursor, limit: q.limit ?? 100, queue: q.queue, channel: q.channel });
    if (page === null) return reply.code(400).send({ error: `cursor '${q.cursor!.slice(0, 100)}' is not one this endpoint gave` });
    return page;
  });

  app.get('/v1/live/trend', { schema: { querystring: LiveQuery }, onRequest: viewer }, async () => deps.live.trend());

  app.get('/v1/board/config', { schema: { querystring: LiveQuery }, onRequest: viewer }, async () => deps.board());

  app.get(
    '/v1/live/stream',
    {
      websocket: true,
      schema: { querystring: LiveQuery },
      // A wall display holds its stream for hours and a floor of them shares one kiosk token: streams are
      // capped by count (ws.maxPerToken, ws.maxPerAddress), not by the per-minute REST budget. Attempts
      // with a token that may not stream still count against that budget (in a bucket of this route).
      config: { rateLimit: { allowList: mayStream } },
      onRequest: sameOrigin,
      preHandler: [viewer, capped],
    },
    (socket, req) => {
      const q = req.query;
      const client = { socket, queue: q.queue, channel: q.channel };
      // the one message a client sends: a resync after a gap in `seq` (anything else is ignored)
      socket.on('message', (data, isBinary) => {
        if (!isBinary && String(data).includes('"resync"') && isResync(String(data))) deps.broadcaster.resync(client);
      });
      void deps.broadcaster.add(client);
    },
  );
}

function isResync(text: string): boolean {
  if (text.length > 256) return false;
  try {
    return (JSON.parse(text) as { type?: unknown } | null)?.type === 'resync';
  } catch {
    return false;
  }
}

function streamToken(req: FastifyRequest): string | null {
  const m = req.headers.authorization ? /^Bearer\s+(.+)$/i.exec(req.headers.authorization) : null;
  const token = m?.[1];
  if (token !== undefined) return token.trim();
  const q = (req.query as Record<string, unknown> | undefined)?.token;
  return typeof q === 'string' ? q : null;
}

/**
 * Admits a WebSocket upgrade under the connection caps, else answers 429 with Retry-After naming the
 * limit. The stream's count is released when its TCP connection closes, however the upgrade ends.
 */
function capStreams(caps: ConnectionCaps) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    if (!req.ws) return; // a plain GET of the stream URL is answered 404 by the route
    const admission = await caps.admit(streamToken(req) ?? '', req.ip);
    if (!admission.ok) {
      req.log.warn({ limit: admission.limit, max: admission.max, address: req.ip }, 'live stream refused: connection cap');
      return reply.code(429).header('retry-after', String(CAP_RETRY_AFTER_S)).send({ error: admission.message });
    }
    const tcp = req.raw.socket;
    if (tcp.destroyed) admission.release();
    else tcp.once('close', admission.release);
  };
}

/**
 * Browsers send Origin with a WebSocket upgrade: only the server's own origin and configured ones may
 * open the stream (a page elsewhere must not read the board with a visitor's token). Clients that send
 * no Origin (not a browser) are judged by their token alone.
 */
function checkOrigin(allowed: string[]) {
  return async (req: FastifyRequest, reply: FastifyReply) => {
    const origin = req.headers.origin;
    if (!origin) return;
    let host: string;
    try {
      host = new URL(origin).host;
    } catch {
      return reply.code(403).send({ error: `origin '${origin.slice(0, 100)}' is not a valid origin` });
    }
    if (host === req.headers.host || allowed.includes(origin)) return;
    return reply.code(403).send({ error: `origin ${origin.slice(0, 100)} may not open the live stream` });
  };
}

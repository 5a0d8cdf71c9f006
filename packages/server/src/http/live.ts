// GET /v1/live and WebSocket /v1/live/stream (SPEC §3), for the viewer role and up.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { filterSnapshot } from '@pulse/metrics';
import { Type } from '@sinclair/typebox';
import { requireRole, type TokenStore } from '../auth/tokens.ts';
import type { LiveService } from '../live/service.ts';
import type { Broadcaster } from '../ws/broadcaster.ts';
import type { BoardConfig } from '../config/board.ts';

const LiveQuery = Type.Object({
  queue: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
  channel: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  token: Type.Optional(Type.String({ maxLength: 512 })),
});

export function liveRoutes(
  app: FastifyInstance,
  deps: { tokens: TokenStore; live: LiveService; broadcaster: Broadcaster; board: () => Promise<BoardConfig>; allowedOrigins: string[] },
): void {
  const viewer = requireRole(deps.tokens, 'viewer');
  const sameOrigin = checkOrigin(deps.allowedOrigins);

  app.get('/v1/live', { schema: { querystring: LiveQuery }, preHandler: viewer }, async (req) => {
    const q = req.query as { queue?: string; channel?: string };
    return filterSnapshot(await deps.live.snapshot(), q.queue, q.channel);
  });

  app.get('/v1/live/trend', { schema: { querystring: LiveQuery }, preHandler: viewer }, async () => deps.live.trend());

  app.get('/v1/board/config', { schema: { querystring: LiveQuery }, preHandler: viewer }, async () => deps.board());

  app.get('/v1/live/stream', { websocket: true, schema: { querystring: LiveQuery }, onRequest: sameOrigin, preHandler: viewer }, (socket, req) => {
    const q = req.query as { queue?: string; channel?: string };
    socket.on('message', () => {
      /* the stream is one-way; client messages are ignored */
    });
    void deps.broadcaster.add({ socket, queue: q.queue, channel: q.channel });
  });
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

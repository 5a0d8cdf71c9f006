// GET /v1/live and WebSocket /v1/live/stream (SPEC §3), for the viewer role and up.
import type { FastifyInstance } from 'fastify';
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
  deps: { tokens: TokenStore; live: LiveService; broadcaster: Broadcaster; board: () => Promise<BoardConfig> },
): void {
  const viewer = requireRole(deps.tokens, 'viewer');

  app.get('/v1/live', { schema: { querystring: LiveQuery }, preHandler: viewer }, async (req) => {
    const q = req.query as { queue?: string; channel?: string };
    return filterSnapshot(await deps.live.snapshot(), q.queue, q.channel);
  });

  app.get('/v1/live/trend', { schema: { querystring: LiveQuery }, preHandler: viewer }, async () => deps.live.trend());

  app.get('/v1/board/config', { schema: { querystring: LiveQuery }, preHandler: viewer }, async () => deps.board());

  app.get('/v1/live/stream', { websocket: true, schema: { querystring: LiveQuery }, preHandler: viewer }, (socket, req) => {
    const q = req.query as { queue?: string; channel?: string };
    socket.on('message', () => {
      /* the stream is one-way; client messages are ignored */
    });
    void deps.broadcaster.add({ socket, queue: q.queue, channel: q.channel });
  });
}

// Serves the built wall-board (packages/wallboard/dist) at /, with index.html for client routes.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export const DEFAULT_WALLBOARD_DIR = fileURLToPath(new URL('../../../wallboard/dist/', import.meta.url));

export async function staticRoutes(app: FastifyInstance, dir: string): Promise<void> {
  if (!existsSync(`${dir}/index.html`)) {
    app.get('/', async (_req, reply) =>
      reply.code(503).type('text/plain').send(`The wall-board is not built (${dir}); run: pnpm build`),
    );
    return;
  }
  await app.register(fastifyStatic, { root: dir, wildcard: false });
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/v1/') && req.headers.accept?.includes('text/html')) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}` });
  });
}

// Serves the built wall-board (packages/wallboard/dist) at /, with index.html for client routes.
// Files are looked up on disk per request, never listed once at start: a wall-board rebuilt while the server
// runs (new asset names) is served at once. The pages (*.html) are never cached by browsers, so a reload gets
// the current one; the hashed assets under assets/ never change and are cached for good.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

export const DEFAULT_WALLBOARD_DIR = fileURLToPath(new URL('../../../wallboard/dist/', import.meta.url));

const PAGE_CACHE = 'no-cache';
const ASSET_CACHE = 'public, max-age=31536000, immutable';

export async function staticRoutes(app: FastifyInstance, dir: string): Promise<void> {
  const notBuilt = (reply: FastifyReply) =>
    reply.code(503).header('retry-after', '10').type('text/plain').send(`The wall-board is not built (${dir}); run: pnpm build`);
  await app.register(fastifyStatic, {
    root: dir,
    wildcard: true,
    cacheControl: false,
    setHeaders: (reply, path) => void reply.header('cache-control', path.endsWith('.html') ? PAGE_CACHE : ASSET_CACHE),
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.method === 'GET' && !req.url.startsWith('/v1/') && (req.url === '/' || req.headers.accept?.includes('text/html'))) {
      if (!existsSync(join(dir, 'index.html'))) return notBuilt(reply);
      return reply.header('cache-control', PAGE_CACHE).sendFile('index.html');
    }
    return reply.code(404).send({ error: `no route ${req.method} ${req.url.split('?')[0]}` });
  });
}

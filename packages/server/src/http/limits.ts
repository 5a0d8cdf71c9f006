// Rate limits per token (SPEC: 429 with Retry-After), counted in Redis so they hold across instances.
// Health and metrics endpoints are not limited.
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.ts';
import type { TokenStore } from '../auth/tokens.ts';

const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

function bearer(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  const m = h ? /^Bearer\s+(.+)$/i.exec(h) : null;
  if (m) return m[1].trim();
  const q = (req.query as Record<string, unknown> | undefined)?.token;
  return typeof q === 'string' ? q : null;
}

export async function rateLimits(app: FastifyInstance, deps: { redis: Redis; config: Config; tokens: TokenStore }): Promise<void> {
  const { config } = deps;
  if (!config.rateLimit.enabled) return;
  await app.register(rateLimit, {
    global: true,
    redis: deps.redis,
    nameSpace: `${config.redis.prefix}rl:`,
    timeWindow: 60_000,
    skipOnError: true,
    allowList: (req) => UNLIMITED.has(req.url.split('?')[0]),
    keyGenerator: (req) => {
      const token = bearer(req);
      if (!token) return `ip:${req.ip}`;
      const role = deps.tokens.verify(token)?.role ?? 'unknown';
      return `${role}:${createHash('sha256').update(token).digest('hex').slice(0, 24)}`;
    },
    max: (_req, key) => (key.startsWith('ingest:') ? config.rateLimit.ingestPerMinute : config.rateLimit.readPerMinute),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      message: `rate limit of ${ctx.max} requests per minute exceeded for this token; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  });
}

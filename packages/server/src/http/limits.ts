// Rate limits (SPEC: 429 with Retry-After), counted in Redis so they hold across instances: per known
// token; per client address for requests without a token; and per client address for requests with a
// token that is not one of ours (guesses), on a small budget of their own. Keys are bounded by the
// configured tokens and the client addresses: a guess never makes a key of its own.
// Health and metrics endpoints are not limited. Also the server's timeouts for receiving requests.
import type { Socket } from 'node:net';
import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import type { Config } from '../config/schema.ts';
import { presentsCredentials, tokenOf, type TokenStore } from '../auth/tokens.ts';

const UNLIMITED = new Set(['/healthz', '/readyz', '/metrics']);

/** The bucket a request counts in: `<role>:<hash of its token>`, `ip:<address>` without one, `bad:<address>` for an unknown one. */
export function limitKey(req: FastifyRequest, tokens: TokenStore): string {
  if (!presentsCredentials(req)) return `ip:${req.ip}`;
  const q = (req.query as Record<string, unknown> | undefined)?.token;
  const token = tokenOf(req) ?? (typeof q === 'string' ? q : null);
  const p = token ? tokens.verify(token) : null;
  if (!token || !p) return `bad:${req.ip}`;
  return `${p.role}:${createHash('sha256').update(token).digest('hex').slice(0, 24)}`;
}

export async function rateLimits(app: FastifyInstance, deps: { redis: Redis; config: Config; tokens: TokenStore }): Promise<void> {
  const { config } = deps;
  if (!config.rateLimit.enabled) return;
  const { ingestPerMinute, readPerMinute, badTokenPerMinute } = config.rateLimit;
  await app.register(rateLimit, {
    // not the plugin's per-route hooks: they run after a route's own onRequest hooks, so a request refused
    // by authentication (onRequest, before its body) would never be counted. One global hook instead,
    // which runs before every route's hooks; routes with a budget of their own keep the plugin's.
    global: false,
    redis: deps.redis,
    nameSpace: `${config.redis.prefix}rl:`,
    timeWindow: 60_000,
    skipOnError: true,
    allowList: (req) => UNLIMITED.has(req.url.split('?')[0]!), // split returns at least one part
    keyGenerator: (req) => limitKey(req, deps.tokens),
    max: (_req, key) => (key.startsWith('bad:') ? badTokenPerMinute : key.startsWith('ingest:') ? ingestPerMinute : readPerMinute),
    errorResponseBuilder: (req, ctx) => ({
      statusCode: 429,
      message: limitKey(req, deps.tokens).startsWith('bad:')
        ? `too many requests with unknown tokens from this address: at most ${ctx.max} per minute; retry in ${Math.ceil(ctx.ttl / 1000)} s`
        : `rate limit of ${ctx.max} requests per minute exceeded for this token; retry in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  });
  const limit = app.rateLimit();
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.config?.rateLimit != null) return; // counted by its own route hook
    await limit.call(app, req, reply);
  });
}

/**
 * Fastify options that bound how long a client may take to send a request (SPEC: slow bodies must not
 * hold the server): past `http.requestTimeoutMs` it is answered 408 and its connection closed; a
 * connection idle for `http.idleTimeoutMs` is closed. Node checks unfinished requests every
 * `connectionsCheckingInterval`, here a tenth of the timeout (0.1 s to 5 s).
 */
export function serverTimeouts(config: Config) {
  const { requestTimeoutMs, idleTimeoutMs } = config.http;
  const seconds = requestTimeoutMs / 1000;
  return {
    requestTimeout: requestTimeoutMs,
    connectionTimeout: idleTimeoutMs,
    http: {
      connectionsCheckingInterval: Math.min(5000, Math.max(100, Math.floor(requestTimeoutMs / 10))),
      headersTimeout: Math.min(60_000, requestTimeoutMs),
    },
    clientErrorHandler(err: Error & { code?: string }, socket: Socket) {
      if (err.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, reason, error] =
        err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', `the request was not received within ${seconds} s (http.requestTimeoutMs); the connection is closed`]
          : err.code === 'HPE_HEADER_OVERFLOW'
            ? [431, 'Request Header Fields Too Large', 'the request headers are too large']
            : [400, 'Bad Request', 'the request is not valid HTTP'];
      const body = JSON.stringify({ error });
      // a response already under way on this socket is not interleaved with another
      const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
      if (socket.writable && !inFlight?.headersSent) {
        socket.write(
          `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
        );
      }
      socket.destroy(err);
    },
  };
}

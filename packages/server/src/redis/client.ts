// Redis connections. Blocking stream reads and pub/sub each need a connection of their own.
import { Redis, ReplyError, type Command } from 'ioredis';
import type { Logger } from 'pino';
import { defineScripts, type PulseRedis } from './scripts.ts';

/**
 * Redis could not answer a command: the connection is down or reconnecting, the command timed out, or
 * Redis answered that it cannot serve now (loading its data, out of memory, read-only replica…). Every
 * such failure of a `commands` connection is turned into this one class where the command fails (see
 * `connectRedis`), so the HTTP layer maps it to 503 with Retry-After by class, never by error text.
 */
export class RedisUnavailableError extends Error {
  override readonly name = 'RedisUnavailableError';
  readonly statusCode = 503;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Error codes of replies by which Redis says it cannot serve now, rather than that the command is wrong
 * (the first word of a reply error is its code: https://redis.io/docs/latest/develop/reference/protocol-spec/#simple-errors).
 */
const UNAVAILABLE_REPLIES = new Set(['LOADING', 'BUSY', 'MASTERDOWN', 'READONLY', 'TRYAGAIN', 'CLUSTERDOWN', 'OOM', 'MISCONF', 'NOREPLICAS']);

/** The failure of one command on a `commands` connection, as the rest of the server sees it. */
function classify(err: unknown, name: string, status: string): unknown {
  if (err instanceof RedisUnavailableError) return err;
  if (err instanceof ReplyError) {
    const code = String((err as Error).message).split(' ', 1)[0]!;
    return UNAVAILABLE_REPLIES.has(code) ? new RedisUnavailableError(`redis cannot serve now (${code})`, { cause: err }) : err;
  }
  // Anything else is ioredis failing to get an answer at all: not writable while (re)connecting,
  // `Command timed out`, the connection closed with the command in flight, retries exhausted.
  const why = err instanceof Error ? err.message : String(err);
  return new RedisUnavailableError(`redis is unavailable (connection ${name}: ${status}; ${why})`, { cause: err });
}

export type RedisKind = 'commands' | 'blocking' | 'subscriber';

export interface RedisOptions {
  /** `commands` connections: a command with no answer within this many ms fails, and the connection is renewed */
  commandTimeoutMs?: number;
}

/** Default `commandTimeoutMs`: below 1 s so a client sees 503 within a second even when Redis hangs. */
export const DEFAULT_COMMAND_TIMEOUT_MS = 750;

/**
 * `blocking` connections (stream reads) and the `subscriber` wait out outages: their commands stay
 * queued while ioredis reconnects. `commands` connections fail fast, so callers can answer 503 at once:
 * no offline queue once first connected (a command sent while the connection is not ready fails at once;
 * before that, commands wait for the first connection within their timeout), no re-sending of
 * commands that were in flight when the connection dropped (`maxRetriesPerRequest: 0`), and a timeout
 * on every command. A command that times out also renews the connection: a Redis that hangs, or a
 * network that drops packets, then looks like one that is down (the connection is not `ready` until
 * Redis answers again, so requests are refused at once instead of each waiting out its own timeout,
 * and autopipelined commands queued behind a hung pipeline are not held for one timeout after another).
 * Their failures are `RedisUnavailableError` unless Redis itself answered with an error.
 * The subscriber skips ioredis's ready check: SUBSCRIBE may be sent while the connection is still being
 * set up, and the check's INFO would then be refused in subscriber mode, tearing the connection down and
 * failing the subscription (seen under load at start).
 */
export function connectRedis(url: string, log: Logger, name: string, kind: RedisKind = 'commands', opts: RedisOptions = {}): PulseRedis {
  const blocking = kind !== 'commands';
  const redis = new Redis(url, {
    connectionName: `pulse-${name}`,
    maxRetriesPerRequest: blocking ? null : 0,
    enableAutoPipelining: !blocking,
    enableReadyCheck: kind !== 'subscriber',
    // commands connections: only until first ready (so a new connection can be used at once); see below
    enableOfflineQueue: true,
    lazyConnect: false,
  });
  if (!blocking) {
    redis.once('ready', () => {
      redis.options.enableOfflineQueue = false;
    });
    const timeoutMs = opts.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
    const renew = () => {
      if (redis.status !== 'ready') return;
      log.warn({ connection: name, timeoutMs }, 'redis did not answer in time: renewing the connection');
      // as if the connection were lost (disconnect() would wait up to 2 s for a hung peer to close it)
      redis.stream.destroy();
    };
    // Every command, autopipelined or not, goes through sendCommand: its timeout and the class of its
    // failure are set there, in one place. (This is ioredis's `commandTimeout`, with the check below.)
    const send = redis.sendCommand.bind(redis) as (c: Command, ...r: unknown[]) => unknown;
    redis.sendCommand = (command: Command, ...rest: unknown[]) => {
      const { resolve, reject } = command;
      let settled = false;
      const timer = setTimeout(
        // decided after this turn's I/O: a reply that arrived while the event loop was busy is no timeout
        () =>
          setImmediate(() => {
            if (settled) return;
            command.reject(new RedisUnavailableError(`redis did not answer within ${timeoutMs} ms (connection ${name})`));
            renew();
          }),
        timeoutMs,
      );
      timer.unref();
      command.resolve = (value: unknown) => {
        settled = true;
        clearTimeout(timer);
        resolve(value);
      };
      command.reject = (err: Error) => {
        settled = true;
        clearTimeout(timer);
        reject(classify(err, name, redis.status) as Error);
      };
      return send(command, ...rest);
    };
  }
  let lastError = '';
  redis.on('error', (e: Error) => {
    if (e.message !== lastError) log.warn({ err: e.message, connection: name }, 'redis connection error');
    lastError = e.message;
  });
  redis.on('ready', () => {
    if (lastError) log.info({ connection: name }, 'redis connection restored');
    lastError = '';
  });
  return defineScripts(redis);
}

/** Whether a connection can take commands now (ioredis status `ready`). */
export function isReady(redis: Redis): boolean {
  return redis.status === 'ready';
}

/** Throws `RedisUnavailableError` unless the connection is ready: the check before work that needs Redis. */
export function assertReady(redis: Redis, what = 'redis'): void {
  if (redis.status !== 'ready') throw new RedisUnavailableError(`${what} is unavailable (connection ${redis.status})`);
}

/** Resolves once the connection is ready (a `commands` connection has no offline queue to wait in). */
export function whenReady(redis: Redis, timeoutMs: number): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = (err?: Error) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      redis.off('end', onEnd);
      if (err) reject(err);
      else resolve();
    };
    const onReady = () => done();
    const onEnd = () => done(new RedisUnavailableError('redis connection ended before it was ready'));
    const timer = setTimeout(() => done(new RedisUnavailableError(`redis was not ready within ${timeoutMs} ms (connection ${redis.status})`)), timeoutMs);
    redis.on('ready', onReady);
    redis.on('end', onEnd);
  });
}

/** The readiness check of one connection: 'ok', or why not — never slower than the command timeout. */
export async function checkRedis(redis: Redis): Promise<string> {
  if (redis.status !== 'ready') return `unavailable (connection ${redis.status})`;
  try {
    await redis.ping();
    return 'ok';
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

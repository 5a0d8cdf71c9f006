// Redis connections. Blocking stream reads and pub/sub each need a connection of their own.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { defineScripts, type PulseRedis } from './scripts.ts';

/**
 * `blocking` connections (stream reads) and the `subscriber` wait out outages; `commands` connections
 * fail fast so callers can answer 503. The subscriber skips ioredis's ready check: SUBSCRIBE may be
 * sent while the connection is still being set up, and the check's INFO would then be refused in
 * subscriber mode, tearing the connection down and failing the subscription (seen under load at start).
 */
export function connectRedis(url: string, log: Logger, name: string, kind: 'commands' | 'blocking' | 'subscriber' = 'commands'): PulseRedis {
  const blocking = kind !== 'commands';
  const redis = new Redis(url, {
    connectionName: `pulse-${name}`,
    maxRetriesPerRequest: blocking ? null : 2,
    enableAutoPipelining: !blocking,
    enableReadyCheck: kind !== 'subscriber',
    enableOfflineQueue: true,
    lazyConnect: false,
  });
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

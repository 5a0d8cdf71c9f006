// Redis connections. Blocking stream reads and pub/sub each need a connection of their own.
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { defineScripts, type PulseRedis } from './scripts.ts';

/** `blocking` connections (stream reads, subscriptions) wait out outages; others fail fast so callers can answer 503. */
export function connectRedis(url: string, log: Logger, name: string, blocking = false): PulseRedis {
  const redis = new Redis(url, {
    connectionName: `pulse-${name}`,
    maxRetriesPerRequest: blocking ? null : 2,
    enableAutoPipelining: !blocking,
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

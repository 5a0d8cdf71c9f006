// What Redis's own persistence promises for a 202 (docs/operations.md, "Redis persistence"). A 202 is
// durable against a kill of redis-server only with AOF fsynced before each reply (`appendfsync always`):
// with `everysec`, Redis answers while a write waits behind a slow fsync (up to 2 s), and a kill then
// loses events that were already answered 202. Checked once at start and logged; never refused, since a
// managed Redis may not let us read its settings, and persistence is the operator's choice.
import type { Logger } from 'pino';
import type { PulseRedis } from './scripts.ts';

export interface Persistence {
  /** whether a kill of redis-server keeps every event that was answered 202 */
  durable: boolean;
  /** the settings read, e.g. `appendonly yes, appendfsync always`; null when Redis would not say */
  settings: string | null;
  /** what an operator should know, in one sentence */
  note: string;
}

/** Reads `appendonly` and `appendfsync` (CONFIG GET); a Redis that refuses CONFIG is reported as unknown. */
export async function readPersistence(redis: PulseRedis): Promise<Persistence> {
  let pairs: string[];
  try {
    pairs = [...((await redis.config('GET', 'appendonly')) as string[]), ...((await redis.config('GET', 'appendfsync')) as string[])];
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    return {
      durable: false,
      settings: null,
      note: `could not read Redis's persistence settings (${why}); a 202 is durable only with appendonly yes and appendfsync always`,
    };
  }
  const value = (name: string) => pairs[pairs.indexOf(name) + 1] ?? 'unknown';
  const appendonly = value('appendonly');
  const appendfsync = value('appendfsync');
  const settings = `appendonly ${appendonly}, appendfsync ${appendfsync}`;
  if (appendonly !== 'yes') {
    return {
      durable: false,
      settings,
      note: 'Redis keeps no append-only file: a restart of redis-server loses every event not yet in history and all live state',
    };
  }
  if (appendfsync !== 'always') {
    return {
      durable: false,
      settings,
      note: `Redis fsyncs its append-only file "${appendfsync}", not before each reply: a kill of redis-server may lose events answered 202 in the last seconds; set appendfsync always`,
    };
  }
  return { durable: true, settings, note: 'every event answered 202 is fsynced to the append-only file first' };
}

/** Logs the persistence at start: info when durable, a warning naming the setting otherwise. */
export async function reportPersistence(redis: PulseRedis, log: Logger): Promise<Persistence> {
  const p = await readPersistence(redis);
  if (p.durable) log.info({ redis: p.settings }, p.note);
  else log.warn({ redis: p.settings }, p.note);
  return p;
}

// Time alone changes SLA state: a target becomes at risk or breached at its moment even when no event
// arrives. Every second this looks up the due-time index (sorted sets scored by those moments, read through
// the live-state reader that snapshots and alert rules read with) for any moment passed since the last look,
// and if so tells the listener, so boards and alerts see it at once. It also drops breach records older
// than the longest window.
import { OVERALL, scopeSetKey, scopeSetPattern } from '@pulse/metrics';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { RedisStateReader } from './reader.ts';

const KEEP_BREACHES_MS = 2 * 24 * 3600_000;

/** What hears that an SLA moment passed (pubsub/fan-out.ts). */
export interface MomentListener {
  moment(): void;
}

export interface SlaTickerDeps {
  reader: Pick<RedisStateReader, 'zcountAfter'>;
  /** whether Redis is reachable, and where old breach records are trimmed */
  redis: Redis;
  /** the live-state prefix, for the trim's scan */
  livePrefix: string;
  listener: MomentListener;
  log: Logger;
  intervalMs?: number;
}

export class SlaTicker {
  private timer: NodeJS.Timeout | null = null;
  private last = Date.now();
  private lastTrim = 0;

  constructor(private readonly deps: SlaTickerDeps) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.deps.intervalMs ?? 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Whether a moment passed since the last tick (the listener was told). */
  async tick(now = Date.now()): Promise<boolean> {
    if (this.deps.redis.status !== 'ready') return false; // Redis unreachable: the first tick after it covers the gap
    const from = this.last;
    this.last = now;
    try {
      const { reader } = this.deps;
      const [due, risk] = await Promise.all([
        reader.zcountAfter(scopeSetKey('sladue', OVERALL), from, now),
        reader.zcountAfter(scopeSetKey('slarisk', OVERALL), from, now),
      ]);
      if (now - this.lastTrim > 60_000) {
        this.lastTrim = now;
        await this.trim(now);
      }
      if (due + risk > 0) {
        this.deps.listener.moment();
        return true;
      }
    } catch (e) {
      this.deps.log.warn({ err: (e as Error).message }, 'SLA tick failed');
    }
    return false;
  }

  private async trim(now: number): Promise<void> {
    const { redis, livePrefix } = this.deps;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', livePrefix + scopeSetPattern('slabreach'), 'COUNT', 500);
      cursor = next;
      await Promise.all(keys.map((k) => redis.zremrangebyscore(k, '-inf', `(${now - KEEP_BREACHES_MS}`)));
    } while (cursor !== '0');
  }
}

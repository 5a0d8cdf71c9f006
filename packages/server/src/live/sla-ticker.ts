// Time alone changes SLA state: a target becomes at risk or breached at its moment even when no event
// arrives. Every second this looks up the due-time index (sorted sets scored by those moments) for any
// moment passed since the last look, and if so announces a change so boards and alerts see it at once.
// It also drops breach records older than the longest window.
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { OVERALL, scopeSetKey, scopeSetPattern } from '@pulse/metrics';

const KEEP_BREACHES_MS = 2 * 24 * 3600_000;

export class SlaTicker {
  private timer: NodeJS.Timeout | null = null;
  private last = Date.now();
  private lastTrim = 0;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onMoment: () => void,
    private readonly log: Logger,
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async tick(now = Date.now()): Promise<boolean> {
    if (this.redis.status !== 'ready') return false; // Redis unreachable: the first tick after it covers the gap
    const from = `(${this.last}`;
    this.last = now;
    try {
      const [due, risk] = await Promise.all([
        this.redis.zcount(this.prefix + scopeSetKey('sladue', OVERALL), from, now),
        this.redis.zcount(this.prefix + scopeSetKey('slarisk', OVERALL), from, now),
      ]);
      if (now - this.lastTrim > 60_000) {
        this.lastTrim = now;
        await this.trim(now);
      }
      if (due + risk > 0) {
        this.onMoment();
        return true;
      }
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'SLA tick failed');
    }
    return false;
  }

  private async trim(now: number): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', this.prefix + scopeSetPattern('slabreach'), 'COUNT', 500);
      cursor = next;
      await Promise.all(keys.map((k) => this.redis.zremrangebyscore(k, '-inf', `(${now - KEEP_BREACHES_MS}`)));
    } while (cursor !== '0');
  }
}

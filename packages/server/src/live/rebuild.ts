// Live state rebuilt from history when Redis comes back empty (its data lost). A marker key says the live
// state is complete; without it, the instance holding the rebuild lock replays recent events from
// ClickHouse into the live state. Meanwhile live consumers hold their batches (so no item is derived from
// part of its events) and snapshots say `rebuilding`; rebuilt items emit no history facts (history has them).
import type { ClickHouseClient } from '@clickhouse/client';
import type { PulseEvent } from '@pulse/contracts';
import { groupByItem, LIVE_MARKER } from '@pulse/metrics';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { sql } from '../history/sql.ts';
import type { LiveApplier } from './applier.ts';

const LOCK_TTL_MS = 60_000;

export class Rebuilder {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  rebuilds = 0;

  constructor(
    private readonly redis: Redis,
    private readonly livePrefix: string,
    private readonly history: ClickHouseClient | null,
    private readonly applier: LiveApplier | null,
    private readonly instance: string,
    private readonly opts: { days: number /** the live state changed (rebuild started or done) */; onDone: () => void },
    private readonly log: Logger,
  ) {}

  readonly markerKey = () => this.livePrefix + LIVE_MARKER.complete;
  readonly flagKey = () => this.livePrefix + LIVE_MARKER.rebuilding;

  async isRebuilding(): Promise<boolean> {
    return (await this.redis.exists(this.flagKey())) === 1;
  }

  /** Checks now, then every few seconds (Redis may be replaced while we run). */
  async start(intervalMs = 3000): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async check(): Promise<void> {
    if (this.running) return this.running;
    this.running = this.maybeRebuild()
      .catch((e: Error) => this.log.error({ err: e }, 'live state rebuild failed; will retry'))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async maybeRebuild(): Promise<void> {
    if (this.redis.status !== 'ready') return; // Redis unreachable: checked again once it is back
    if ((await this.redis.exists(this.markerKey())) === 1) return;
    if (!this.history || !this.applier) return; // an instance with history and live workers will do it
    const lock = this.livePrefix + LIVE_MARKER['rebuild-lock'];
    if ((await this.redis.set(lock, this.instance, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') return;
    const started = Date.now();
    try {
      await this.redis.set(this.flagKey(), String(started), 'PX', LOCK_TTL_MS * 10);
      this.opts.onDone(); // boards learn at once that the figures are being rebuilt
      const rs = await this.history.query({
        query: sql('rebuild_events'),
        query_params: { since_ms: started - this.opts.days * 86_400_000 },
        format: 'JSONEachRow',
      });
      const events = (await rs.json<{ payload: string }>()).map((r) => JSON.parse(r.payload) as PulseEvent);
      const items = [...groupByItem(events).values()];
      for (let i = 0; i < items.length; i += 200) {
        await this.applier!.applyItems(
          items.slice(i, i + 200).map(({ ref, events: evs }) => ({ ref, incoming: evs })),
          { facts: false },
        );
        await this.redis.pexpire(lock, LOCK_TTL_MS);
      }
      await this.redis.set(this.markerKey(), String(Date.now()));
      this.rebuilds++;
      this.log.info({ events: events.length, items: items.length, ms: Date.now() - started }, 'live state rebuilt from history');
    } finally {
      await this.redis.del(this.flagKey());
      await this.redis.del(lock);
      this.opts.onDone();
    }
  }
}

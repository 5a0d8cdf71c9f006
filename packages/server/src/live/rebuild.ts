// Live state rebuilt from history when Redis comes back empty (its data lost). A marker key says the live
// state is complete; without it, the instance holding the rebuild lock replays recent events from
// ClickHouse into the live state. Meanwhile live consumers hold their batches (so no item is derived from
// part of its events) and snapshots say `rebuilding` (both read the flag: rebuild-flag.ts); rebuilt items
// emit no history facts (history has them).
import type { ClickHouseClient } from '@clickhouse/client';
import type { PulseEvent } from '@pulse/contracts';
import { groupByItem, LIVE_MARKER } from '@pulse/metrics';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { sql } from '../history/sql.ts';
import type { Publisher } from '../pubsub/bus.ts';
import type { LiveApplier } from './applier.ts';
import type { RebuildFlag } from './rebuild-flag.ts';

const LOCK_TTL_MS = 60_000;

export interface RebuildDeps {
  redis: Redis;
  livePrefix: string;
  flag: RebuildFlag;
  /** where the events are replayed from; without it (or without `applier`) another instance rebuilds */
  history: ClickHouseClient | null;
  applier: LiveApplier | null;
  /** who holds the rebuild lock */
  instance: string;
  /** days of events replayed */
  days: number;
  /** told when a rebuild starts and when it is done: live state changed */
  bus: Publisher;
  log: Logger;
}

export class Rebuilder {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  rebuilds = 0;
  private readonly markerKey: string;

  constructor(private readonly deps: RebuildDeps) {
    this.markerKey = deps.livePrefix + LIVE_MARKER.complete;
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
      .catch((e: Error) => this.deps.log.error({ err: e }, 'live state rebuild failed; will retry'))
      .finally(() => (this.running = null));
    return this.running;
  }

  /** Boards learn at once that the figures are being rebuilt, and again when they are. */
  private announce(): void {
    this.deps.bus
      .publish('live.changed', { items: 0, at: Date.now() })
      .catch((e: Error) => this.deps.log.warn({ err: e.message }, 'could not announce the rebuild'));
  }

  private async maybeRebuild(): Promise<void> {
    const { redis, history, applier, flag } = this.deps;
    if (redis.status !== 'ready') return; // Redis unreachable: checked again once it is back
    if ((await redis.exists(this.markerKey)) === 1) return;
    if (!history || !applier) return; // an instance with history and live workers will do it
    const lock = this.deps.livePrefix + LIVE_MARKER['rebuild-lock'];
    if ((await redis.set(lock, this.deps.instance, 'PX', LOCK_TTL_MS, 'NX')) !== 'OK') return;
    const started = Date.now();
    try {
      await redis.set(flag.key, String(started), 'PX', LOCK_TTL_MS * 10);
      this.announce();
      const rs = await history.query({
        query: sql('rebuild_events'),
        query_params: { since_ms: started - this.deps.days * 86_400_000 },
        format: 'JSONEachRow',
      });
      const events = (await rs.json<{ payload: string }>()).map((r) => JSON.parse(r.payload) as PulseEvent);
      const items = [...groupByItem(events).values()];
      for (let i = 0; i < items.length; i += 200) {
        await applier.applyItems(
          items.slice(i, i + 200).map(({ ref, events: evs }) => ({ ref, incoming: evs })),
          { facts: false },
        );
        await redis.pexpire(lock, LOCK_TTL_MS);
      }
      await redis.set(this.markerKey, String(Date.now()));
      this.rebuilds++;
      this.deps.log.info({ events: events.length, items: items.length, ms: Date.now() - started }, 'live state rebuilt from history');
    } finally {
      await redis.del(flag.key);
      await redis.del(lock);
      this.announce();
    }
  }
}

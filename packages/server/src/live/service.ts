// Snapshots of the live state, as `GET /v1/live` and the WebSocket serve them.
import type { Snapshot } from '@pulse/contracts';
import { buildSnapshot, buildTrend, loadView, type Trend } from '@pulse/metrics';
import type { Redis } from 'ioredis';
import { RedisStateReader } from './reader.ts';

export class LiveService {
  private readonly reader: RedisStateReader;

  constructor(
    redis: Redis,
    prefix: string,
    private readonly timeZone: string,
    private readonly queues: string[],
  ) {
    this.reader = new RedisStateReader(redis, prefix);
  }

  async snapshot(now = Date.now()): Promise<Snapshot> {
    return buildSnapshot(await loadView(this.reader, now, this.timeZone, this.queues));
  }

  async trend(now = Date.now()): Promise<Trend> {
    return buildTrend(await loadView(this.reader, now, this.timeZone, this.queues));
  }
}

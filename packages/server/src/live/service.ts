// Snapshots of the live state, as `GET /v1/live` and the WebSocket serve them.
import type { Alert, Snapshot } from '@pulse/contracts';
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

  private alerts: () => Promise<Alert[]> = async () => [];

  /** Where the snapshot's active alerts come from. */
  withAlerts(source: () => Promise<Alert[]>): void {
    this.alerts = source;
  }

  private rebuilding: () => Promise<boolean> = async () => false;

  withStatus(rebuilding: () => Promise<boolean>): void {
    this.rebuilding = rebuilding;
  }

  /** The snapshot of the live state, with the active alerts and whether it is being rebuilt. */
  async snapshot(now = Date.now()): Promise<Snapshot> {
    const [snap, alerts, rebuilding] = await Promise.all([this.metrics(now), this.alerts(), this.rebuilding()]);
    return rebuilding ? { ...snap, alerts, rebuilding: true } : { ...snap, alerts };
  }

  /** The snapshot of the live state without alerts (what the alert rules read). */
  async metrics(now = Date.now()): Promise<Snapshot> {
    return buildSnapshot(await loadView(this.reader, now, this.timeZone, this.queues));
  }

  async trend(now = Date.now()): Promise<Trend> {
    return buildTrend(await loadView(this.reader, now, this.timeZone, this.queues));
  }
}

// An alert change (fired, escalated, acknowledged, resolved) and where it goes: the notification outbox
// (grouped and delivered by the leader), the alert log stream (history in ClickHouse), and the boards.
import type { Alert } from '@pulse/contracts';
import type { Redis } from 'ioredis';

export type AlertEvent = 'firing' | 'escalated' | 'acknowledged' | 'resolved' | 'updated';

export interface AlertChange {
  event: AlertEvent;
  at: number;
  alert: Alert;
}

/** Events that are delivered to the configured channels (SPEC §4). */
export const NOTIFIED: AlertEvent[] = ['firing', 'escalated', 'resolved'];

export class AlertChanges {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly onBoardChange: () => Promise<void> | void,
  ) {}

  readonly outboxKey = () => `${this.prefix}alerts:outbox`;
  readonly logStream = () => `${this.prefix}alert-log`;

  async record(changes: AlertChange[]): Promise<void> {
    if (changes.length === 0) return;
    const multi = this.redis.multi();
    for (const c of changes) {
      const json = JSON.stringify(c);
      if (NOTIFIED.includes(c.event)) multi.rpush(this.outboxKey(), json);
      if (c.event !== 'updated') multi.xadd(this.logStream(), '*', 'c', json);
    }
    await multi.exec();
    await this.onBoardChange();
  }
}

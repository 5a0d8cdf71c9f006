// An alert change (fired, worsened, escalated, acknowledged, snoozed, resolved, superseded…) and where it goes:
// the notification outbox (grouped by queue and delivered by the leader) when it is to be delivered, the alert
// log stream (history in ClickHouse), and the boards.
import type { Alert } from '@pulse/contracts';
import type { Redis } from 'ioredis';

export type AlertEvent = 'firing' | 'worsened' | 'escalated' | 'acknowledged' | 'snoozed' | 'resolved' | 'superseded' | 'updated';

export interface AlertChange {
  event: AlertEvent;
  at: number;
  alert: Alert;
  /** to be delivered to the channels (the engine decides: not quiet, not silenced, SPEC §4 "Noise control") */
  notify?: boolean;
}

/** Events that can be delivered to the configured channels (SPEC §4). */
export const NOTIFIED: AlertEvent[] = ['firing', 'worsened', 'escalated', 'resolved'];

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
    for (const { notify, ...c } of changes) {
      const json = JSON.stringify(c);
      if (notify && NOTIFIED.includes(c.event)) multi.rpush(this.outboxKey(), json);
      if (c.event !== 'updated') multi.xadd(this.logStream(), '*', 'c', json);
    }
    await multi.exec();
    await this.onBoardChange();
  }
}

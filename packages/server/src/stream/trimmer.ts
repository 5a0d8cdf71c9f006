// Trims the instance's streams at an interval, each behind every consumer group (trim.ts).
import type { Logger } from 'pino';
import type { PulseRedis } from '../redis/scripts.ts';
import { trimStream } from './trim.ts';

export class StreamTrimmer {
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly redis: PulseRedis,
    private readonly streams: string[],
    private readonly intervalMs: number,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.trim(), this.intervalMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private trim(): void {
    if (this.redis.status !== 'ready') return; // an outage is logged once by the connection, not every interval
    for (const stream of this.streams) {
      trimStream(this.redis, stream).catch((e: Error) => this.log.warn({ err: e.message }, 'stream trim failed'));
    }
  }
}

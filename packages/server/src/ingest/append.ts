// Appends validated events to the Redis Stream with their dedup marks, in one atomic script call.
import type { PulseRedis } from '../redis/scripts.ts';
import type { Keys } from '../redis/keys.ts';

export interface AppendResult {
  accepted: number;
  duplicates: number;
}

export class Appender {
  constructor(
    private readonly redis: PulseRedis,
    private readonly keys: Keys,
    private readonly opts: { dedupTtlMs: number; maxBacklog: number },
  ) {}

  async append(events: { id: string; json: string }[], now: number): Promise<AppendResult | 'backlog-full'> {
    const args: (string | number)[] = [this.keys.seen, this.opts.dedupTtlMs, this.opts.maxBacklog, now];
    for (const e of events) args.push(e.id, e.json);
    const [ok, accepted] = await this.redis.pulseIngest(this.keys.stream, ...args);
    if (ok === 0) return 'backlog-full';
    return { accepted: accepted!, duplicates: events.length - accepted! };
  }
}

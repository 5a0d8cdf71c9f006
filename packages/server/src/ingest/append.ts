// Appends validated events to the Redis Stream with their dedup marks, in one atomic script call that
// first checks the stream's backlog (backpressure: docs/operations.md, "Backpressure").
import { assertReady, isReady } from '../redis/client.ts';
import type { PulseRedis } from '../redis/scripts.ts';
import { GROUPS, type Keys } from '../redis/keys.ts';

export interface AppendResult {
  accepted: number;
  duplicates: number;
}

export interface BacklogLimits {
  dedupTtlMs: number;
  /** entries held in the stream (not yet acknowledged by every group) */
  maxBacklog: number;
  /** events not yet delivered to the live group: what the board is behind by */
  maxLiveLagEvents: number;
  /** bytes of events held in the stream: what Redis holds for consumers that are behind */
  maxBacklogBytes: number;
}

/** A batch refused whole because one bound of the backlog would be passed. */
export interface BacklogFull {
  bound: 'entries' | 'events' | 'bytes';
  /** the backlog before this batch, in the bound's unit */
  backlog: number;
  limit: number;
  /** seconds a client should wait: about how long the consumers take to make room */
  retryAfterS: number;
}

const RETRY_AFTER_S: Record<BacklogFull['bound'], number> = {
  /** the live group's lag is bounded to about a second of its work */
  events: 1,
  entries: 2,
  /** bytes are held for the slowest group (history): it catches up in larger steps */
  bytes: 5,
};

/**
 * After a refusal, requests in the next REFUSAL_MEMORY_MS are refused the same way before their body is
 * read: under overload, parsing and validating batches only to refuse them would take the CPU the live
 * applier needs to catch up (the backlog drains by about 1,000 events in that time).
 */
export const REFUSAL_MEMORY_MS = 100;

export class Appender {
  private refusal: { until: number; full: BacklogFull } | null = null;

  constructor(
    private readonly redis: PulseRedis,
    private readonly keys: Keys,
    private readonly opts: BacklogLimits,
  ) {}

  /** Whether the stream can be written now (the connection to Redis is up). */
  ready(): boolean {
    return isReady(this.redis);
  }

  /** The refusal of a batch within the last REFUSAL_MEMORY_MS, if any: the next ones are refused alike, unread. */
  recentRefusal(now = Date.now()): BacklogFull | null {
    return this.refusal !== null && now < this.refusal.until ? this.refusal.full : null;
  }

  /** Appends, or says which bound refused the batch. Throws RedisUnavailableError when Redis is not reachable. */
  async appendOrRefuse(events: { id: string; json: string }[], now: number): Promise<AppendResult | BacklogFull> {
    assertReady(this.redis, 'the event stream');
    const { dedupTtlMs, maxBacklog, maxLiveLagEvents, maxBacklogBytes } = this.opts;
    const args: (string | number)[] = [this.keys.seen, dedupTtlMs, maxBacklog, now, GROUPS.live, maxLiveLagEvents, maxBacklogBytes];
    for (const e of events) args.push(e.id, e.json);
    const reply = await this.redis.pulseIngest(this.keys.stream, ...args);
    if (reply[0] === 0) {
      const [, bound, backlog] = reply;
      const limit = bound === 'entries' ? maxBacklog : bound === 'events' ? maxLiveLagEvents : maxBacklogBytes;
      const full = { bound, backlog, limit, retryAfterS: RETRY_AFTER_S[bound] };
      this.refusal = { until: Date.now() + REFUSAL_MEMORY_MS, full };
      return full;
    }
    this.refusal = null;
    const accepted = reply[1];
    return { accepted, duplicates: events.length - accepted };
  }

  async append(events: { id: string; json: string }[], now: number): Promise<AppendResult | 'backlog-full'> {
    const r = await this.appendOrRefuse(events, now);
    return 'bound' in r ? 'backlog-full' : r;
  }
}

// A member of one consumer group on the event stream: reads batches of entries, hands them to its
// handler, and acknowledges them only once the handler has succeeded. Its own pending entries are
// retried first (after a crash or a handler failure), and entries idle too long at a dead consumer
// are claimed. Each read is the same batch on a retry, so a handler's dedup token stays valid.
import type { Logger } from 'pino';
import type { PulseEvent } from '@pulse/contracts';
import type { PulseRedis } from '../redis/scripts.ts';

export interface StreamEntry {
  id: string;
  /** its events (parsed when first read: history holds entries for up to a second before it needs them) */
  readonly events: PulseEvent[];
  /** how many events it holds, without parsing them (the `n` field; absent in entries of older versions) */
  count?: number;
  receivedAt: number;
  /** the entry's raw fields, for streams of other records than events */
  fields: Record<string, string>;
  /** the length of its field values (about its size in bytes) */
  bytes: number;
}

export type EntryHandler = (entries: StreamEntry[]) => Promise<void>;

export interface ConsumerOptions {
  stream: string;
  group: string;
  consumer: string;
  count: number;
  claimIdleMs: number;
  blockMs?: number;
  /**
   * The size of a batch of new entries, in events or in bytes: reads are sized from the mean size of
   * the entries read so far (an entry of a big ingest batch holds hundreds of events), so one batch
   * never holds the event loop, or memory, for long. At most `count` entries in any case.
   */
  batchSize?: { limit: number; unit: 'events' | 'bytes' };
  /**
   * Gather new entries for up to this long (ms) before handing them over, until the batch reaches
   * `count` entries or `batchSize`: few large inserts instead of many small ones (ClickHouse merges
   * every insert). Pending entries are handed over as they were read, so a retried batch is the same
   * batch (a consumer has one batch pending at a time, and it never exceeds `count` entries).
   */
  lingerMs?: number;
}

type RawEntry = [id: string, fields: string[]];

function toEntry([id, fields]: RawEntry): StreamEntry {
  const f: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) {
    const name = fields[i]!;
    const value = fields[i + 1];
    if (value !== undefined) f[name] = value;
  }
  let bytes = 0;
  for (let i = 1; i < fields.length; i += 2) bytes += fields[i]!.length;
  let events: PulseEvent[] | undefined;
  return {
    id,
    get events() {
      events ??= JSON.parse(f.e ?? '[]') as PulseEvent[];
      return events;
    },
    ...(f.n !== undefined ? { count: Number(f.n) } : {}),
    receivedAt: Number(f.r ?? 0),
    fields: f,
    bytes,
  };
}

export async function ensureGroup(redis: PulseRedis, stream: string, group: string): Promise<void> {
  try {
    await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
  } catch (e) {
    if (!String((e as Error).message).includes('BUSYGROUP')) throw e;
  }
}

export class StreamConsumer {
  private running = false;
  private loop: Promise<void> | null = null;
  private failures = 0;
  /** entries handled since start (for /metrics and tests) */
  handled = 0;
  /** running mean size of an entry, in the unit of `batchSize` (none before the first read, which takes one entry) */
  private perEntry = 0;
  /**
   * The error of the latest attempt while the consumer is failing (readiness reports it), null once a
   * batch goes through. Handlers throw only when they cannot go on (Redis or ClickHouse unreachable):
   * the history writers keep rows ClickHouse refuses as dead letters and succeed, so one bad row never
   * holds a group, or readiness, for good.
   */
  lastError: string | null = null;

  constructor(
    private readonly redis: PulseRedis,
    private readonly opts: ConsumerOptions,
    private readonly handler: EntryHandler,
    private readonly log: Logger,
  ) {}

  /** which consumer this is, for readiness: `<group> on <stream>` */
  get name(): string {
    return `${this.opts.group} on ${this.opts.stream}`;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    // a blocked XREADGROUP returns within blockMs; its connection is then closed by the owner
    await this.loop;
  }

  private async run(): Promise<void> {
    const { stream, group, consumer, count } = this.opts;
    let lastClaim = 0;
    while (this.running) {
      try {
        // our own pending entries first: after a crash or a failed handler
        let entries = await this.read('0', count);
        if (entries.length === 0 && Date.now() - lastClaim > this.opts.claimIdleMs / 2) {
          lastClaim = Date.now();
          entries = await this.claim();
        }
        if (entries.length === 0) entries = await this.gather();
        if (entries.length === 0) continue;
        await this.handler(entries);
        await this.redis.xack(stream, group, ...entries.map((e) => e.id));
        this.handled += entries.length;
        this.failures = 0;
        this.lastError = null;
      } catch (e) {
        if (!this.running) break;
        if (String((e as Error).message).includes('NOGROUP')) {
          // Redis came back without the stream or group (its data was lost): create them and go on
          await ensureGroup(this.redis, stream, group).catch(() => undefined);
          continue;
        }
        this.failures++;
        this.lastError = (e as Error).message;
        const delay = Math.min(30_000, 200 * 2 ** Math.min(this.failures, 8));
        this.log.warn({ group, consumer, err: this.lastError, retryInMs: delay }, 'stream consumer failed; will retry');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  /** New entries: what one blocking read returns, or what arrives within `lingerMs` of the first. */
  private async gather(): Promise<StreamEntry[]> {
    const { count, lingerMs, batchSize } = this.opts;
    const sizeOf = (e: StreamEntry) => (batchSize?.unit === 'bytes' ? e.bytes : Math.max(1, e.count ?? e.events.length));
    /** how many entries to read for `room` more of the batch's size */
    const entriesFor = (room: number, most: number) =>
      !batchSize ? most : this.perEntry === 0 ? 1 : Math.max(1, Math.min(most, Math.round(room / this.perEntry)));
    const learn = (read: StreamEntry[]) => {
      if (!batchSize || read.length === 0) return;
      const mean = Math.max(1, read.reduce((n, e) => n + sizeOf(e), 0) / read.length);
      this.perEntry = this.perEntry === 0 ? mean : 0.5 * this.perEntry + 0.5 * mean;
    };
    const limit = batchSize?.limit ?? Infinity;

    const entries = await this.read('>', entriesFor(limit, count), this.opts.blockMs ?? 1000);
    learn(entries);
    if (!lingerMs || entries.length === 0) return entries;
    const deadline = Date.now() + lingerMs;
    let size = entries.reduce((n, e) => n + sizeOf(e), 0);
    while (this.running && entries.length < count && size < limit) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      const more = await this.read('>', entriesFor(limit - size, count - entries.length), left);
      learn(more);
      for (const e of more) {
        entries.push(e);
        size += sizeOf(e);
      }
    }
    return entries;
  }

  private async read(from: string, count: number, blockMs?: number): Promise<StreamEntry[]> {
    const { stream, group, consumer } = this.opts;
    const args: (string | number)[] = ['GROUP', group, consumer, 'COUNT', count];
    if (blockMs !== undefined) args.push('BLOCK', blockMs);
    args.push('STREAMS', stream, from);
    const res = (await (this.redis.xreadgroup as (...a: unknown[]) => Promise<unknown>)(...args)) as [string, RawEntry[]][] | null;
    const entries = res?.[0]?.[1];
    if (!entries) return [];
    // pending entries that were trimmed meanwhile come back with null fields
    return entries.filter((r) => r[1] !== null).map(toEntry);
  }

  private async claim(): Promise<StreamEntry[]> {
    const { stream, group, consumer, count, claimIdleMs } = this.opts;
    const res = (await this.redis.xautoclaim(stream, group, consumer, claimIdleMs, '0', 'COUNT', count)) as [string, RawEntry[]];
    const entries = (res[1] ?? []).filter((r) => r && r[1] !== null).map(toEntry);
    if (entries.length > 0) this.log.info({ group, consumer, claimed: entries.length }, 'claimed idle entries');
    return entries;
  }
}

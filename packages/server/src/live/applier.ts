// The live-state consumer: applies each batch of events to the items they belong to. An item's events
// are kept with it, with its contributions and the state of its derivation; new events later than all of
// its events extend that derivation, others (late events) derive it again from all of its events. The
// difference is applied atomically with a version check, so duplicates are no-ops and arrival order does
// not matter.
import { own, type EventOf, type PulseEvent } from '@pulse/contracts';
import {
  CHECKPOINT_ID,
  compactAgentEvents,
  decodeContributions,
  deriveItem,
  deriveItemState,
  encodeContributions,
  eventField,
  eventIdOf,
  extendItem,
  groupByItem,
  ITEM_FIELDS,
  itemKey,
  itemName,
  type Contribution,
  type Derived,
  type DerivedState,
  type ItemRef,
  type MetricSettings,
} from '@pulse/metrics';
import type { Logger } from 'pino';
import type { PulseRedis } from '../redis/scripts.ts';
import type { StreamEntry } from '../stream/consumer.ts';
import { applyItemsArgs, type ItemWrite } from '../redis/lua/apply-items.ts';
import { itemChange } from './facts.ts';
import { ChangeCollector, type LiveChange } from './view/change.ts';
import type { ItemEventsReader } from '../history/item-events.ts';
import type { Publisher } from '../pubsub/bus.ts';
import { NEVER_REBUILDING, type RebuildStatus } from './rebuild-flag.ts';
import { TurnBudget } from '../loop/turns.ts';

const MAX_ATTEMPTS = 20;
/** items applied by one script call: small enough not to hold Redis for long, big enough that items
 * share counters (their changes to one counter are summed into one write) */
const CHUNK = 128;
/** script calls in flight at once: Redis runs one while the next is encoded and sent */
const IN_FLIGHT = 4;
/** items whose stored state is read in one round trip */
const DERIVE_SLICE = 256;

interface Prepared extends ItemWrite {
  ref: ItemRef;
  incoming: PulseEvent[];
}

/** An item's stored state as read for its change: some of its fields, or all of them (readStored). */
type StoredRead = { fields: Promise<(string | null)[]> } | { all: Promise<Record<string, string>> };

interface ApplyOptions {
  facts: boolean;
  /** when the batch was received: history's events of an item received before it were applied before it */
  receivedAt?: number;
}

/** The events that start an item: without one, an item unknown to live state is a late event's. */
const STARTS = new Set(['ticket.created', 'chat.requested']);

/**
 * The version of a change in history's fact rows: unique per item across lives of the live state (a
 * rebuild or a late event's read-back starts the Redis version again from 1, and the rows of earlier
 * changes must not be folded into the new ones by ReplacingMergeTree) and rising with each change.
 */
export const factsVersion = (redisVersion: number, now = Date.now()): number => now * 1000 + (redisVersion % 1000);

export interface LateEvents {
  /** reads back the stored events of items that have left live state (history), where there is history */
  readBack: ItemEventsReader | null;
  /** an item brought back for a late event stays at least this long (ms), so the next late event finds it */
  holdMs: number;
  /** an item that never had its first event expires this long (ms) after its last event */
  orphanMs: number;
}

export class LiveApplier {
  /** items changed since start */
  applied = 0;
  /** items whose events could not be derived (logged, skipped; never blocks the stream) */
  failed = 0;
  /** changes derived from an item's stored state rather than from all of its events */
  extended = 0;
  /** whether an event later than all of an item's events extends its stored derivation; with
   * `PULSE_LIVE_DERIVATION=full` every changed item is derived from all of its events (to compare the paths) */
  readonly incremental = process.env.PULSE_LIVE_DERIVATION !== 'full';

  constructor(
    private readonly redis: PulseRedis,
    private readonly prefix: string,
    private readonly settings: MetricSettings,
    private readonly log: Logger,
    /** told after each batch that changed anything: how many items, and what they changed (view/change.ts) */
    private readonly bus: Publisher,
    private readonly factsStream: string,
    private readonly late: LateEvents = { readBack: null, holdMs: 3600_000, orphanMs: 30 * 86_400_000 },
    /** while live state is rebuilt (live/rebuild-flag.ts), batches wait */
    private readonly rebuild: RebuildStatus = NEVER_REBUILDING,
  ) {
    this.changes = new ChangeCollector(prefix);
  }

  private onChange(items: number, change: LiveChange): Promise<void> {
    return this.bus.publish('live.changed', { items, at: Date.now(), change });
  }

  private holdWhile(): Promise<boolean> {
    return this.rebuild.isRebuilding();
  }

  /** items brought back from history for a late event (for /metrics and tests) */
  readBack = 0;

  /** what the items applied since the last notification changed, named from their operations */
  private readonly changes: ChangeCollector;

  handle = async (entries: StreamEntry[]): Promise<void> => {
    while (await this.holdWhile()) await new Promise((r) => setTimeout(r, 200));
    const groups = [...groupByItem(entries.flatMap((e) => e.events)).values()];
    const receivedAt = Math.min(...entries.map((e) => e.receivedAt || Date.now()));
    const changed = await this.applyItems(
      groups.map(({ ref, events }) => ({ ref, incoming: events })),
      { facts: true, receivedAt },
    );
    this.applied += changed;
    const change = this.changes.take();
    if (changed > 0) await this.onChange(changed, change);
  };

  /**
   * Applies new events to many items: reads them all (pipelined), derives each, and applies them in
   * chunks of one script call each; an item changed concurrently meanwhile is retried on its own.
   * Returns how many items changed.
   */
  async applyItems(items: { ref: ItemRef; incoming: PulseEvent[] }[], opts: ApplyOptions = { facts: true }): Promise<number> {
    const earlier = await this.earlierEvents(items, opts);
    let changed = 0;
    const retry: Prepared[] = [];
    // Chunks are applied as soon as they are full, while the next slices are derived: Redis runs a chunk
    // while this process derives. Chunks hold different items, so they may run in any order.
    const chunks: Prepared[][] = [];
    const running = new Set<Promise<void>>();
    let failure: { error: unknown } | null = null;
    const run = async (chunk: Prepared[]) => {
      const conflicts = await this.apply(chunk);
      if (conflicts.size === 0) {
        changed += chunk.length;
        return;
      }
      // nothing of the chunk was applied: the others go again as they are, the changed ones alone
      const others = chunk.filter((p) => !conflicts.has(p));
      if (others.length > 0) chunks.push(others);
      retry.push(...conflicts);
    };
    const pump = (): void => {
      while (failure === null && running.size < IN_FLIGHT && chunks.length > 0) {
        const task: Promise<void> = run(chunks.shift()!).then(
          () => {
            running.delete(task);
            pump();
          },
          (error: unknown) => {
            running.delete(task);
            failure ??= { error };
          },
        );
        running.add(task);
      }
    };
    let full: Prepared[] = [];
    try {
      // A slice's stored state is read in one round trip, the next slice's while this one is derived; items
      // are derived one after the other, with a turn of the event loop once 8 ms are spent (small batches
      // take none), so a slice of new items is not one long task
      const turns = new TurnBudget();
      const readSlice = (from: number) => {
        const reads = items.slice(from, from + DERIVE_SLICE).map((it) => this.readStored(it.ref, it.incoming));
        for (const r of reads) ('fields' in r ? r.fields : r.all).catch(() => undefined); // awaited in prepare
        return reads;
      };
      let reads = readSlice(0);
      for (let i = 0; i < items.length && failure === null; i += DERIVE_SLICE) {
        const current = reads;
        if (i + DERIVE_SLICE < items.length) reads = readSlice(i + DERIVE_SLICE);
        for (let j = 0; j < current.length && failure === null; j++) {
          await turns.spend();
          const it = items[i + j]!;
          const p = await this.prepare(it.ref, it.incoming, opts, earlier.get(itemKey(it.ref)), current[j]);
          if (!p) continue;
          full.push(p);
          if (full.length === CHUNK) {
            chunks.push(full);
            full = [];
            pump();
          }
        }
        pump();
      }
      if (full.length > 0) chunks.push(full);
      pump();
    } catch (error) {
      failure ??= { error };
    }
    // the chunks in flight end before the batch does (applied or not), also when it failed
    while (running.size > 0) await Promise.all(running);
    if (failure !== null) throw (failure as { error: unknown }).error;
    for (const p of retry) if (await this.applyItem(p.ref, p.incoming, opts, earlier.get(itemKey(p.ref)))) changed++;
    return changed;
  }

  /**
   * Late events: the items of this batch that live state no longer holds (or never held) and whose
   * first event is not among the new ones, with the events history has of them that were received
   * before this batch (so, applied to live state before it). Empty without history.
   */
  private async earlierEvents(items: { ref: ItemRef; incoming: PulseEvent[] }[], opts: ApplyOptions): Promise<Map<string, PulseEvent[]>> {
    const out = new Map<string, PulseEvent[]>();
    if (!this.late.readBack || !opts.facts) return out;
    const candidates = items.filter((it) => it.ref.kind !== 'agent' && !it.incoming.some((e) => STARTS.has(e.type)));
    if (candidates.length === 0) return out;
    const known = await Promise.all(candidates.map((it) => this.redis.hexists(this.prefix + itemKey(it.ref), ITEM_FIELDS.version)));
    const missing = candidates.filter((_, i) => known[i] === 0);
    if (missing.length === 0) return out;
    let stored: Awaited<ReturnType<ItemEventsReader>>;
    try {
      stored = await this.late.readBack(missing.map((it) => it.ref));
    } catch (e) {
      // history unreachable: the late events are applied on what live state has, as before
      this.log.warn({ err: (e as Error).message, items: missing.length }, 'could not read late items back from history');
      return out;
    }
    const before = opts.receivedAt ?? Date.now();
    for (const it of missing) {
      const key = itemKey(it.ref);
      const fresh = new Set(it.incoming.map((e) => e.id));
      const events = (stored.get(key) ?? []).filter((s) => s.receivedAt < before && !fresh.has(s.event.id)).map((s) => s.event);
      if (events.length > 0) out.set(key, events);
    }
    this.readBack += out.size;
    return out;
  }

  /** Applies new events to one item, retrying while others change it; returns whether anything changed. */
  async applyItem(ref: ItemRef, incoming: PulseEvent[], opts: ApplyOptions = { facts: true }, earlier?: PulseEvent[]): Promise<boolean> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const p = await this.prepare(ref, incoming, opts, earlier);
      if (!p) return false;
      if ((await this.apply([p])).size === 0) return true;
      this.log.debug({ item: p.key, attempt }, 'item changed concurrently; retrying');
    }
    throw new Error(`item ${this.prefix + itemKey(ref)}: gave up after ${MAX_ATTEMPTS} concurrent changes`);
  }

  /** Applies a chunk all or nothing; returns the items that changed meanwhile (then nothing was applied). */
  private async apply(chunk: Prepared[]): Promise<Set<Prepared>> {
    const res = await this.redis.pulseApplyItems(chunk.length + 1, ...applyItemsArgs(this.factsStream, chunk));
    if (res[0] === 1) for (const p of chunk) this.changes.add(p.ops);
    return new Set(res[0] === 1 ? [] : res.slice(1).map((i) => chunk[i - 1]!));
  }

  /**
   * What an item's change reads: for an incremental change its version, contributions and derivation
   * state, and whether each new event is stored already; agents (whose events are compacted), and every
   * item without `incremental`, are derived from all of their events and read whole.
   */
  private readStored(ref: ItemRef, incoming: PulseEvent[]): StoredRead {
    const key = this.prefix + itemKey(ref);
    if (ref.kind === 'agent' || !this.incremental) return { all: this.redis.hgetall(key) };
    return { fields: this.redis.hmget(key, ITEM_FIELDS.version, ITEM_FIELDS.contributions, ITEM_FIELDS.state, ...incoming.map((e) => eventField(e.id))) };
  }

  /**
   * Reads what an item's change needs and derives it: from the stored state of its derivation when every
   * new event is later than all of its stored ones (only its own fields are read), else from all of its
   * events (read whole). Null when nothing is new or the item cannot be derived.
   */
  private async prepare(
    ref: ItemRef,
    incoming: PulseEvent[],
    opts: ApplyOptions,
    earlier?: PulseEvent[],
    read: StoredRead = this.readStored(ref, incoming),
  ): Promise<Prepared | null> {
    const key = this.prefix + itemKey(ref);
    if ('all' in read) return this.prepareAll(ref, incoming, opts, key, incoming, earlier, read.all);
    const [version = null, contributions = null, state = null, ...present] = await read.fields;
    const fresh = incoming.filter((_, i) => present[i] === null);
    if (fresh.length === 0) return null;
    if (version !== null && contributions !== null && state !== null) {
      const oldC = decodeContributions(contributions);
      let extended: DerivedState | null = null;
      try {
        extended = extendItem(ref, state, oldC, fresh, this.settings);
      } catch (e) {
        this.log.warn({ item: key, err: e }, 'could not extend the derivation of an item; deriving it from all of its events');
      }
      if (extended !== null) {
        this.extended++;
        const lastTs = Math.max(...fresh.map((e) => e.ts));
        return this.prepared(ref, incoming, opts, key, version, { contributions, state, oldC }, extended, {
          events: fresh.map((e) => [eventField(e.id), JSON.stringify(e)]),
          remove: [],
          expireAt: this.expiry(ref, extended.derived, lastTs, false),
        });
      }
    }
    if (version === null) return this.prepareNew(ref, incoming, opts, key, fresh, earlier);
    return this.prepareAll(ref, incoming, opts, key, fresh);
  }

  /** An item live state does not hold: derived from its new events (and, brought back for a late event, the earlier ones history has). */
  private prepareNew(ref: ItemRef, incoming: PulseEvent[], opts: ApplyOptions, key: string, fresh: PulseEvent[], earlier?: PulseEvent[]): Prepared | null {
    // an item brought back from history for a late event: what it contributed then is derived from its
    // earlier events, and they are kept with it again
    let oldC: Contribution[] = [];
    const broughtBack = earlier !== undefined && earlier.length > 0;
    if (broughtBack) {
      try {
        oldC = deriveItem(ref, earlier, this.settings).contributions;
      } catch {
        oldC = [];
      }
    }
    const all = broughtBack ? [...earlier, ...fresh] : fresh;
    const derived = this.derive(key, () => deriveItemState(ref, all, this.settings));
    if (!derived) return null;
    return this.prepared(ref, incoming, opts, key, '0', { contributions: null, state: null, oldC }, derived, {
      events: all.map((e) => [eventField(e.id), JSON.stringify(e)]),
      remove: [],
      expireAt: this.expiry(ref, derived.derived, Math.max(...all.map((e) => e.ts)), broughtBack),
    });
  }

  /** An item derived again from all of its events (a late event, an agent, an item stored without its state). */
  private async prepareAll(
    ref: ItemRef,
    incoming: PulseEvent[],
    opts: ApplyOptions,
    key: string,
    candidates: PulseEvent[],
    earlier?: PulseEvent[],
    read?: Promise<Record<string, string>>,
  ): Promise<Prepared | null> {
    const stored = await (read ?? this.redis.hgetall(key));
    if (own(stored, ITEM_FIELDS.version) === undefined && ref.kind !== 'agent') return this.prepareNew(ref, incoming, opts, key, candidates, earlier);
    // the item's events by id, and the field each is stored under (ids are data: `toString` or `_v` too)
    const existing: PulseEvent[] = [];
    const storedAs = new Map<string, string>();
    for (const [field, value] of Object.entries(stored)) {
      if (eventIdOf(field) === null) continue;
      const e = JSON.parse(value) as PulseEvent;
      existing.push(e);
      storedAs.set(e.id, field);
    }
    const fresh = candidates.filter((e) => !storedAs.has(e.id));
    if (fresh.length === 0) return null;
    const version = own(stored, ITEM_FIELDS.version) ?? '0';
    const contributions = own(stored, ITEM_FIELDS.contributions) ?? null;
    const oldC = contributions ? decodeContributions(contributions) : [];
    let all = [...existing, ...fresh];
    let toWrite = fresh;
    let remove: string[] = [];
    if (ref.kind === 'agent') {
      const compacted = compactAgentEvents(ref.id, all as EventOf<'agent.status_changed'>[], Date.now());
      if (compacted) {
        all = [compacted.checkpoint, ...compacted.keep];
        toWrite = [compacted.checkpoint, ...fresh.filter((e) => compacted.keep.includes(e as never))];
        remove = compacted.drop.filter((id) => storedAs.has(id) && id !== CHECKPOINT_ID).map((id) => storedAs.get(id)!);
      }
    }
    const derived = this.derive(key, () => deriveItemState(ref, all, this.settings));
    if (!derived) return null;
    return this.prepared(ref, incoming, opts, key, version, { contributions, state: own(stored, ITEM_FIELDS.state) ?? null, oldC }, derived, {
      events: toWrite.map((e) => [storedAs.get(e.id) ?? eventField(e.id), JSON.stringify(e)]),
      remove,
      expireAt: this.expiry(ref, derived.derived, Math.max(...all.map((e) => e.ts)), false),
    });
  }

  /** Runs a derivation; undefined (logged, counted) when the item's events cannot be derived. */
  private derive<T>(key: string, run: () => T): T | undefined {
    try {
      return run();
    } catch (e) {
      this.failed++;
      this.log.error({ item: key, err: e }, 'could not derive the state of an item; its new events are kept in history only');
      return undefined;
    }
  }

  /** The item's writes: its own fields (each only when changed), its events, and the change's operations and facts. */
  private prepared(
    ref: ItemRef,
    incoming: PulseEvent[],
    opts: ApplyOptions,
    key: string,
    version: string,
    before: { contributions: string | null; state: string | null; oldC: Contribution[] },
    after: DerivedState,
    writes: Pick<ItemWrite, 'events' | 'remove' | 'expireAt'>,
  ): Prepared {
    const { derived } = after;
    const contributions = encodeContributions(derived.contributions);
    const change = itemChange(
      this.prefix,
      before.oldC,
      derived.contributions,
      opts.facts ? { item: itemName(ref), version: factsVersion(Number(version) + 1), summary: derived.summary ?? null } : null,
    );
    return {
      ref,
      incoming,
      key,
      version,
      contributions: contributions === before.contributions ? null : contributions,
      state: after.state === before.state ? null : after.state,
      ...writes,
      facts: change.facts ? JSON.stringify(change.facts) : '',
      ops: change.ops,
    };
  }

  /**
   * When an item's key expires (ms, or 0 for never): finished items when their derivation says; an item
   * brought back for a late event no sooner than `holdMs` from now; an item that never had its first
   * event (a rating for an item history does not know) `orphanMs` after its last event, never never.
   */
  private expiry(ref: ItemRef, derived: Derived, lastTs: number, broughtBack: boolean): number {
    if (ref.kind === 'agent') return derived.expireAt ?? 0;
    const now = Date.now();
    if (derived.expireAt !== null) return broughtBack ? Math.max(derived.expireAt, now + this.late.holdMs) : derived.expireAt;
    // an item's first event (chat requested, ticket created) starts its summary
    if (derived.summary?.started_at != null) return 0;
    return lastTs + this.late.orphanMs;
  }
}

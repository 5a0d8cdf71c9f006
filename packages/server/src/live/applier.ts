// The live-state consumer: applies each batch of events to the items they belong to. An item's events
// are kept with it; its contributions are derived again from all of them and the difference is applied
// atomically with a version check, so duplicates are no-ops and arrival order does not matter.
import type { EventOf, PulseEvent } from '@pulse/contracts';
import {
  CHECKPOINT_ID,
  compactAgentEvents,
  deriveItem,
  groupByItem,
  itemKey,
  type Contribution,
  type ItemRef,
  type MetricSettings,
} from '@pulse/metrics';
import type { Logger } from 'pino';
import type { PulseRedis } from '../redis/scripts.ts';
import type { StreamEntry } from '../stream/consumer.ts';
import { diffOps } from './diff.ts';
import { historyFacts } from './facts.ts';

const MAX_ATTEMPTS = 20;
/** items applied by one script call: small enough not to hold Redis for long */
const CHUNK = 64;

interface Prepared {
  ref: ItemRef;
  incoming: PulseEvent[];
  key: string;
  section: (string | number)[];
}

export class LiveApplier {
  /** items changed since start */
  applied = 0;
  /** items whose events could not be derived (logged, skipped; never blocks the stream) */
  failed = 0;

  constructor(
    private readonly redis: PulseRedis,
    private readonly prefix: string,
    private readonly settings: MetricSettings,
    private readonly log: Logger,
    private readonly onChange: (items: number) => Promise<void> | void,
    private readonly factsStream: string,
  ) {}

  /** while it returns true (a rebuild runs), batches wait */
  holdWhile: () => Promise<boolean> = async () => false;

  handle = async (entries: StreamEntry[]): Promise<void> => {
    while (await this.holdWhile()) await new Promise((r) => setTimeout(r, 200));
    const groups = [...groupByItem(entries.flatMap((e) => e.events)).values()];
    const changed = await this.applyItems(groups.map(({ ref, events }) => ({ ref, incoming: events })));
    this.applied += changed;
    if (changed > 0) await this.onChange(changed);
  };

  /**
   * Applies new events to many items: reads them all (pipelined), derives each, and applies them in
   * chunks of one script call each; an item changed concurrently meanwhile is retried on its own.
   * Returns how many items changed.
   */
  async applyItems(items: { ref: ItemRef; incoming: PulseEvent[] }[], opts: { facts: boolean } = { facts: true }): Promise<number> {
    const prepared = (await Promise.all(items.map((it) => this.prepare(it.ref, it.incoming, opts)))).filter(
      (p): p is Prepared => p !== null,
    );
    let changed = 0;
    const retry: Prepared[] = [];
    for (let i = 0; i < prepared.length; i += CHUNK) {
      const chunk = prepared.slice(i, i + CHUNK);
      const res = await this.apply(chunk);
      chunk.forEach((p, k) => (res[k] === 1 ? changed++ : retry.push(p)));
    }
    for (const p of retry) if (await this.applyItem(p.ref, p.incoming, opts)) changed++;
    return changed;
  }

  /** Applies new events to one item, retrying while others change it; returns whether anything changed. */
  async applyItem(ref: ItemRef, incoming: PulseEvent[], opts: { facts: boolean } = { facts: true }): Promise<boolean> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const p = await this.prepare(ref, incoming, opts);
      if (!p) return false;
      if ((await this.apply([p]))[0] === 1) return true;
      this.log.debug({ item: p.key, attempt }, 'item changed concurrently; retrying');
    }
    throw new Error(`item ${this.prefix + itemKey(ref)}: gave up after ${MAX_ATTEMPTS} concurrent changes`);
  }

  private apply(chunk: Prepared[]): Promise<number[]> {
    const args: (string | number)[] = [this.factsStream, ...chunk.map((p) => p.key)];
    for (const p of chunk) args.push(p.section.length, ...p.section);
    return this.redis.pulseApplyItems(chunk.length + 1, ...args);
  }

  /** Reads an item, adds its new events, derives it again: the script section that applies the change. */
  private async prepare(ref: ItemRef, incoming: PulseEvent[], opts: { facts: boolean }): Promise<Prepared | null> {
    const key = this.prefix + itemKey(ref);
    const stored = await this.redis.hgetall(key);
    const fresh = incoming.filter((e) => stored[e.id] === undefined);
    if (fresh.length === 0) return null;
    const version = stored._v ?? '0';
    const oldC = stored._c ? (JSON.parse(stored._c) as Contribution[]) : [];
    const existing: PulseEvent[] = [];
    for (const [field, value] of Object.entries(stored)) {
      if (field !== '_v' && field !== '_c') existing.push(JSON.parse(value) as PulseEvent);
    }
    let all = [...existing, ...fresh];
    let toWrite = fresh;
    let toDelete: string[] = [];
    if (ref.kind === 'agent') {
      const compacted = compactAgentEvents(ref.id, all as EventOf<'agent.status_changed'>[], Date.now());
      if (compacted) {
        all = [compacted.checkpoint, ...compacted.keep];
        toWrite = [compacted.checkpoint, ...fresh.filter((e) => compacted.keep.includes(e as never))];
        toDelete = compacted.drop.filter((id) => stored[id] !== undefined && id !== CHECKPOINT_ID);
      }
    }
    let derived: ReturnType<typeof deriveItem>;
    try {
      derived = deriveItem(ref, all, this.settings);
    } catch (e) {
      this.failed++;
      this.log.error({ item: key, err: (e as Error).message }, 'could not derive the state of an item; its new events are kept in history only');
      return null;
    }
    const section: (string | number)[] = [version, JSON.stringify(derived.contributions), derived.expireAt ?? 0, toWrite.length];
    for (const e of toWrite) section.push(e.id, JSON.stringify(e));
    section.push(toDelete.length, ...toDelete);
    const facts = opts.facts && historyFacts(itemKey(ref).slice(3), Number(version) + 1, oldC, derived.contributions, derived.summary ?? null);
    section.push(facts ? JSON.stringify(facts) : '');
    for (const op of diffOps(this.prefix, oldC, derived.contributions)) section.push(...op);
    return { ref, incoming, key, section };
  }
}

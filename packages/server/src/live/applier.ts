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
import { chunkArgs, type ChunkItem } from './chunk.ts';
import { diffOps } from './diff.ts';
import { historyFacts } from './facts.ts';

const MAX_ATTEMPTS = 20;
/** items applied by one script call: small enough not to hold Redis for long, big enough that items
 * share counters (their changes to one counter are summed into one write) */
const CHUNK = 128;
/** script calls in flight at once: Redis runs one while the next is encoded and sent */
const IN_FLIGHT = 4;
/** items derived between two turns of the event loop, so requests are served meanwhile */
const DERIVE_SLICE = 256;

interface Prepared extends ChunkItem {
  ref: ItemRef;
  incoming: PulseEvent[];
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
    const prepared: Prepared[] = [];
    for (let i = 0; i < items.length; i += DERIVE_SLICE) {
      if (i > 0) await new Promise((r) => setImmediate(r));
      const slice = await Promise.all(items.slice(i, i + DERIVE_SLICE).map((it) => this.prepare(it.ref, it.incoming, opts)));
      for (const p of slice) if (p) prepared.push(p);
    }
    let changed = 0;
    const retry: Prepared[] = [];
    const chunks: Prepared[][] = [];
    for (let i = 0; i < prepared.length; i += CHUNK) chunks.push(prepared.slice(i, i + CHUNK));
    // chunks hold different items, so they may run in any order
    const worker = async () => {
      for (let chunk = chunks.shift(); chunk; chunk = chunks.shift()) {
        const conflicts = await this.apply(chunk);
        if (conflicts.size === 0) {
          changed += chunk.length;
          continue;
        }
        // nothing of the chunk was applied: the others go again as they are, the changed ones alone
        const others = chunk.filter((p) => !conflicts.has(p));
        if (others.length > 0) chunks.push(others);
        retry.push(...conflicts);
      }
    };
    await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, chunks.length) }, worker));
    for (const p of retry) if (await this.applyItem(p.ref, p.incoming, opts)) changed++;
    return changed;
  }

  /** Applies new events to one item, retrying while others change it; returns whether anything changed. */
  async applyItem(ref: ItemRef, incoming: PulseEvent[], opts: { facts: boolean } = { facts: true }): Promise<boolean> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const p = await this.prepare(ref, incoming, opts);
      if (!p) return false;
      if ((await this.apply([p])).size === 0) return true;
      this.log.debug({ item: p.key, attempt }, 'item changed concurrently; retrying');
    }
    throw new Error(`item ${this.prefix + itemKey(ref)}: gave up after ${MAX_ATTEMPTS} concurrent changes`);
  }

  /** Applies a chunk all or nothing; returns the items that changed meanwhile (then nothing was applied). */
  private async apply(chunk: Prepared[]): Promise<Set<Prepared>> {
    const res = await this.redis.pulseApplyItems(chunk.length + 1, ...chunkArgs(this.factsStream, chunk));
    return new Set(res[0] === 1 ? [] : res.slice(1).map((i) => chunk[i - 1]));
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
    const section: (string | number)[] = [JSON.stringify(derived.contributions), derived.expireAt ?? 0, toWrite.length];
    for (const e of toWrite) section.push(e.id, JSON.stringify(e));
    section.push(toDelete.length, ...toDelete);
    const facts = opts.facts && historyFacts(itemKey(ref).slice(3), Number(version) + 1, oldC, derived.contributions, derived.summary ?? null);
    const ops = diffOps(this.prefix, oldC, derived.contributions);
    return { ref, incoming, key, version, section, facts: facts ? JSON.stringify(facts) : '', ops };
  }
}

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
    const groups = groupByItem(entries.flatMap((e) => e.events));
    const results = await Promise.all([...groups.values()].map(({ ref, events }) => this.applyItem(ref, events)));
    const changed = results.filter(Boolean).length;
    this.applied += changed;
    if (changed > 0) await this.onChange(changed);
  };

  /** Applies new events to one item; returns whether anything changed. */
  async applyItem(ref: ItemRef, incoming: PulseEvent[], opts: { facts: boolean } = { facts: true }): Promise<boolean> {
    const key = this.prefix + itemKey(ref);
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const stored = await this.redis.hgetall(key);
      const version = stored._v ?? '0';
      const oldC = stored._c ? (JSON.parse(stored._c) as Contribution[]) : [];
      const existing: PulseEvent[] = [];
      for (const [field, value] of Object.entries(stored)) {
        if (field !== '_v' && field !== '_c') existing.push(JSON.parse(value) as PulseEvent);
      }
      const fresh = incoming.filter((e) => stored[e.id] === undefined);
      if (fresh.length === 0) return false;
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
        return false;
      }
      const args: (string | number)[] = [version, JSON.stringify(derived.contributions), derived.expireAt ?? 0, toWrite.length];
      for (const e of toWrite) args.push(e.id, JSON.stringify(e));
      args.push(toDelete.length, ...toDelete);
      const facts = opts.facts && historyFacts(itemKey(ref).slice(3), Number(version) + 1, oldC, derived.contributions, derived.summary ?? null);
      args.push(facts ? JSON.stringify(facts) : '');
      for (const op of diffOps(this.prefix, oldC, derived.contributions)) args.push(...op);
      if ((await this.redis.pulseApplyItem(key, this.factsStream, ...args)) === 1) return true;
      this.log.debug({ item: key, attempt }, 'item changed concurrently; retrying');
    }
    throw new Error(`item ${key}: gave up after ${MAX_ATTEMPTS} concurrent changes`);
  }
}

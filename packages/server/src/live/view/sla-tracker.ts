// The SLA targets an instance's view follows one by one: every open target at risk or breached now (a member
// of `slarisk:all` scored at or before now), with its details from `slainfo`. Snapshots list the most urgent
// of them and count them all; `GET /v1/live/sla` pages through them.
import type { SlaItem } from '@pulse/contracts';
import { iso, type SlaInfo } from '@pulse/metrics';

export type SlaKind = 'breached' | 'at_risk';
/** Which targets a list holds: one queue's and/or one channel's (else all), at most `limit`. */
export interface SlaListOptions {
  queue?: string;
  channel?: string;
  limit?: number;
}

interface Entry {
  info: SlaInfo;
  dueAt: string | null;
  /** the due moment as clients read it (`Date.parse(due_at)`), Infinity while paused */
  dueMs: number;
}

const entryOf = (info: SlaInfo): Entry => {
  const dueAt = info.due_at === null ? null : iso(info.due_at);
  return { info, dueAt, dueMs: dueAt === null ? Infinity : Date.parse(dueAt) };
};

/** The lists' order (SPEC §3: the most urgent first) as slaOrder (contracts/live-patch.ts) sorts them at any time:
 * least time left is earliest due whatever the time, paused clocks last, then by ticket and target. */
const order = (a: Entry, b: Entry): number =>
  (a.dueMs === b.dueMs ? 0 : a.dueMs < b.dueMs ? -1 : 1) ||
  (a.info.ticket_id < b.info.ticket_id
    ? -1
    : a.info.ticket_id > b.info.ticket_id
      ? 1
      : a.info.target < b.info.target
        ? -1
        : a.info.target > b.info.target
          ? 1
          : 0);

/** The first position in `sorted` where `e` would go (all before it come first). */
function lowerBound(sorted: Entry[], e: Entry): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (order(sorted[mid]!, e) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The followed targets in order, as they were when it was taken; `now` only splits breached from at risk. */
export class SlaIndex {
  constructor(private readonly entries: readonly Entry[]) {}

  /** The first entry not yet due at `atMs`: breached ones come before it. */
  private split(atMs: number): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.entries[mid]!.dueMs - atMs <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** One list at `atMs`, in order: of one queue and/or channel or all, at most `limit` items. */
  list(kind: SlaKind, atMs: number, opts: SlaListOptions = {}): SlaItem[] {
    const cut = this.split(atMs);
    const [from, to] = kind === 'breached' ? [0, cut] : [cut, this.entries.length];
    const limit = opts.limit ?? Infinity;
    const out: SlaItem[] = [];
    for (let i = from; i < to && out.length < limit; i++) {
      const { info, dueAt, dueMs } = this.entries[i]!; // from <= i < to <= entries.length
      if (opts.queue !== undefined && info.queue !== opts.queue) continue;
      if (opts.channel !== undefined && info.channel !== opts.channel) continue;
      out.push({
        ticket_id: info.ticket_id,
        target: info.target as SlaItem['target'],
        due_at: dueAt,
        // remainingAt(dueAt, atMs) without parsing due_at again (dueMs is Date.parse(dueAt))
        remaining_s: dueAt === null ? null : (dueMs - atMs) / 1000,
        queue: info.queue,
        priority: info.priority,
        agent_id: info.agent_id,
      });
    }
    return out;
  }
}

/** The followed targets by member (`ticket|target`), and in the lists' order (kept in order as they change). */
export class SlaTracker {
  private items = new Map<string, Entry>();
  private sorted: Entry[] = [];
  private taken: SlaIndex | null = null;
  /** the view has seen every moment (a target becoming at risk or breached) up to this time */
  checkedAt = 0;

  reset(entries: Iterable<[string, SlaInfo]>, now: number): void {
    this.items = new Map([...entries].map(([m, info]) => [m, entryOf(info)]));
    this.sorted = [...this.items.values()].sort(order);
    this.taken = null;
    this.checkedAt = now;
  }

  has(member: string): boolean {
    return this.items.has(member);
  }

  get(member: string): SlaInfo | undefined {
    return this.items.get(member)?.info;
  }

  /** Follows `member` with `info`, or stops following it (null); whether anything changed. */
  set(member: string, info: SlaInfo | null): boolean {
    const before = this.items.get(member);
    if (info === null && before === undefined) return false;
    if (info !== null && before !== undefined && JSON.stringify(before.info) === JSON.stringify(info)) return false;
    if (before !== undefined) {
      this.items.delete(member);
      let at = lowerBound(this.sorted, before);
      while (at < this.sorted.length && this.sorted[at] !== before) at++;
      this.sorted.splice(at, 1);
    }
    if (info !== null) {
      const e = entryOf(info);
      this.items.set(member, e);
      this.sorted.splice(lowerBound(this.sorted, e), 0, e);
    }
    this.taken = null;
    return true;
  }

  get size(): number {
    return this.items.size;
  }

  infos(): SlaInfo[] {
    return this.sorted.map((e) => e.info);
  }

  /** The followed targets in order now (a copy: later changes do not move it). */
  index(): SlaIndex {
    return (this.taken ??= new SlaIndex(this.sorted.slice()));
  }
}

// The SLA targets an instance's view follows one by one: every open target at risk or breached now (a member
// of `slarisk:all` scored at or before now), with its details from `slainfo`. Snapshots list the most urgent
// of them and count them all; `GET /v1/live/sla` pages through them.
import { remainingAt, slaOrder, type SlaItem } from '@pulse/contracts';
import { iso, type SlaInfo } from '@pulse/metrics';

export class SlaTracker {
  private items = new Map<string, SlaInfo>();
  /** the view has seen every moment (a target becoming at risk or breached) up to this time */
  checkedAt = 0;

  reset(entries: Iterable<[string, SlaInfo]>, now: number): void {
    this.items = new Map(entries);
    this.checkedAt = now;
  }

  has(member: string): boolean {
    return this.items.has(member);
  }

  get(member: string): SlaInfo | undefined {
    return this.items.get(member);
  }

  /** Follows `member` with `info`, or stops following it (null); whether anything changed. */
  set(member: string, info: SlaInfo | null): boolean {
    if (info === null) return this.items.delete(member);
    const before = this.items.get(member);
    this.items.set(member, info);
    return before === undefined || JSON.stringify(before) !== JSON.stringify(info);
  }

  get size(): number {
    return this.items.size;
  }

  infos(): SlaInfo[] {
    return [...this.items.values()];
  }
}

/** Both lists at `now`, whole and in order (SPEC §3: the most urgent first). */
export function slaLists(infos: SlaInfo[], now: number): { breached: SlaItem[]; at_risk: SlaItem[] } {
  const at = iso(now);
  const atMs = Date.parse(at);
  const breached: SlaItem[] = [];
  const atRisk: SlaItem[] = [];
  for (const i of infos) {
    const dueAt = i.due_at === null ? null : iso(i.due_at);
    const item: SlaItem = {
      ticket_id: i.ticket_id,
      target: i.target as SlaItem['target'],
      due_at: dueAt,
      remaining_s: remainingAt(dueAt, atMs),
      queue: i.queue,
      priority: i.priority,
      agent_id: i.agent_id,
    };
    (item.remaining_s !== null && item.remaining_s <= 0 ? breached : atRisk).push(item);
  }
  return { breached: breached.sort(slaOrder), at_risk: atRisk.sort(slaOrder) };
}

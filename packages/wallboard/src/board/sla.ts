// The SLA panel's rows: breached targets (most overdue first), then at-risk ones (least time left first),
// limited to the board's queues. Paused targets (no due time) go last in their group.
import type { Snapshot, SlaItem } from '@pulse/contracts';

export type SlaState = 'breached' | 'at_risk';

export interface SlaRow {
  key: string;
  state: SlaState;
  item: SlaItem;
}

const byRemaining = (a: SlaItem, b: SlaItem): number =>
  (a.remaining_s ?? Number.POSITIVE_INFINITY) - (b.remaining_s ?? Number.POSITIVE_INFINITY) ||
  (a.ticket_id < b.ticket_id ? -1 : a.ticket_id > b.ticket_id ? 1 : 0);

export function slaRows(sla: Snapshot['sla'] | undefined, only: string[] | null): SlaRow[] {
  const wanted = only ? new Set(only) : null;
  const keep = (i: SlaItem) => !wanted || (i.queue !== null && wanted.has(i.queue));
  const rows = (items: SlaItem[], state: SlaState): SlaRow[] =>
    items
      .filter(keep)
      .sort(byRemaining)
      .map((item) => ({ key: `${item.ticket_id}|${item.target}`, state, item }));
  return [...rows(sla?.breached ?? [], 'breached'), ...rows(sla?.at_risk ?? [], 'at_risk')];
}

/** Seconds left now (negative when overdue) until `dueAt` (server time), the client clock corrected by `skewMs`; null while paused. */
export function remainingNow(dueAt: string | null, skewMs: number, now: number): number | null {
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (!Number.isFinite(due)) return null;
  return (due - (now - skewMs)) / 1000;
}

// The SLA panel's rows: one per ticket, with its worst target (breached before at risk; the most overdue, or the
// least time left), limited to the board's queues. What needs action now comes first: targets breached within the
// last hour (most overdue first), then those about to breach (least time left first, paused clocks last), then
// the long overdue (breached more than an hour ago, most overdue first).
import type { SlaItem, Snapshot } from '@pulse/contracts';

export type SlaState = 'breached' | 'at_risk';
export type SlaGroup = 'recent' | 'at_risk' | 'overdue';
export const SLA_GROUPS: readonly SlaGroup[] = ['recent', 'at_risk', 'overdue'];

/** A breach older than this (seconds) is long overdue: listed after what is about to breach. */
export const RECENT_BREACH_S = 3_600;

export interface SlaRow {
  key: string;
  state: SlaState;
  group: SlaGroup;
  /** The ticket's worst target. */
  item: SlaItem;
  /** Its other targets breached or at risk. */
  others: number;
}

const remaining = (i: SlaItem) => i.remaining_s ?? Number.POSITIVE_INFINITY;
const byId = (a: SlaItem, b: SlaItem) => (a.ticket_id < b.ticket_id ? -1 : a.ticket_id > b.ticket_id ? 1 : 0);

export function slaRows(sla: Snapshot['sla'] | undefined, only: string[] | null): SlaRow[] {
  const wanted = only ? new Set(only) : null;
  const keep = (i: SlaItem) => !wanted || (i.queue !== null && wanted.has(i.queue));
  const tickets = new Map<string, { worst: SlaItem; state: SlaState; count: number }>();
  const add = (i: SlaItem, state: SlaState) => {
    if (!keep(i)) return;
    const cur = tickets.get(i.ticket_id);
    if (!cur) {
      tickets.set(i.ticket_id, { worst: i, state, count: 1 });
      return;
    }
    cur.count++;
    const worse = (state === 'breached' && cur.state === 'at_risk') || (state === cur.state && remaining(i) < remaining(cur.worst));
    if (worse) Object.assign(cur, { worst: i, state });
  };
  for (const i of sla?.breached ?? []) add(i, 'breached');
  for (const i of sla?.at_risk ?? []) add(i, 'at_risk');
  const rows: SlaRow[] = [...tickets.values()].map(({ worst, state, count }) => ({
    key: worst.ticket_id,
    state,
    group: state === 'at_risk' ? 'at_risk' : remaining(worst) >= -RECENT_BREACH_S ? 'recent' : 'overdue',
    item: worst,
    others: count - 1,
  }));
  const rank = { recent: 0, at_risk: 1, overdue: 2 } as const;
  return rows.sort((a, b) => rank[a.group] - rank[b.group] || remaining(a.item) - remaining(b.item) || byId(a.item, b.item));
}

/** Tickets per group: the panel always says how many, whatever page is on screen. */
export function slaCounts(rows: readonly SlaRow[]): Record<SlaGroup, number> {
  const counts = { recent: 0, at_risk: 0, overdue: 0 };
  for (const r of rows) counts[r.group]++;
  return counts;
}

/** Seconds left now (negative when overdue) until `dueAt` (server time), the client clock corrected by `skewMs`; null while paused. */
export function remainingNow(dueAt: string | null, skewMs: number, now: number): number | null {
  if (!dueAt) return null;
  const due = Date.parse(dueAt);
  if (!Number.isFinite(due)) return null;
  return (due - (now - skewMs)) / 1000;
}

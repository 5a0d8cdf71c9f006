// A ticket's SLA target instances (SPEC §2): first_reply from creation to the first agent reply;
// next_reply from the oldest unanswered customer reply to the next agent reply (one instance per
// cycle); resolution from creation to solved, its clock paused while pending (and while solved or
// closed before a reopen). Solving or closing ends the reply targets still open.
import type { Priority, Tier, TicketStatus } from '@pulse/contracts';
import { advance, type Interval } from './calendar.ts';
import { targetMs, type SlaPolicy, type SlaTargetName } from './policy.ts';

export interface TicketSlaInput {
  ticketId: string;
  createdAt: number;
  priority: Priority;
  tier: Tier;
  /** ascending */
  agentReplies: number[];
  /** ascending */
  customerReplies: number[];
  /** status changes in event-time order, the first being the creation ('new') */
  statuses: [TicketStatus, number][];
}

export interface TargetInstance {
  /** unique per ticket, target and cycle */
  key: string;
  target: SlaTargetName;
  start: number;
  lengthMs: number;
  /** when it is due: Infinity while its clock is paused before it is due */
  dueAt: number;
  /** when it becomes at risk (75 % of its time used): Infinity while paused before that */
  riskAt: number;
  fulfilledAt: number | null;
  /** no longer tracked (solved or closed) without being fulfilled */
  closedAt: number | null;
}

const isDone = (s: TicketStatus) => s === 'solved' || s === 'closed';

export const isMet = (t: TargetInstance): boolean => t.fulfilledAt !== null && t.fulfilledAt <= t.dueAt;
/** A breach is recorded once, at its due moment, if the target was not fulfilled by then. */
export const isBreachRecorded = (t: TargetInstance): boolean =>
  Number.isFinite(t.dueAt) && (t.fulfilledAt === null || t.fulfilledAt > t.dueAt) && (t.closedAt === null || t.dueAt < t.closedAt);
export const isOpen = (t: TargetInstance): boolean => t.fulfilledAt === null && t.closedAt === null;

export function slaTargets(input: TicketSlaInput, policy: SlaPolicy): TargetInstance[] {
  const { calendar } = policy;
  const len = (t: SlaTargetName) => targetMs(policy, input.priority, input.tier, t);
  const make = (target: SlaTargetName, n: number, start: number, pauses: Interval[] = []): TargetInstance => {
    const lengthMs = len(target);
    return {
      key: `${input.ticketId}|${target}|${n}`,
      target,
      start,
      lengthMs,
      dueAt: advance(calendar, start, lengthMs, pauses),
      riskAt: advance(calendar, start, 0.75 * lengthMs, pauses),
      fulfilledAt: null,
      closedAt: null,
    };
  };

  // reply targets: walk replies and status changes in time order (a customer reply precedes an agent
  // reply at the same instant; a status change comes after both)
  type Step = { ts: number; rank: number; kind: 'customer' | 'agent' | 'status'; status?: TicketStatus };
  const steps: Step[] = [
    ...input.customerReplies.map((ts): Step => ({ ts, rank: 0, kind: 'customer' })),
    ...input.agentReplies.map((ts): Step => ({ ts, rank: 1, kind: 'agent' })),
    ...input.statuses.slice(1).map(([status, ts]): Step => ({ ts, rank: 2, kind: 'status', status })),
  ].sort((a, b) => a.ts - b.ts || a.rank - b.rank);

  const out: TargetInstance[] = [];
  const first = make('first_reply', 0, input.createdAt);
  out.push(first);
  let open: TargetInstance | null = null;
  let cycles = 0;
  let done = isDone(input.statuses[0]?.[0] ?? 'new');
  for (const step of steps) {
    if (step.ts < input.createdAt) continue;
    if (step.kind === 'agent') {
      if (first.fulfilledAt === null && first.closedAt === null) first.fulfilledAt = step.ts;
      if (open) {
        open.fulfilledAt = step.ts;
        open = null;
      }
    } else if (step.kind === 'customer') {
      if (first.fulfilledAt !== null && open === null && !done) {
        open = make('next_reply', ++cycles, step.ts);
        out.push(open);
      }
    } else {
      const nowDone = isDone(step.status!);
      if (nowDone && !done) {
        if (first.fulfilledAt === null && first.closedAt === null) first.closedAt = step.ts;
        if (open) {
          open.closedAt = step.ts;
          open = null;
        }
      }
      done = nowDone;
    }
  }
  out.push(resolution(input, make));
  return out;
}

/** The resolution target: paused while pending, solved or closed; fulfilled when the final solve began. */
function resolution(input: TicketSlaInput, make: (target: SlaTargetName, n: number, start: number, pauses: Interval[]) => TargetInstance): TargetInstance {
  const periods = input.statuses.map(([status, from], i) => ({
    status,
    from,
    to: input.statuses[i + 1]?.[1] ?? Infinity,
  }));
  let fulfilledAt: number | null = null;
  let end = periods.length;
  while (end > 0 && isDone(periods[end - 1]!.status)) end--;
  const firstDone = periods[end];
  if (firstDone) fulfilledAt = firstDone.from;
  const pauses: Interval[] = periods
    .slice(0, end)
    .filter((p) => p.status === 'pending' || isDone(p.status))
    .map((p) => [p.from, p.to]);
  const t = make('resolution', 0, input.createdAt, pauses);
  t.fulfilledAt = fulfilledAt;
  return t;
}

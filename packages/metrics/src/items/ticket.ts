// A ticket's state and outcomes, folded over its events in event-time order (SPEC §2).
import type { EventOf, Priority, PulseEvent, Tier, TicketStatus } from '@pulse/contracts';
import { outcome, outcomeValue } from '../buckets.ts';
import { agentScope, scopesOf } from '../model/scope.ts';
import { agentSetKey, LIVE_HASH, scopeSetKey } from '../model/keys.ts';
import type { MetricSettings } from '../settings.ts';
import { policyFor } from '../sla/policy.ts';
import { slaContributions } from '../sla/contributions.ts';
import { csatOutcome, isGood } from './csat.ts';
import { byEventTime } from './order.ts';
import type { FoldState, ItemFold } from './fold.ts';
import type { Derived, ItemSummary } from './item.ts';

export type TicketEvent = Extract<PulseEvent, { type: `ticket.${string}` } | { type: 'csat.rated' }>;

const RANK: Record<string, number> = {
  'ticket.created': 0,
  'ticket.updated': 1,
  'ticket.assigned': 2,
  'ticket.customer_replied': 3,
  'ticket.agent_replied': 4,
  'ticket.status_changed': 5,
  'csat.rated': 6,
};

const isDone = (status: string) => status === 'solved' || status === 'closed';

interface TicketFold extends FoldState {
  id: string;
  queue: string | null;
  channel: string | null;
  createdAt: number | null;
  priority: Priority;
  tier: Tier;
  /** when queue, priority or tier (what the SLA targets follow) were last set */
  termsAt: number | null;
  agent: string | null;
  status: TicketStatus;
  firstReplyAt: number | null;
  secondAgent: boolean;
  reassignments: number;
  reopened: boolean;
  lastDoneAt: number | null;
  solvedBy: string | null;
  agentsSeen: string[];
  agentReplies: number[];
  customerReplies: number[];
  statuses: [TicketStatus, number][];
  /** the latest rating so far (only the latest counts, SPEC §2) */
  rating: EventOf<'csat.rated'> | null;
  touched: string[];
}

function scopes(f: TicketFold): string[] {
  const sc = scopesOf(f.queue, f.channel);
  for (const scope of sc) if (!f.touched.includes(scope)) f.touched.push(scope);
  return sc;
}

function assign(f: TicketFold, s: MetricSettings, ts: number, next: string | null): void {
  if (next !== null && f.agent !== null && next !== f.agent) {
    f.reassignments++;
    f.out.push(...outcome(s, ts, scopes(f), { reassignments: 1 }));
  }
  if (next !== null) {
    if (!f.agentsSeen.includes(next)) f.agentsSeen.push(next);
    if (f.agentsSeen.length > 1) f.secondAgent = true;
  }
  f.agent = next;
}

const later = byEventTime({});

export const ticketFold: ItemFold<TicketFold, TicketEvent> = {
  rank: RANK,
  init: (id) => ({
    out: [],
    id,
    queue: null,
    channel: null,
    createdAt: null,
    priority: 'normal',
    tier: 'standard',
    termsAt: null,
    agent: null,
    status: 'new',
    firstReplyAt: null,
    secondAgent: false,
    reassignments: 0,
    reopened: false,
    lastDoneAt: null,
    solvedBy: null,
    agentsSeen: [],
    agentReplies: [],
    customerReplies: [],
    statuses: [],
    rating: null,
    touched: [],
  }),
  step(f, e, s) {
    switch (e.type) {
      case 'ticket.created':
        if (f.createdAt !== null) break;
        f.createdAt = e.ts;
        f.queue ??= e.queue;
        f.channel = e.channel;
        if (e.priority) f.priority = e.priority;
        if (e.requester) f.tier = e.requester.tier;
        f.termsAt = Math.max(f.termsAt ?? e.ts, e.ts);
        f.statuses.unshift(['new', e.ts]);
        f.out.push(...outcome(s, e.ts, scopes(f), { created: 1 }));
        if (e.agent_id !== undefined) assign(f, s, e.ts, e.agent_id);
        break;
      case 'ticket.updated': {
        const terms = `${f.queue}|${f.priority}|${f.tier}`;
        if (e.queue !== undefined) f.queue = e.queue;
        if (e.priority !== undefined) f.priority = e.priority;
        if (e.requester !== undefined) f.tier = e.requester.tier;
        if (`${f.queue}|${f.priority}|${f.tier}` !== terms) f.termsAt = Math.max(f.termsAt ?? e.ts, e.ts);
        break;
      }
      case 'ticket.assigned':
        assign(f, s, e.ts, e.agent_id);
        break;
      case 'ticket.customer_replied':
        f.customerReplies.push(e.ts);
        break;
      case 'ticket.agent_replied':
        f.agentReplies.push(e.ts);
        if (f.firstReplyAt === null) {
          f.firstReplyAt = e.ts;
          if (f.createdAt !== null) {
            f.out.push(...outcome(s, e.ts, [...scopes(f), agentScope(e.agent_id)], { frt_n: 1, frt_ms: e.ts - f.createdAt }));
            f.out.push(...outcomeValue(s, e.ts, scopes(f), 'frt', f.id, e.ts - f.createdAt));
          }
        }
        break;
      case 'ticket.status_changed': {
        const wasDone = isDone(f.status);
        if (wasDone && !isDone(e.status)) f.reopened = true;
        if (isDone(e.status) && !wasDone) {
          f.lastDoneAt = e.ts;
          f.solvedBy = f.agent;
        }
        f.status = e.status;
        f.statuses.push([e.status, e.ts]);
        break;
      }
      case 'csat.rated':
        if (f.rating === null || later(f.rating, e) < 0) f.rating = e;
        break;
    }
  },
  finish(f, s): Derived {
    const { out, id: ticketId, queue, agent, status, lastDoneAt, createdAt, priority } = f;
    const sc = scopes(f);
    let sla = { met: 0, breached: 0 };
    // a ticket counts as solved once, when its final solve began (a reopened ticket is not solved)
    if (isDone(status) && lastDoneAt !== null) {
      const fcr = !f.secondAgent && !f.reopened;
      out.push(...outcome(s, lastDoneAt, sc, { solved: 1, fcr_ok: fcr ? 1 : 0 }));
      if (f.solvedBy) out.push(...outcome(s, lastDoneAt, [agentScope(f.solvedBy)], { solved: 1 }));
    }
    if (createdAt !== null) {
      const since = createdAt;
      if (!isDone(status)) {
        for (const scope of sc) out.push({ k: 'z', key: scopeSetKey('unsolved', scope), m: ticketId, s: since });
        if (agent === null) for (const scope of sc) out.push({ k: 'z', key: scopeSetKey('unassigned', scope), m: ticketId, s: since });
        else out.push({ k: 'z', key: agentSetKey('agenttickets', agent), m: ticketId, s: since });
        if (f.reassignments > 0) {
          out.push({ k: 'h', key: LIVE_HASH.reassigned, field: ticketId, v: JSON.stringify({ count: f.reassignments, queue, agent_id: agent }) });
        }
      }
      const r = slaContributions(
        s,
        {
          ticketId,
          createdAt,
          priority,
          tier: f.tier,
          agentReplies: f.agentReplies,
          customerReplies: f.customerReplies,
          statuses: f.statuses.filter(([, ts]) => ts >= since),
        },
        policyFor(s.sla, queue),
        { scopes: sc, outcomeScopes: agent ? [...sc, agentScope(agent)] : sc, queue, channel: f.channel ?? null, priority, agent, termsAt: f.termsAt },
      );
      out.push(...r.contributions);
      sla = r;
    }
    for (const scope of f.touched) out.push({ k: 'n', key: LIVE_HASH.scopes, field: scope, d: 1 });
    out.push(...csatOutcome(s, f.rating ? [f.rating] : [], agent ? [...sc, agentScope(agent)] : sc));
    const expireAt = isDone(status) && lastDoneAt !== null ? lastDoneAt + s.itemRetentionMs : null;
    const summary: ItemSummary = {
      kind: 'ticket',
      id: ticketId,
      queue,
      channel: f.channel,
      agent_id: agent,
      status,
      priority,
      tier: f.tier,
      started_at: createdAt,
      answered_at: f.firstReplyAt,
      ended_at: isDone(status) ? lastDoneAt : null,
      wait_s: null,
      handle_s: null,
      frt_s: createdAt !== null && f.firstReplyAt !== null ? (f.firstReplyAt - createdAt) / 1000 : null,
      reassignments: f.reassignments,
      reopened: f.reopened,
      abandoned: false,
      csat: f.rating === null ? null : isGood(f.rating) ? 'good' : 'bad',
      sla_met: sla.met,
      sla_breached: sla.breached,
    };
    return { contributions: out, expireAt, summary };
  },
};

export function deriveTicket(ticketId: string, events: TicketEvent[], s: MetricSettings): Derived {
  const f = ticketFold.init(ticketId);
  for (const e of [...events].sort(byEventTime(RANK))) ticketFold.step(f, e, s);
  return ticketFold.finish(f, s);
}

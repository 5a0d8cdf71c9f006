// A ticket's state and outcomes, replayed from all of its events in event-time order (SPEC §2).
import type { EventOf, Priority, PulseEvent, Tier, TicketStatus } from '@pulse/contracts';
import type { Contribution } from '../contribution.ts';
import { outcome, outcomeValue } from '../buckets.ts';
import { scopesOf } from '../scopes.ts';
import type { MetricSettings } from '../settings.ts';
import { policyFor } from '../sla/policy.ts';
import { slaContributions } from '../sla/contributions.ts';
import { csatOutcome, latestCsat } from './csat.ts';
import { byEventTime } from './order.ts';
import type { Derived, ItemSummary } from './item.ts';

type TicketEvent = Extract<PulseEvent, { type: `ticket.${string}` } | { type: 'csat.rated' }>;

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

export function deriveTicket(ticketId: string, events: TicketEvent[], s: MetricSettings): Derived {
  let queue: string | null = null;
  let channel: string | null = null;
  let createdAt: number | null = null;
  let priority: Priority = 'normal';
  let tier: Tier = 'standard';
  let agent: string | null = null;
  let status: TicketStatus = 'new';
  let firstReplyAt: number | null = null;
  let secondAgent = false;
  let reassignments = 0;
  let reopened = false;
  let lastDoneAt: number | null = null;
  let solvedBy: string | null = null;
  const agentsSeen = new Set<string>();
  const agentReplies: number[] = [];
  const customerReplies: number[] = [];
  const statuses: [TicketStatus, number][] = [];
  const out: Contribution[] = [];
  const ratings: EventOf<'csat.rated'>[] = [];
  const touched = new Set<string>();
  const scopes = () => {
    const sc = scopesOf(queue, channel);
    for (const scope of sc) touched.add(scope);
    return sc;
  };
  const assign = (ts: number, next: string | null) => {
    if (next !== null && agent !== null && next !== agent) {
      reassignments++;
      out.push(...outcome(s, ts, scopes(), { reassignments: 1 }));
    }
    if (next !== null) {
      agentsSeen.add(next);
      if (agentsSeen.size > 1) secondAgent = true;
    }
    agent = next;
  };

  for (const e of [...events].sort(byEventTime(RANK))) {
    switch (e.type) {
      case 'ticket.created':
        if (createdAt !== null) break;
        createdAt = e.ts;
        queue ??= e.queue;
        channel = e.channel;
        if (e.priority) priority = e.priority;
        if (e.requester) tier = e.requester.tier;
        statuses.unshift(['new', e.ts]);
        out.push(...outcome(s, e.ts, scopes(), { created: 1 }));
        if (e.agent_id !== undefined) assign(e.ts, e.agent_id);
        break;
      case 'ticket.updated':
        if (e.queue !== undefined) queue = e.queue;
        if (e.priority !== undefined) priority = e.priority;
        if (e.requester !== undefined) tier = e.requester.tier;
        break;
      case 'ticket.assigned':
        assign(e.ts, e.agent_id);
        break;
      case 'ticket.customer_replied':
        customerReplies.push(e.ts);
        break;
      case 'ticket.agent_replied':
        agentReplies.push(e.ts);
        if (firstReplyAt === null) {
          firstReplyAt = e.ts;
          if (createdAt !== null) {
            out.push(...outcome(s, e.ts, [...scopes(), `agent:${e.agent_id}`], { frt_n: 1, frt_ms: e.ts - createdAt }));
            out.push(...outcomeValue(s, e.ts, scopes(), 'frt', ticketId, e.ts - createdAt));
          }
        }
        break;
      case 'ticket.status_changed': {
        const wasDone = isDone(status);
        if (wasDone && !isDone(e.status)) reopened = true;
        if (isDone(e.status) && !wasDone) {
          lastDoneAt = e.ts;
          solvedBy = agent;
        }
        status = e.status;
        statuses.push([e.status, e.ts]);
        break;
      }
      case 'csat.rated':
        ratings.push(e);
        break;
    }
  }

  const sc = scopes();
  let sla = { met: 0, breached: 0 };
  // a ticket counts as solved once, when its final solve began (a reopened ticket is not solved)
  if (isDone(status) && lastDoneAt !== null) {
    const fcr = !secondAgent && !reopened;
    out.push(...outcome(s, lastDoneAt, sc, { solved: 1, fcr_ok: fcr ? 1 : 0 }));
    if (solvedBy) out.push(...outcome(s, lastDoneAt, [`agent:${solvedBy}`], { solved: 1 }));
  }
  if (createdAt !== null) {
    const since = createdAt;
    if (!isDone(status)) {
      for (const scope of sc) out.push({ k: 'z', key: `unsolved:${scope}`, m: ticketId, s: since });
      if (agent === null) for (const scope of sc) out.push({ k: 'z', key: `unassigned:${scope}`, m: ticketId, s: since });
      else out.push({ k: 'z', key: `agenttickets:${agent}`, m: ticketId, s: since });
      if (reassignments > 0) {
        out.push({ k: 'h', key: 'reassigned', field: ticketId, v: JSON.stringify({ count: reassignments, queue, agent_id: agent }) });
      }
    }
    const r = slaContributions(
      s,
      { ticketId, createdAt, priority, tier, agentReplies, customerReplies, statuses: statuses.filter(([, ts]) => ts >= since) },
      policyFor(s.sla, queue),
      { scopes: sc, outcomeScopes: agent ? [...sc, `agent:${agent}`] : sc, queue, priority, agent },
    );
    out.push(...r.contributions);
    sla = r;
  }
  for (const scope of touched) out.push({ k: 'n', key: 'scopes', field: scope, d: 1 });
  out.push(...csatOutcome(s, ratings, agent ? [...sc, `agent:${agent}`] : sc));
  const expireAt = isDone(status) && lastDoneAt !== null ? lastDoneAt + s.itemRetentionMs : null;
  const summary: ItemSummary = {
    kind: 'ticket',
    id: ticketId,
    queue,
    channel,
    agent_id: agent,
    status,
    priority,
    tier,
    started_at: createdAt,
    answered_at: firstReplyAt,
    ended_at: isDone(status) ? lastDoneAt : null,
    wait_s: null,
    handle_s: null,
    frt_s: createdAt !== null && firstReplyAt !== null ? (firstReplyAt - createdAt) / 1000 : null,
    reassignments,
    reopened,
    abandoned: false,
    csat: latestCsat(ratings),
    sla_met: sla.met,
    sla_breached: sla.breached,
  };
  return { contributions: out, expireAt, summary };
}

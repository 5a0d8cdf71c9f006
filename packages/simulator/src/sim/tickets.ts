// Tickets: created in a queue, routed to an online agent of that queue (or left unassigned until one
// logs in), then agent replies and customer replies until solved; sometimes reassigned, put on hold,
// reopened after solving, rated; closed a few days after solving. An agent only replies while online:
// work that falls due while it is away or offline waits for its return.
import type { Priority, TicketStatus, Tier } from '@pulse/contracts';
import type { QueueDef, World } from '../world.ts';
import type { AgentState, Roster } from './agents.ts';
import type { SimCore } from './core.ts';
import { DAY, HOUR, MINUTE } from './calendar.ts';
import { rateContact } from './csat.ts';

interface Ticket {
  id: string;
  queue: QueueDef;
  priority: Priority;
  status: TicketStatus;
  agent: AgentState | null;
  createdAt: number;
  firstReplyMs: number | null;
  exchanges: number;
  reassigns: number;
  /** Bumped whenever the ticket's next step changes; stale scheduled steps compare and bail out. */
  version: number;
}

const PRIORITY_MIX: readonly (readonly [Priority, number])[] = [['low', 20], ['normal', 55], ['high', 18], ['urgent', 7]];
const VIP_PRIORITY_MIX: readonly (readonly [Priority, number])[] = [['low', 5], ['normal', 45], ['high', 35], ['urgent', 15]];

/** Mean minutes until an agent acts, by priority. */
const ROUTE_MIN: Record<Priority, number> = { urgent: 2, high: 5, normal: 10, low: 20 };
const REPLY_MIN: Record<Priority, number> = { urgent: 8, high: 30, normal: 90, low: 180 };

export class TicketDesk {
  private readonly unrouted = new Map<string, Ticket[]>();
  private readonly deferred = new Map<AgentState, { ticket: Ticket; version: number }[]>();

  constructor(
    private readonly core: SimCore,
    private readonly roster: Roster,
    world: World,
  ) {
    for (const q of world.queues) this.unrouted.set(q.name, []);
  }

  create(queue: QueueDef): void {
    const { core } = this;
    const rng = core.rng;
    const vip = queue.vip || rng.chance(0.05);
    const t: Ticket = {
      id: core.newId('ticket'),
      queue,
      priority: rng.weighted(vip ? VIP_PRIORITY_MIX : PRIORITY_MIX),
      status: 'new',
      agent: null,
      createdAt: core.now,
      firstReplyMs: null,
      exchanges: 0,
      reassigns: 0,
      version: 0,
    };
    const tier: Tier = vip ? 'vip' : 'standard';
    core.emit({
      type: 'ticket.created',
      ticket_id: t.id,
      queue: queue.name,
      channel: rng.weighted(queue.ticketChannels),
      priority: t.priority,
      requester: { id: `cust-${rng.int(1, 50_000)}`, tier },
    });
    core.after(rng.exponential(ROUTE_MIN[t.priority] * MINUTE), () => this.route(t));
    if (t.priority !== 'urgent' && rng.chance(0.04)) {
      core.after(rng.exponential(30 * MINUTE), () => this.escalate(t));
    }
  }

  /** An agent came online: route the unassigned tickets of its queues and resume its own. */
  agentOnline(agent: AgentState): void {
    const { core } = this;
    for (const q of agent.def.queues) {
      const waiting = this.unrouted.get(q);
      if (!waiting || waiting.length === 0) continue;
      this.unrouted.set(q, []);
      for (const t of waiting) core.after(core.rng.uniform(1, 15) * MINUTE, () => this.route(t));
    }
    const mine = this.deferred.get(agent);
    if (mine) {
      this.deferred.delete(agent);
      for (const { ticket, version } of mine) {
        core.after(core.rng.uniform(2, 30) * MINUTE, () => this.agentStep(ticket, version));
      }
    }
  }

  private escalate(t: Ticket): void {
    if (t.status === 'solved' || t.status === 'closed') return;
    t.priority = t.priority === 'high' ? 'urgent' : 'high';
    this.core.emit({ type: 'ticket.updated', ticket_id: t.id, priority: t.priority });
  }

  private pickAgent(t: Ticket, exclude?: AgentState): AgentState | undefined {
    let best: AgentState | undefined;
    let bestLoad = Infinity;
    for (const a of this.roster.serving(t.queue.name)) {
      if (a === exclude || a.status !== 'online' || a.leaving !== null) continue;
      const load = a.openTickets + this.core.rng.next() * 0.5;
      if (load < bestLoad) {
        best = a;
        bestLoad = load;
      }
    }
    return best;
  }

  private route(t: Ticket): void {
    if (t.agent !== null || t.status === 'solved' || t.status === 'closed') return;
    const agent = this.pickAgent(t);
    if (!agent) {
      this.unrouted.get(t.queue.name)!.push(t);
      return;
    }
    this.assign(t, agent);
    if (t.status === 'new') this.setStatus(t, 'open');
    this.scheduleReply(t, t.firstReplyMs === null ? 1 : 1.3);
  }

  private assign(t: Ticket, agent: AgentState): void {
    if (t.agent) t.agent.openTickets--;
    t.agent = agent;
    agent.openTickets++;
    this.core.emit({ type: 'ticket.assigned', ticket_id: t.id, agent_id: agent.def.id });
  }

  private setStatus(t: Ticket, status: TicketStatus): void {
    t.status = status;
    this.core.emit({ type: 'ticket.status_changed', ticket_id: t.id, status });
  }

  private scheduleReply(t: Ticket, factor: number): void {
    const version = ++t.version;
    this.core.after(this.core.rng.exponential(REPLY_MIN[t.priority] * factor * MINUTE), () => this.agentStep(t, version));
  }

  /** The assigned agent works on the ticket: replies (and maybe solves), or hands it on. */
  private agentStep(t: Ticket, version: number): void {
    if (t.version !== version || t.agent === null) return;
    const { core } = this;
    const rng = core.rng;
    const agent = t.agent;
    if (agent.status !== 'online') {
      const list = this.deferred.get(agent) ?? [];
      list.push({ ticket: t, version });
      this.deferred.set(agent, list);
      return;
    }
    // Reassignment: rare, but a ticket already passed on tends to be passed on again.
    if (rng.chance(t.reassigns === 0 ? 0.04 : 0.15)) {
      const other = this.pickAgent(t, agent);
      if (other) {
        t.reassigns++;
        this.assign(t, other);
        this.scheduleReply(t, 0.5);
        return;
      }
    }
    core.emit({ type: 'ticket.agent_replied', ticket_id: t.id, agent_id: agent.def.id });
    t.firstReplyMs ??= core.now - t.createdAt;
    t.exchanges++;
    if (t.status !== 'open') this.setStatus(t, 'open');
    const v = ++t.version;
    if (rng.chance(Math.min(0.9, 0.25 + 0.15 * t.exchanges))) {
      this.solve(t);
    } else if (rng.chance(0.05)) {
      this.setStatus(t, 'on_hold');
      core.after(rng.exponential(4 * HOUR), () => {
        if (t.version !== v) return;
        this.setStatus(t, 'open');
        this.scheduleReply(t, 0.5);
      });
    } else {
      this.setStatus(t, 'pending');
      if (rng.chance(0.85)) {
        core.after(rng.exponential(3 * HOUR), () => this.customerReply(t, v));
      } else {
        core.after(rng.uniform(1, 2) * DAY, () => {
          if (t.version === v && t.status === 'pending') this.solve(t);
        });
      }
    }
  }

  private customerReply(t: Ticket, version: number): void {
    if (t.version !== version || t.status === 'closed') return;
    this.core.emit({ type: 'ticket.customer_replied', ticket_id: t.id });
    if (t.status === 'solved' && t.agent) t.agent.openTickets++;
    if (t.status !== 'open') this.setStatus(t, 'open');
    if (t.agent === null) {
      this.route(t);
      return;
    }
    this.scheduleReply(t, 1.3);
  }

  private solve(t: Ticket): void {
    const { core } = this;
    const rng = core.rng;
    this.setStatus(t, 'solved');
    if (t.agent) t.agent.openTickets--;
    const v = ++t.version;
    if (rng.chance(0.22)) {
      const agentId = t.agent?.def.id;
      const waited = (t.firstReplyMs ?? 0) / 40;
      core.after(rng.exponential(2 * HOUR), () => {
        core.emit({
          type: 'csat.rated',
          ticket_id: t.id,
          ...(agentId ? { agent_id: agentId } : {}),
          ...rateContact(rng, waited),
        });
      });
    }
    if (rng.chance(0.06)) core.after(rng.exponential(12 * HOUR), () => this.customerReply(t, v));
    core.after(rng.uniform(1, 3) * DAY, () => {
      if (t.version === v && t.status === 'solved') this.setStatus(t, 'closed');
    });
  }
}

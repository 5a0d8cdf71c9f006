// Tickets: created in a queue (email, the web form, the API), routed to the online agent of that queue with the
// fewest open tickets (or left unassigned until one logs in), then agent replies and customer replies until
// solved; sometimes escalated, reassigned, put on hold, reopened after solving, rated; closed a few days after
// solving. Agents plan each reply at a share of its SLA target (targets.ts), so most targets are met.
// An agent replies only while online: before a break it answers what waits for its reply, and in the last part of
// its shift it takes new tickets only when nobody else can and answers what it holds before leaving. Work that
// falls due during a break waits for its return, except urgent and high tickets, which the team lead passes to a
// colleague. At log-off, tickets pending on their customer stay with the agent (their clocks are paused); any other
// unsolved ticket goes back to the queue and the team lead gives it to a colleague (or leaves it in the queue when
// nobody of it is online); a customer who replies while the agent is off is answered by a colleague. So nobody
// goes home holding a ticket that waits for an agent, and most tickets are solved by the one agent who took them.
import type { Priority, TicketStatus, Tier } from '@pulse/contracts';
import type { QueueDef, World } from '../world.ts';
import type { AgentState, Roster } from './agents.ts';
import type { SimCore } from './core.ts';
import { DAY, HOUR, MINUTE } from './calendar.ts';
import { rateContact } from './csat.ts';
import { replyShare, targetMs } from './targets.ts';

interface Ticket {
  id: string;
  queue: QueueDef;
  priority: Priority;
  tier: Tier;
  status: TicketStatus;
  agent: AgentState | null;
  createdAt: number;
  /** Since when the customer waits for an agent's reply (creation, a customer reply, back from hold); null when not. */
  awaiting: number | null;
  firstReplyMs: number | null;
  exchanges: number;
  reassigns: number;
  /** Bumped whenever the ticket's next agent step changes; stale scheduled steps compare and bail out. */
  version: number;
}

const PRIORITY_MIX: readonly (readonly [Priority, number])[] = [
  ['low', 20],
  ['normal', 55],
  ['high', 18],
  ['urgent', 7],
];
const VIP_PRIORITY_MIX: readonly (readonly [Priority, number])[] = [
  ['low', 5],
  ['normal', 50],
  ['high', 33],
  ['urgent', 12],
];

/** Mean minutes until a new or handed-back ticket is routed to an agent, by priority. */
const ROUTE_MIN: Record<Priority, number> = { urgent: 1, high: 3, normal: 8, low: 15 };

/** An agent takes new tickets only when nobody else can from this long before its shift ends. */
const LAST_TICKET_BEFORE_END = 45 * MINUTE;
/** Replies an agent would give after this long before its shift ends it gives before leaving. */
const WRAP_UP = 10 * MINUTE;

/** How often the team lead looks for queued tickets that an online agent could take. */
const SWEEP_EVERY = 10 * MINUTE;

const closed = (t: Ticket) => t.status === 'solved' || t.status === 'closed';
const pressing = (t: Ticket) => t.priority === 'urgent' || t.priority === 'high';

export class TicketDesk {
  private readonly unrouted = new Map<string, Set<Ticket>>();
  private readonly deferred = new Map<AgentState, { ticket: Ticket; version: number }[]>();
  /** Unsolved tickets assigned to each agent. */
  private readonly held = new Map<AgentState, Set<Ticket>>();

  constructor(
    private readonly core: SimCore,
    private readonly roster: Roster,
    world: World,
  ) {
    for (const q of world.queues) this.unrouted.set(q.name, new Set());
    core.after(SWEEP_EVERY, () => this.sweep());
  }

  create(queue: QueueDef): void {
    const { core } = this;
    const rng = core.rng;
    const vip = queue.vip || rng.chance(0.05);
    const t: Ticket = {
      id: core.newId('ticket'),
      queue,
      priority: rng.weighted(vip ? VIP_PRIORITY_MIX : PRIORITY_MIX),
      tier: vip ? 'vip' : 'standard',
      status: 'new',
      agent: null,
      createdAt: core.now,
      awaiting: core.now,
      firstReplyMs: null,
      exchanges: 0,
      reassigns: 0,
      version: 0,
    };
    core.emit({
      type: 'ticket.created',
      ticket_id: t.id,
      queue: queue.name,
      channel: rng.weighted(queue.ticketChannels),
      priority: t.priority,
      requester: { id: `cust-${rng.int(1, 50_000)}`, tier: t.tier },
    });
    this.routeSoon(t);
    if (t.priority !== 'urgent' && rng.chance(0.03)) {
      core.after(rng.exponential(30 * MINUTE), () => this.escalate(t));
    }
  }

  /** An agent came online: route the unassigned tickets of its queues and resume its own. */
  agentOnline(agent: AgentState): void {
    const { core } = this;
    for (const q of agent.def.queues) {
      const waiting = this.unrouted.get(q);
      if (!waiting || waiting.size === 0) continue;
      this.unrouted.set(q, new Set());
      for (const t of waiting) {
        const delay = pressing(t) ? core.rng.uniform(0.5, 3) : core.rng.uniform(1, 15);
        core.after(delay * MINUTE, () => this.route(t));
      }
    }
    const mine = this.deferred.get(agent);
    if (mine) {
      this.deferred.delete(agent);
      for (const { ticket, version } of mine) {
        core.after(core.rng.uniform(1, 10) * MINUTE, () => this.agentStep(ticket, version));
      }
    }
  }

  /**
   * The agent is logging off: tickets pending on their customer stay with it; its other unsolved tickets go back to
   * the queue, and the team lead gives each at once to the colleague of the queue with the fewest tickets (a
   * hand-over through the queue, not a reassignment). With nobody of the queue online they wait in the queue.
   */
  agentOffline(agent: AgentState): void {
    this.deferred.delete(agent);
    for (const t of [...(this.held.get(agent) ?? [])]) {
      if (t.status === 'pending') continue;
      this.unassign(t);
      this.route(t, agent);
    }
  }

  /**
   * The agent is going on a break: it first answers the tickets waiting for its reply, so that nobody's ticket
   * waits on an agent who is away (the rest wait on their customers).
   */
  agentAway(agent: AgentState): void {
    for (const t of [...(this.held.get(agent) ?? [])]) if (t.awaiting !== null && t.agent === agent && !closed(t)) this.reply(t, agent);
  }

  /** Every few minutes the team lead gives queued tickets to agents who are online (when some are). */
  private sweep(): void {
    for (const waiting of this.unrouted.values()) for (const t of [...waiting]) this.route(t);
    this.core.after(SWEEP_EVERY, () => this.sweep());
  }

  private escalate(t: Ticket): void {
    if (closed(t)) return;
    t.priority = t.priority === 'high' ? 'urgent' : 'high';
    this.core.emit({ type: 'ticket.updated', ticket_id: t.id, priority: t.priority });
    // The tighter target is planned for at once.
    if (t.awaiting !== null && t.agent) this.scheduleReply(t);
  }

  /** When the agent's shift ends: it logs off about then. */
  private shiftEnd(a: AgentState): number {
    return a.loginAt + a.def.shift.durationMinutes * MINUTE;
  }

  private pickAgent(t: Ticket, exclude?: AgentState): AgentState | undefined {
    let best: AgentState | undefined;
    let bestLoad = Infinity;
    for (const a of this.roster.serving(t.queue.name)) {
      if (a === exclude || a.status !== 'online' || a.leaving !== null) continue;
      // an agent about to go home takes a new ticket only when nobody else can
      const leavingSoon = this.core.now > this.shiftEnd(a) - LAST_TICKET_BEFORE_END ? 1000 : 0;
      const load = (this.held.get(a)?.size ?? 0) + leavingSoon + this.core.rng.next() * 0.5;
      if (load < bestLoad) {
        best = a;
        bestLoad = load;
      }
    }
    return best;
  }

  private routeSoon(t: Ticket): void {
    this.core.after(this.core.rng.exponential(ROUTE_MIN[t.priority] * MINUTE), () => this.route(t));
  }

  private route(t: Ticket, exclude?: AgentState): void {
    if (t.agent !== null || closed(t)) return;
    const agent = this.pickAgent(t, exclude);
    if (!agent) {
      const waiting = this.unrouted.get(t.queue.name);
      if (waiting) waiting.add(t);
      else this.unrouted.set(t.queue.name, new Set([t]));
      return;
    }
    this.unrouted.get(t.queue.name)?.delete(t);
    this.assign(t, agent);
    if (t.status === 'new') this.setStatus(t, 'open');
    if (t.awaiting !== null) this.scheduleReply(t);
  }

  private assign(t: Ticket, agent: AgentState): void {
    if (t.agent) this.held.get(t.agent)?.delete(t);
    t.agent = agent;
    if (!closed(t)) this.hold(agent, t);
    this.core.emit({ type: 'ticket.assigned', ticket_id: t.id, agent_id: agent.def.id });
  }

  private unassign(t: Ticket): void {
    if (t.agent) this.held.get(t.agent)?.delete(t);
    t.agent = null;
    this.core.emit({ type: 'ticket.assigned', ticket_id: t.id, agent_id: null });
  }

  private hold(agent: AgentState, t: Ticket): void {
    let set = this.held.get(agent);
    if (!set) this.held.set(agent, (set = new Set()));
    set.add(t);
  }

  private setStatus(t: Ticket, status: TicketStatus): void {
    t.status = status;
    this.core.emit({ type: 'ticket.status_changed', ticket_id: t.id, status });
  }

  /** Plans the agent's next reply at a share of the target the customer is waiting on. */
  private scheduleReply(t: Ticket): void {
    const { core } = this;
    const version = ++t.version;
    const target = targetMs(t.priority, t.tier, t.firstReplyMs === null ? 'first_reply' : 'next_reply');
    let aim = (t.awaiting ?? core.now) + target * replyShare(core.rng);
    // Before going home an agent answers what waits for it, rather than leave it to a colleague.
    const end = t.agent ? this.shiftEnd(t.agent) : Infinity;
    if (aim > end - WRAP_UP) aim = Math.min(aim, end - core.rng.uniform(10, 40) * MINUTE);
    const at = Math.max(core.now + core.rng.uniform(1, 4) * MINUTE, aim);
    core.at(at, () => this.agentStep(t, version));
  }

  /**
   * The customer waits for a reply: the assigned agent plans it. A ticket whose agent has logged off (a reopen)
   * goes back to the queue, and the team lead gives it to a colleague at once when one is online.
   */
  private needReply(t: Ticket): void {
    if (t.agent && t.agent.status !== 'offline') {
      this.scheduleReply(t);
      return;
    }
    const gone = t.agent;
    if (gone) this.unassign(t);
    this.route(t, gone ?? undefined);
  }

  /** The assigned agent works on the ticket: replies (and maybe solves), or hands it on. */
  private agentStep(t: Ticket, version: number): void {
    if (t.version !== version || t.agent === null) return;
    const { core } = this;
    const rng = core.rng;
    const agent = t.agent;
    if (agent.status !== 'online') {
      // On a break: the team lead passes pressing work to a colleague; the rest waits for the agent's return.
      const other = pressing(t) ? this.pickAgent(t, agent) : undefined;
      if (other) {
        t.reassigns++;
        this.assign(t, other);
        this.scheduleReply(t);
        return;
      }
      const list = this.deferred.get(agent) ?? [];
      list.push({ ticket: t, version });
      this.deferred.set(agent, list);
      return;
    }
    // Reassignment: rare, but a ticket already passed on tends to be passed on again.
    if (rng.chance(t.reassigns === 0 ? 0.02 : 0.1)) {
      const other = this.pickAgent(t, agent);
      if (other) {
        t.reassigns++;
        this.assign(t, other);
        this.scheduleReply(t);
        return;
      }
    }
    this.reply(t, agent);
  }

  /** The agent replies: the ticket is solved, put on hold or waits for the customer (pending). */
  private reply(t: Ticket, agent: AgentState): void {
    const { core } = this;
    const rng = core.rng;
    core.emit({ type: 'ticket.agent_replied', ticket_id: t.id, agent_id: agent.def.id });
    t.firstReplyMs ??= core.now - t.createdAt;
    t.awaiting = null;
    t.exchanges++;
    if (t.status !== 'open') this.setStatus(t, 'open');
    const v = ++t.version;
    if (rng.chance(Math.min(0.9, 0.3 + 0.15 * t.exchanges))) {
      this.solve(t);
    } else if (!pressing(t) && rng.chance(0.05)) {
      // on hold: waiting on another team, about an hour
      this.setStatus(t, 'on_hold');
      core.after(rng.exponential(HOUR), () => {
        if (t.version !== v || t.status !== 'on_hold') return;
        this.setStatus(t, 'open');
        t.awaiting = core.now;
        this.needReply(t);
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
    if (t.status === 'solved' && t.agent) this.hold(t.agent, t);
    t.awaiting ??= this.core.now;
    if (t.status !== 'open') this.setStatus(t, 'open');
    this.needReply(t);
  }

  private solve(t: Ticket): void {
    const { core } = this;
    const rng = core.rng;
    this.setStatus(t, 'solved');
    t.awaiting = null;
    if (t.agent) this.held.get(t.agent)?.delete(t);
    const v = ++t.version;
    if (rng.chance(0.22)) {
      const agentId = t.agent?.def.id;
      // a customer writing in expects hours, not seconds: an hour to the first reply weighs like 45 s in a chat
      const waited = (t.firstReplyMs ?? 0) / 80;
      core.after(rng.exponential(2 * HOUR), () => {
        core.emit({
          type: 'csat.rated',
          ticket_id: t.id,
          ...(agentId ? { agent_id: agentId } : {}),
          ...rateContact(rng, waited),
        });
      });
    }
    if (rng.chance(0.05)) core.after(rng.exponential(12 * HOUR), () => this.customerReply(t, v));
    core.after(rng.uniform(1, 3) * DAY, () => {
      if (t.version === v && t.status === 'solved') this.setStatus(t, 'closed');
    });
  }
}

// agent_stranded (critical): an agent went away or offline holding active chats or open tickets;
// suggests reassigning them to online agents of those queues with spare capacity, least loaded first.
// rebalance (warning): a queue's wait is critical while another queue has idle online agents and nobody
// waiting; suggests moving those agents.
import { own, type AgentView } from '@pulse/contracts';
import { atOrAbove, fmtDuration, type Condition, type Rule } from '../condition.ts';
import { relievers } from '../suggest.ts';

const SUGGESTED = 5;

export const agentStranded: Rule = (ctx) => {
  const out: Condition[] = [];
  for (const a of ctx.snapshot.agents) {
    if (a.status === 'online') continue;
    const items = own(ctx.agentItems, a.id);
    if (!items || items.chats.length + items.tickets.length === 0) continue;
    const to = relievers(ctx.snapshot.agents, a.queues, a.id).slice(0, SUGGESTED);
    const names = to.map((x) => x.name).join(', ');
    out.push({
      rule: 'agent_stranded',
      subject: a.id,
      severity: 'critical',
      scope: { agent_id: a.id, ...(a.queues.length === 1 ? { queue: a.queues[0] } : {}) },
      title: `${a.name} is ${a.status} holding ${describe(items)}`,
      message:
        `${a.name} went ${a.status} at ${a.status_since} holding ${describe(items)}. ` +
        (to.length > 0 ? `Reassign to ${names}.` : 'No online agent of those queues has spare capacity.'),
      value: items.chats.length + items.tickets.length,
      threshold: 0,
      suggestion: {
        action: 'reassign',
        items: [...items.chats.map((id) => ({ kind: 'chat' as const, id })), ...items.tickets.map((id) => ({ kind: 'ticket' as const, id }))],
        from_agent_id: a.id,
        to_agent_ids: to.map((x) => x.id),
      },
    });
  }
  return out;
};

function describe(items: { chats: string[]; tickets: string[] }): string {
  const parts = [];
  if (items.chats.length) parts.push(`${items.chats.length} active chat${items.chats.length > 1 ? 's' : ''}`);
  if (items.tickets.length) parts.push(`${items.tickets.length} open ticket${items.tickets.length > 1 ? 's' : ''}`);
  return parts.join(' and ');
}

const idle = (a: AgentView) => a.status === 'online' && a.active_chats === 0;

export const rebalance: Rule = (ctx) => {
  const out: Condition[] = [];
  const queues = ctx.snapshot.queues;
  for (const [queue, m] of Object.entries(queues)) {
    const t = ctx.thresholds(queue);
    const wasCritical = ctx.active('rebalance', queue) !== null;
    if (!atOrAbove(m.longest_wait_s, t.queueWaitCriticalS, wasCritical, ctx.hysteresis)) continue;
    // donors: other queues with nobody waiting and idle online agents who do not serve this queue yet
    const donors = Object.entries(queues)
      .filter(([q, qm]) => q !== queue && qm.waiting === 0)
      .map(([q]) => ({ q, agents: ctx.snapshot.agents.filter((a) => idle(a) && a.queues.includes(q) && !a.queues.includes(queue)) }))
      .filter((d) => d.agents.length > 0)
      .sort((a, b) => b.agents.length - a.agents.length || (a.q < b.q ? -1 : 1));
    if (donors.length === 0) continue;
    const d = donors[0];
    out.push({
      rule: 'rebalance',
      subject: queue,
      severity: 'warning',
      scope: { queue },
      title: `Move idle agents from ${d.q} to ${queue}`,
      message: `${queue} has ${m.waiting} waiting, the longest for ${fmtDuration(m.longest_wait_s)}, while ${d.q} has nobody waiting and ${d.agents.length} idle agent${d.agents.length > 1 ? 's' : ''}: ${d.agents.map((a) => a.name).join(', ')}.`,
      value: m.longest_wait_s,
      threshold: t.queueWaitCriticalS,
      suggestion: { action: 'move_agent', items: d.agents.map((a) => ({ kind: 'agent' as const, id: a.id })), from_queue: d.q, to_queue: queue },
    });
  }
  return out;
};

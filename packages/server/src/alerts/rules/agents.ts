// agent_stranded (critical): an agent went away or offline holding active chats or tickets with unmet targets whose clock runs; suggests,
// ticket by ticket and chat by chat, online agents of that item's queue with spare capacity, least loaded first.
// rebalance (warning): a queue's wait is critical while another queue has idle online agents and nobody
// waiting; suggests moving those agents.
import { own, recordOf, type AgentView, type Suggestion } from '@pulse/contracts';
import { atOrAbove, type Condition, type Rule, type RuleContext } from '../condition.ts';
import { chooseStaffingMove, describeMove } from '../staffing-move.ts';
import { planReassign } from '../suggest.ts';

function suggestionNames(ctx: RuleContext, agentIds: string[], queues: string[]): Pick<Suggestion, 'names' | 'queue_names'> {
  const names = recordOf([...new Set(agentIds)].map((id) => [id, ctx.names.agent(id)] as const));
  const named = [...new Set(queues)].filter((q) => ctx.names.queue(q) !== q);
  return { names, ...(named.length > 0 ? { queue_names: recordOf(named.map((q) => [q, ctx.names.queue(q)] as const)) } : {}) };
}

export const agentStranded: Rule = function* (ctx) {
  for (const a of ctx.snapshot.agents) {
    if (a.status === 'online') continue;
    const held = own(ctx.agentItems, a.id);
    if (!held || held.chats.length + held.tickets.length === 0) continue;
    const items = planReassign(ctx.snapshot.agents, held, a, ctx.link);
    const firsts = [...new Set(items.flatMap((i) => i.to_agent_ids?.slice(0, 1) ?? []))];
    const mentioned = [a.id, ...items.flatMap((i) => i.to_agent_ids ?? [])];
    const queues = items.flatMap((i) => (i.queue ? [i.queue] : []));
    const since = a.status_since ? Date.parse(a.status_since) : null;
    yield {
      rule: 'agent_stranded',
      subject: a.id,
      severity: 'critical',
      scope: { agent_id: a.id, ...(a.queues.length === 1 ? { queue: a.queues[0] } : {}) },
      value: held.chats.length + held.tickets.length,
      threshold: 0,
      since,
      latest: Math.max(since ?? -Infinity, ...held.chats.map((c) => c.at), ...held.tickets.map((t) => t.at)),
      details: {
        kind: 'agent_stranded',
        agent_id: a.id,
        agent_name: ctx.names.agent(a.id),
        status: a.status,
        status_since: a.status_since,
        chats: held.chats.length,
        tickets: held.tickets.length,
      },
      suggestion: { action: 'reassign', items, from_agent_id: a.id, to_agent_ids: firsts, ...suggestionNames(ctx, mentioned, queues) },
    };
  }
};

const idle = (a: AgentView) => a.status === 'online' && a.active_chats === 0;

export const rebalance: Rule = (ctx) => {
  const out: Condition[] = [];
  const queues = ctx.snapshot.queues;
  for (const [queue, m] of Object.entries(queues)) {
    const t = ctx.thresholds(queue);
    const wasActive = ctx.active('rebalance', queue) !== null;
    if (!atOrAbove(m.longest_wait_s, t.queueWaitCriticalS, wasActive, ctx.hysteresis)) continue;
    // donors: other queues with nobody waiting and idle online agents who do not serve this queue yet
    const donors = Object.entries(queues)
      .filter(([q, qm]) => q !== queue && qm.waiting === 0)
      .map(([q]) => ({ q, agents: ctx.snapshot.agents.filter((a) => idle(a) && a.queues.includes(q) && !a.queues.includes(queue)) }))
      .filter((d) => d.agents.length > 0)
      .sort((a, b) => b.agents.length - a.agents.length || (a.q < b.q ? -1 : 1));
    const d = donors[0];
    if (d === undefined) continue;
    // with staffing known, the move of whole agents that brings the queue to its goal (staffing-move.ts)
    const choice = chooseStaffingMove(queue, queues, ctx.snapshot.agents);
    const move = choice ? describeMove(choice, ctx.names) : undefined;
    const movers = move ? move.agents.map((a) => a.id) : d.agents.map((a) => a.id);
    const fromQueues = move ? [...new Set(move.agents.flatMap((a) => a.from_queues))] : [d.q];
    out.push({
      rule: 'rebalance',
      subject: queue,
      severity: 'warning',
      scope: { queue },
      value: m.longest_wait_s,
      threshold: t.queueWaitCriticalS,
      // the moment the longest wait passed the critical threshold
      since: Date.parse(ctx.snapshot.at) - (m.longest_wait_s - t.queueWaitCriticalS) * 1000,
      details: {
        kind: 'rebalance',
        queue,
        queue_name: ctx.names.queue(queue),
        waiting: m.waiting,
        longest_wait_s: m.longest_wait_s,
        from_queue: d.q,
        from_queue_name: ctx.names.queue(d.q),
        idle: d.agents.map((a) => ({ id: a.id, name: ctx.names.agent(a.id) })),
        ...(move ? { move } : {}),
      },
      suggestion: {
        action: 'move_agent',
        items: movers.map((id) => ({ kind: 'agent' as const, id })),
        ...(fromQueues.length === 1 ? { from_queue: fromQueues[0] } : {}),
        to_queue: queue,
        ...suggestionNames(ctx, movers, [...fromQueues, queue]),
        ...(move ? { move } : {}),
      },
    });
  }
  return out;
};

// Whom to give a stranded agent's tickets and chats to, item by item: only online agents who serve the item's
// queue and have spare chat capacity, least loaded first (chat load, then open tickets, then name). Items are
// planned in turn, each counting towards its first choice's load, so eight tickets are spread rather than
// all offered to the same person, and a chat is never planned beyond an agent's capacity.
import type { AgentView, SuggestionItem } from '@pulse/contracts';
import type { HeldItem } from './condition.ts';

/** Candidates named per item. */
export const CANDIDATES_PER_ITEM = 3;

interface Load {
  agent: AgentView;
  chats: number;
  tickets: number;
}

/**
 * The first `k` of the list that `keep` keeps, in `order` (a total order): what sorting them all and taking
 * `k` gives, without sorting them all (one pass per item, over every online agent, on a big floor).
 */
function firstOf<T>(list: readonly T[], k: number, keep: (x: T) => boolean, order: (a: T, b: T) => number): T[] {
  const top: T[] = [];
  for (const x of list) {
    if (!keep(x)) continue;
    if (top.length === k && order(x, top[k - 1]!) >= 0) continue;
    let at = Math.min(top.length, k - 1);
    while (at > 0 && order(x, top[at - 1]!) < 0) at--;
    top.splice(at, 0, x);
    if (top.length > k) top.pop();
  }
  return top;
}

export function planReassign(
  agents: AgentView[],
  items: { chats: HeldItem[]; tickets: HeldItem[] },
  from: AgentView,
  link: (kind: 'ticket' | 'chat', id: string) => string | undefined,
): SuggestionItem[] {
  const loads: Load[] = agents
    .filter((a) => a.id !== from.id && a.status === 'online')
    .map((agent) => ({ agent, chats: agent.active_chats, tickets: agent.open_tickets }));
  // the online agents of each queue (an item looks only at its queue's agents, not at everyone online)
  const byQueue = new Map<string, Load[]>();
  for (const l of loads) {
    for (const q of new Set(l.agent.queues)) {
      const list = byQueue.get(q);
      if (list) list.push(l);
      else byQueue.set(q, [l]);
    }
  }
  const order = (x: Load, y: Load) =>
    x.chats / Math.max(1, x.agent.chat_capacity) - y.chats / Math.max(1, y.agent.chat_capacity) ||
    x.tickets - y.tickets ||
    (x.agent.name < y.agent.name ? -1 : x.agent.name > y.agent.name ? 1 : 0) ||
    (x.agent.id < y.agent.id ? -1 : x.agent.id > y.agent.id ? 1 : 0);
  const plan = (kind: 'chat' | 'ticket', item: HeldItem): SuggestionItem => {
    // an item whose queue is unknown goes to agents of the stranded agent's queues
    const queues = item.queue !== null ? [item.queue] : from.queues;
    const serving = queues.length === 1 ? (byQueue.get(queues[0]!) ?? []) : [...new Set(queues.flatMap((q) => byQueue.get(q) ?? []))];
    const fit = firstOf(serving, CANDIDATES_PER_ITEM, (l) => l.chats < l.agent.chat_capacity, order);
    const first = fit[0];
    if (first) {
      if (kind === 'chat') first.chats++;
      else first.tickets++;
    }
    const url = link(kind, item.id);
    return {
      kind,
      id: item.id,
      queue: item.queue,
      to_agent_ids: fit.map((l) => l.agent.id),
      ...(url ? { url } : {}),
    };
  };
  return [...items.chats.map((c) => plan('chat', c)), ...items.tickets.map((t) => plan('ticket', t))];
}

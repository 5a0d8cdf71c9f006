// Whom to suggest: online agents of the given queues with spare chat capacity, least loaded first
// (load, then open tickets, then id, so the order is deterministic).
import type { AgentView } from '@pulse/contracts';

export function relievers(agents: AgentView[], queues: string[], exclude: string): AgentView[] {
  return agents
    .filter(
      (a) =>
        a.id !== exclude &&
        a.status === 'online' &&
        a.active_chats < a.chat_capacity &&
        a.queues.some((q) => queues.includes(q)),
    )
    .sort(
      (a, b) =>
        (a.load_pct ?? 100) - (b.load_pct ?? 100) ||
        a.open_tickets - b.open_tickets ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

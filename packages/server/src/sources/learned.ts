// What a webhook delivery teaches Pulse besides its events: display names of queues and agents, Zendesk
// group names, and which queues an agent works in (docs/sources.md, "Names, queues and presence").
// Adapters add to it while they map; the plugin stores it once the delivery is accepted.
import { LIMITS } from '@pulse/contracts';

export class Learned {
  /** queue id → display name (a queue named by an id: an unmapped Zendesk group, a Chatwoot inbox) */
  readonly queueNames = new Map<string, string>();
  /** Pulse agent id → the agent's name */
  readonly agentNames = new Map<string, string>();
  /** Zendesk group id → group name */
  readonly groupNames = new Map<string, string>();
  /** Pulse agent id → queues the agent was seen working in */
  readonly agentQueues = new Map<string, Set<string>>();

  queue(id: string, name: string | null): void {
    const n = clean(name);
    if (n !== null && n !== id) this.queueNames.set(id, n);
  }

  agent(id: string, name: string | null): void {
    const n = clean(name);
    if (n !== null && n !== id) this.agentNames.set(id, n);
  }

  group(id: string | null, name: string | null): void {
    const n = clean(name);
    if (id !== null && n !== null) this.groupNames.set(id, n);
  }

  /** The agent works in the queue (null: not known from this payload). */
  work(agent: string | null, queue: string | null): void {
    if (agent === null || queue === null || queue.length > LIMITS.nameLength) return;
    const set = this.agentQueues.get(agent) ?? new Set<string>();
    set.add(queue);
    this.agentQueues.set(agent, set);
  }

  get empty(): boolean {
    return this.queueNames.size + this.agentNames.size + this.groupNames.size + this.agentQueues.size === 0;
  }
}

/** A name as a display name: trimmed, bounded like event names; null when there is none. */
function clean(name: string | null): string | null {
  if (name === null) return null;
  const n = name.trim().slice(0, LIMITS.nameLength);
  return n === '' ? null : n;
}

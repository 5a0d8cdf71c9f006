// The help-desk agents in the live snapshot (docs/sources.md, "Names, queues and presence"):
// - an agent without a name (its name is its id) gets the name a help-desk payload gave it;
// - an agent without queues gets the queues it worked in over the last 30 days;
// - an agent a source has seen in the last 30 days, who holds work (active chats, open tickets) but has no
//   status because its help desk sends no presence, counts as online, marked `presence: 'inferred'` for
//   the board to say so.
import { own, type Snapshot } from '@pulse/contracts';
import { agentSetKey, DEFAULT_CHAT_CAPACITY, type AgentState, type LiveView, type StateReader } from '@pulse/metrics';
import type { AgentCompletion } from '../live/service.ts';
import { AGENT_QUEUE_MEMORY_MS, type SourceDirectory } from './directory.ts';

const unchanged = (snap: Snapshot) => snap;
/** ids are data: `__proto__` is an agent like any other */
const setOwn = (rec: Record<string, number>, key: string, value: number) =>
  Object.defineProperty(rec, key, { value, enumerable: true, writable: true, configurable: true });

export function sourceAgents(directory: SourceDirectory): AgentCompletion {
  return async (view: LiveView, reader: StateReader) => {
    const [names, known] = await Promise.all([directory.agentNames(), directory.agents(view.now - AGENT_QUEUE_MEMORY_MS)]);
    if (known.length === 0) return unchanged;
    const present = new Set(view.agents.map((a) => a.id));
    const absent = known.filter((id) => !present.has(id));
    const work = await Promise.all(
      absent.map((id) => Promise.all([reader.zcard(agentSetKey('agentchats', id)), reader.zcard(agentSetKey('agenttickets', id))])),
    );
    const working = absent.map((id, i) => ({ id, chats: work[i]![0], tickets: work[i]![1] })).filter((w) => w.chats + w.tickets > 0);

    const knownSet = new Set(known);
    const queueless = view.agents.filter((a) => a.queues.length === 0 && knownSet.has(a.id)).map((a) => a.id);
    const queues = await directory.agentQueues([...working.map((w) => w.id), ...queueless], view.now - AGENT_QUEUE_MEMORY_MS);

    for (const a of view.agents) {
      if (a.name === a.id) a.name = own(names, a.id) ?? a.name;
      if (a.queues.length === 0) a.queues = queues.get(a.id) ?? [];
    }
    for (const w of working) {
      const agent: AgentState = {
        id: w.id,
        name: own(names, w.id) ?? w.id,
        status: 'online',
        since: 0,
        queues: queues.get(w.id) ?? [],
        capacity: DEFAULT_CHAT_CAPACITY,
        timeline: [],
      };
      view.agents.push(agent);
      setOwn(view.agentChats, w.id, w.chats);
      setOwn(view.agentTickets, w.id, w.tickets);
    }
    if (working.length === 0) return unchanged;
    view.agents.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const inferred = new Set(working.map((w) => w.id));
    return (snap) => ({ ...snap, agents: snap.agents.map((a) => (inferred.has(a.id) ? { ...a, presence: 'inferred' as const } : a)) });
  };
}

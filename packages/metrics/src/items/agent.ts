// An agent's state: the latest status by event time, name, queues and capacity, and its status timeline.
import type { AgentStatus, EventOf } from '@pulse/contracts';
import type { Derived } from './item.ts';
import { byEventTime } from './order.ts';
import { LIVE_HASH } from '../model/keys.ts';

export const DEFAULT_CHAT_CAPACITY = 3;
/** How many status changes an agent keeps (a day of changes at most matters for the timeline). */
const TIMELINE_LIMIT = 500;

export interface AgentState {
  id: string;
  name: string;
  status: AgentStatus;
  since: number;
  queues: string[];
  capacity: number;
  /** status changes, oldest first: [status, ts] */
  timeline: [AgentStatus, number][];
}

export function deriveAgentState(agentId: string, events: EventOf<'agent.status_changed'>[]): AgentState | null {
  if (events.length === 0) return null;
  const sorted = [...events].sort(byEventTime({}));
  const st: AgentState = { id: agentId, name: agentId, status: 'offline', since: 0, queues: [], capacity: DEFAULT_CHAT_CAPACITY, timeline: [] };
  let first = true;
  for (const e of sorted) {
    if (e.name !== undefined) st.name = e.name;
    if (e.queues !== undefined) st.queues = [...e.queues];
    if (e.chat_capacity !== undefined) st.capacity = e.chat_capacity;
    if (first || e.status !== st.status) {
      st.status = e.status;
      st.since = e.ts;
      st.timeline.push([e.status, e.ts]);
    }
    first = false;
  }
  if (st.timeline.length > TIMELINE_LIMIT) st.timeline = st.timeline.slice(-TIMELINE_LIMIT);
  return st;
}

export function deriveAgent(agentId: string, events: EventOf<'agent.status_changed'>[]): Derived {
  const st = deriveAgentState(agentId, events);
  if (!st) return { contributions: [], expireAt: null };
  return { contributions: [{ k: 'h', key: LIVE_HASH.agents, field: agentId, v: JSON.stringify(st) }], expireAt: null };
}

/** Agent events older than this are folded into one checkpoint event, so an agent's state stays small. */
export const AGENT_EVENTS_KEPT_MS = 48 * 3600_000;
export const CHECKPOINT_ID = '~checkpoint';

/**
 * Folds the events older than `now − AGENT_EVENTS_KEPT_MS` into one synthetic event that carries the state
 * they lead to (status from the start of that status, name, queues, capacity). Deriving from the result
 * gives the same state and the same timeline of the last 48 hours. Returns null when nothing is old enough.
 */
export function compactAgentEvents(
  agentId: string,
  events: EventOf<'agent.status_changed'>[],
  now: number,
): { keep: EventOf<'agent.status_changed'>[]; drop: string[]; checkpoint: EventOf<'agent.status_changed'> } | null {
  const cutoff = now - AGENT_EVENTS_KEPT_MS;
  const old = events.filter((e) => e.ts < cutoff);
  if (old.length < 2) return null;
  const st = deriveAgentState(agentId, old)!;
  const checkpoint: EventOf<'agent.status_changed'> = {
    id: CHECKPOINT_ID,
    type: 'agent.status_changed',
    ts: st.since,
    agent_id: agentId,
    status: st.status,
    name: st.name,
    queues: st.queues,
    chat_capacity: st.capacity,
  };
  return { keep: events.filter((e) => e.ts >= cutoff), drop: old.map((e) => e.id), checkpoint };
}

// Agents at work: their status, the chats they hold, and how they log in, take breaks and leave.
// An agent about to go away or offline first stops taking chats and finishes the ones it has,
// except now and then, when it leaves at once holding them (what an `agent_stranded` alert is for).
// Routing never gives an agent more chats than its `chat_capacity`. Before logging off an agent hands its
// tickets on, and before a break it answers what waits for it (the `offline` and `away` hooks run before the
// status change is emitted).
import type { AgentStatus } from '@pulse/contracts';
import type { AgentDef, World } from '../world.ts';
import type { SimCore } from './core.ts';
import { MINUTE } from './calendar.ts';

export interface AgentState {
  def: AgentDef;
  status: AgentStatus;
  /** The status the agent is heading to once its chats are done. */
  leaving: 'away' | 'offline' | null;
  leaveToken: number;
  /** Chats reserved or active with this agent. */
  chats: Set<{ state: string }>;
  handled: number;
  /** When the agent last logged in (its shift started); -Infinity before the first login. */
  loginAt: number;
}

export interface RosterHooks {
  /** The agent came online (logged in or back from away). */
  online(agent: AgentState): void;
  /** The agent may take chats again. */
  available(agent: AgentState): void;
  /** The agent is about to log off: hand its work on. */
  offline(agent: AgentState): void;
  /** The agent is about to go on a break: finish what waits for it. */
  away(agent: AgentState): void;
}

const MAX_DRAIN = 20 * MINUTE;
const SUDDEN_AWAY = 0.03;

export class Roster {
  readonly agents: AgentState[];
  private readonly byQueue = new Map<string, AgentState[]>();
  hooks: RosterHooks = { online() {}, available() {}, offline() {}, away() {} };

  constructor(
    private readonly core: SimCore,
    world: World,
  ) {
    this.agents = world.agents.map((def) => ({
      def,
      status: 'offline' as AgentStatus,
      leaving: null,
      leaveToken: 0,
      chats: new Set(),
      handled: 0,
      loginAt: -Infinity,
    }));
    for (const q of world.queues) this.byQueue.set(q.name, []);
    for (const a of this.agents) for (const q of a.def.queues) this.byQueue.get(q)?.push(a);
  }

  serving(queue: string): readonly AgentState[] {
    return this.byQueue.get(queue) ?? [];
  }

  /** Online, not on the way out, with spare chat capacity. */
  canTakeChat(a: AgentState): boolean {
    return a.status === 'online' && a.leaving === null && a.chats.size < a.def.chatCapacity;
  }

  /** The shift plan wants the agent in `status`. */
  want(a: AgentState, status: AgentStatus): void {
    if (status === 'online') {
      if (a.status === 'online') {
        if (a.leaving !== null) {
          a.leaving = null;
          a.leaveToken++;
          this.hooks.available(a);
        }
        return;
      }
      this.set(a, 'online');
      return;
    }
    if (a.status === 'offline') return;
    if (a.status === 'away') {
      if (status === 'offline') this.set(a, 'offline');
      return;
    }
    const hasReserved = [...a.chats].some((c) => c.state === 'reserved');
    if (a.chats.size === 0 || (status === 'away' && !hasReserved && this.core.rng.chance(SUDDEN_AWAY))) {
      this.set(a, status);
      return;
    }
    a.leaving = status;
    const token = ++a.leaveToken;
    this.core.after(MAX_DRAIN, () => {
      if (a.leaving !== null && a.leaveToken === token && ![...a.chats].some((c) => c.state === 'reserved')) {
        this.set(a, a.leaving);
      }
    });
  }

  /** A chat left the agent: finish leaving when it was the last, else offer more work. */
  freed(a: AgentState): void {
    if (a.leaving !== null) {
      if (a.chats.size === 0) this.set(a, a.leaving);
      return;
    }
    if (a.status === 'online') this.hooks.available(a);
  }

  private set(a: AgentState, status: AgentStatus): void {
    const login = a.status === 'offline' && status === 'online';
    if (status === 'offline') this.hooks.offline(a);
    if (status === 'away' && a.status === 'online') this.hooks.away(a);
    a.status = status;
    a.leaving = null;
    a.leaveToken++;
    if (login) {
      a.loginAt = this.core.now;
      this.core.emit({
        type: 'agent.status_changed',
        agent_id: a.def.id,
        status,
        name: a.def.name,
        queues: [...a.def.queues],
        chat_capacity: a.def.chatCapacity,
      });
    } else {
      this.core.emit({ type: 'agent.status_changed', agent_id: a.def.id, status });
    }
    if (status === 'online') this.hooks.online(a);
  }
}

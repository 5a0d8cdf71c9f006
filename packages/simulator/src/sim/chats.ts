// Chats: a contact waits in its queue, is picked up by an online agent of that queue with spare
// capacity (oldest wait first) or abandons when its patience runs out; handled, sometimes transferred
// to another agent or queue, ended, and now and then rated.
import type { ChatChannel, Tier } from '@pulse/contracts';
import type { QueueDef, World } from '../world.ts';
import type { AgentState, Roster } from './agents.ts';
import type { SimCore } from './core.ts';
import { rateContact } from './csat.ts';

export interface Chat {
  id: string;
  queue: QueueDef;
  channel: ChatChannel;
  state: 'waiting' | 'reserved' | 'active' | 'done';
  waitStart: number;
  waitToken: number;
  totalWaitMs: number;
  agent: AgentState | null;
}

interface Entry {
  chat: Chat;
  token: number;
}

/** Whether the chat of an entry still waits: the entry is stale once the chat was taken or waits anew. */
const isWaiting = ({ chat, token }: Entry): boolean => chat.state === 'waiting' && chat.waitToken === token;

/** The agent of a chat being handled: one that has none here is a bug of the simulation. */
function agentOf(chat: Chat): AgentState {
  if (!chat.agent) throw new Error(`chat ${chat.id} is handled by nobody`);
  return chat.agent;
}

/** A FIFO of waiting chats with lazy removal of those no longer waiting. */
class WaitList {
  private items: Entry[] = [];
  private head = 0;

  push(chat: Chat): void {
    this.items.push({ chat, token: chat.waitToken });
  }

  peek(): Chat | undefined {
    while (this.head < this.items.length) {
      const e = this.items[this.head];
      if (e && isWaiting(e)) return e.chat;
      this.head++;
    }
    if (this.head > 0) {
      this.items = [];
      this.head = 0;
    }
    return undefined;
  }

  /** How many wait, counting up to `max` at most. */
  count(max: number): number {
    let n = 0;
    for (let i = this.head; i < this.items.length && n < max; i++) {
      const e = this.items[i];
      if (e && isWaiting(e)) n++;
    }
    return n;
  }
}

/** Per-channel timings in seconds: median patience and handle time (log-normal), pick-up delay range. */
const TIMING: Record<ChatChannel, { patience: number; pickup: [number, number]; handle: number }> = {
  chat: { patience: 120, pickup: [3, 15], handle: 420 },
  voice: { patience: 90, pickup: [2, 8], handle: 300 },
  messaging: { patience: 600, pickup: [5, 40], handle: 900 },
  social: { patience: 900, pickup: [5, 45], handle: 600 },
};

/** Chance of a slow pick-up (seconds, median) by an idle agent, and how much each share of load adds to it. */
const SLOW_PICKUP = 0.06;
const SLOW_PICKUP_PER_LOAD = 0.14;
const SLOW_PICKUP_S = 50;
const TRANSFER = 0.05;
const TO_AGENT = 0.4;
const RATED = 0.25;
/** A queue whose oldest waiting customer has waited this long is flooded: helpers keep a seat for their own. */
const FLOODED_AFTER_MS = 60_000;
/** A customer who has waited this long in a queue where at most STRAGGLERS wait is taken by any of its agents first. */
const STRAGGLER_AFTER_MS = 75_000;
const STRAGGLERS = 5;

export class ChatDesk {
  private readonly waiting = new Map<string, WaitList>();
  private readonly queues: readonly QueueDef[];

  constructor(
    private readonly core: SimCore,
    private readonly roster: Roster,
    world: World,
  ) {
    this.queues = world.queues;
    for (const q of world.queues) this.waiting.set(q.name, new WaitList());
  }

  /** A customer starts a chat in `queue`; `patience` scales how long they wait before giving up. */
  request(queue: QueueDef, patience = 1): void {
    const { core } = this;
    const rng = core.rng;
    const channel = rng.weighted(queue.chatChannels);
    const chat: Chat = {
      id: core.newId('chat'),
      queue,
      channel,
      state: 'waiting',
      waitStart: core.now,
      waitToken: 0,
      totalWaitMs: 0,
      agent: null,
    };
    const tier: Tier = queue.vip || rng.chance(0.03) ? 'vip' : 'standard';
    core.emit({
      type: 'chat.requested',
      chat_id: chat.id,
      queue: queue.name,
      channel,
      ...(rng.chance(0.9) ? { customer: { id: `cust-${rng.int(1, 50_000)}`, tier } } : {}),
    });
    this.enqueue(chat, patience);
  }

  /**
   * Gives the agent waiting chats while it has spare capacity: a straggler of another of its queues first, then its
   * own queue's, then the oldest of its other queues (so a queue in trouble draws on its neighbours' agents only
   * when their own queues are served, and never on their last seat while it is flooded: `mayHelp`).
   */
  fill(agent: AgentState): void {
    while (this.roster.canTakeChat(agent)) {
      let next = this.straggler(agent) ?? this.waiting.get(agent.def.primary)?.peek();
      if (!next) {
        for (const q of agent.def.queues) {
          const c = this.waiting.get(q)?.peek();
          if (c && (!next || c.waitStart < next.waitStart) && this.mayHelp(agent, q)) next = c;
        }
      }
      if (!next) return;
      this.reserve(next, agent);
    }
  }

  /** The waiting list of a queue (every queue of the world has one from the start). */
  private waitList(queue: string): WaitList {
    let list = this.waiting.get(queue);
    if (!list) {
      list = new WaitList();
      this.waiting.set(queue, list);
    }
    return list;
  }

  private enqueue(chat: Chat, patienceFactor: number, exclude?: AgentState): void {
    const { core } = this;
    chat.state = 'waiting';
    chat.waitStart = core.now;
    const token = ++chat.waitToken;
    this.waitList(chat.queue.name).push(chat);
    core.after(core.rng.logNormal(TIMING[chat.channel].patience * 1000 * patienceFactor, 0.7), () => {
      if (chat.state !== 'waiting' || chat.waitToken !== token) return;
      chat.state = 'done';
      core.emit({ type: 'chat.abandoned', chat_id: chat.id });
    });
    const agent = this.bestAgent(chat.queue.name, exclude);
    if (agent) this.reserve(chat, agent);
  }

  /**
   * A customer of another of the agent's queues who has waited long while hardly anyone else waits there (a
   * straggler, not a surge): taken before the agent's own queue, so one busy queue does not leave a quiet
   * neighbour's customer waiting for minutes.
   */
  private straggler(agent: AgentState): Chat | undefined {
    let found: Chat | undefined;
    for (const q of agent.def.queues) {
      if (q === agent.def.primary) continue;
      const list = this.waiting.get(q);
      const c = list?.peek();
      if (!list || !c || this.core.now - c.waitStart <= STRAGGLER_AFTER_MS || list.count(STRAGGLERS + 1) > STRAGGLERS) continue;
      if (!found || c.waitStart < found.waitStart) found = c;
    }
    return found;
  }

  /**
   * Whether the agent takes a chat of `queue` now. Its own queue's always; another queue's too, except that while
   * that queue is flooded (its oldest customer has waited over a minute) the agent keeps one seat free for its own
   * queue: a neighbour's surge borrows spare hands, it does not leave the agent's own customers waiting.
   */
  private mayHelp(a: AgentState, queue: string): boolean {
    if (a.def.primary === queue || a.def.chatCapacity === 1 || a.chats.size < a.def.chatCapacity - 1) return true;
    const oldest = this.waiting.get(queue)?.peek();
    return oldest === undefined || this.core.now - oldest.waitStart <= FLOODED_AFTER_MS;
  }

  /** The least loaded agent of the queue that can take a chat now. */
  private bestAgent(queue: string, exclude?: AgentState): AgentState | undefined {
    let best: AgentState | undefined;
    let bestLoad = Infinity;
    for (const a of this.roster.serving(queue)) {
      if (a === exclude || !this.roster.canTakeChat(a) || !this.mayHelp(a, queue)) continue;
      // the least loaded, the queue's own agents before those who also take it
      const load = a.chats.size / a.def.chatCapacity + (a.def.primary === queue ? 0 : 0.34) + a.handled * 1e-6;
      if (load < bestLoad) {
        best = a;
        bestLoad = load;
      }
    }
    return best;
  }

  /**
   * The agent accepts the chat; the customer sees the answer after a short pick-up delay, or a longer one now
   * and then (the agent was finishing a reply elsewhere), more often the busier the agent already is.
   */
  private reserve(chat: Chat, agent: AgentState): void {
    const { core } = this;
    const rng = core.rng;
    const load = agent.chats.size / agent.def.chatCapacity;
    chat.state = 'reserved';
    chat.agent = agent;
    agent.chats.add(chat);
    const [lo, hi] = TIMING[chat.channel].pickup;
    const delay = rng.chance(SLOW_PICKUP + SLOW_PICKUP_PER_LOAD * load) ? rng.logNormal(SLOW_PICKUP_S, 0.4) : rng.uniform(lo, hi);
    core.after(delay * 1000, () => {
      chat.state = 'active';
      chat.totalWaitMs += core.now - chat.waitStart;
      core.emit({ type: 'chat.answered', chat_id: chat.id, agent_id: agent.def.id });
      this.handle(chat);
    });
  }

  private handle(chat: Chat): void {
    const { core } = this;
    const handleMs = core.rng.logNormal(TIMING[chat.channel].handle * 1000, 0.5);
    if (core.rng.chance(TRANSFER)) {
      const part = core.rng.uniform(0.2, 0.6);
      core.after(handleMs * part, () => this.transfer(chat, handleMs * (1 - part)));
    } else {
      core.after(handleMs, () => this.end(chat));
    }
  }

  private transfer(chat: Chat, remainingMs: number): void {
    const { core, roster } = this;
    const from = agentOf(chat);
    if (core.rng.chance(TO_AGENT)) {
      const to = this.bestAgent(chat.queue.name, from);
      if (to) {
        core.emit({ type: 'chat.transferred', chat_id: chat.id, to_agent_id: to.def.id });
        from.chats.delete(chat);
        to.chats.add(chat);
        chat.agent = to;
        core.after(remainingMs, () => this.end(chat));
        roster.freed(from);
        return;
      }
    }
    const others = this.queues.filter((q) => q !== chat.queue && !q.vip);
    if (others.length === 0) {
      core.after(remainingMs, () => this.end(chat));
      return;
    }
    const target = core.rng.pick(others);
    core.emit({ type: 'chat.transferred', chat_id: chat.id, to_queue: target.name });
    from.chats.delete(chat);
    chat.agent = null;
    chat.queue = target;
    roster.freed(from);
    this.enqueue(chat, 1.5, from);
  }

  private end(chat: Chat): void {
    const { core, roster } = this;
    const agent = agentOf(chat);
    chat.state = 'done';
    core.emit({ type: 'chat.ended', chat_id: chat.id });
    agent.chats.delete(chat);
    agent.handled++;
    if (core.rng.chance(RATED)) {
      core.after(core.rng.uniform(20, 300) * 1000, () => {
        core.emit({ type: 'csat.rated', chat_id: chat.id, agent_id: agent.def.id, ...rateContact(core.rng, chat.totalWaitMs) });
      });
    }
    roster.freed(agent);
  }
}

// A steady stream of realistic events for as long as a test runs: chats arrive, wait, get answered by an agent
// with room, end and get rated, or are abandoned. The floor stays the same size, so the live state does too.
import { postEvents } from '../../support/pulse.ts';
import { rng } from './floor.ts';

export interface LiveFeed {
  stop(): Promise<void>;
  /** Batches posted so far. */
  batches(): number;
}

export function startLiveFeed(url: string, opts: { prefix: string; agents: Map<string, string[]>; everyMs?: number; seed?: number }): LiveFeed {
  const r = rng(opts.seed ?? 11);
  const pick = <T>(xs: T[]): T => xs[Math.floor(r(xs.length))]!;
  const queues = [...new Set([...opts.agents.values()].flat())];
  const waiting = new Map<string, { id: string; queue: string }>();
  const active = new Map<string, string>(); // chat → agent
  const busy = new Map<string, number>();
  let n = 0;
  let posted = 0;
  let running = true;

  const batch = (): Record<string, unknown>[] => {
    const now = Date.now();
    const events: Record<string, unknown>[] = [];
    const ev = (type: string, fields: Record<string, unknown>) => events.push({ id: `${opts.prefix}-l${n++}`, type, ts: now, ...fields });
    // One or two new chats.
    for (let k = 1 + Math.floor(r(2)); k > 0; k--) {
      const chat = { id: `${opts.prefix}-lc${n}`, queue: pick(queues) };
      waiting.set(chat.id, chat);
      ev('chat.requested', { chat_id: chat.id, queue: chat.queue });
    }
    // The oldest waiting chats get answered by an agent of their queue with room, or some are abandoned.
    for (const chat of [...waiting.values()].slice(0, 2)) {
      const agent = [...opts.agents.entries()].find(([a, qs]) => qs.includes(chat.queue) && (busy.get(a) ?? 0) < 2)?.[0];
      if (agent) {
        ev('chat.answered', { chat_id: chat.id, agent_id: agent });
        active.set(chat.id, agent);
        busy.set(agent, (busy.get(agent) ?? 0) + 1);
      } else if (r() < 0.5) {
        ev('chat.abandoned', { chat_id: chat.id });
      } else continue;
      waiting.delete(chat.id);
    }
    // Active chats end (and are rated) at about the rate they start.
    for (const [chat, agent] of [...active.entries()].slice(0, Math.floor(r(3)))) {
      ev('chat.ended', { chat_id: chat });
      if (r() < 0.5) ev('csat.rated', { chat_id: chat, rating: 1 + Math.floor(r(5)) });
      active.delete(chat);
      busy.set(agent, (busy.get(agent) ?? 1) - 1);
    }
    return events;
  };

  const loop = (async () => {
    while (running) {
      const res = await postEvents(url, batch());
      if (res.status !== 202) throw new Error(`live feed refused: ${res.status}`);
      posted++;
      await new Promise((resolve) => setTimeout(resolve, opts.everyMs ?? 250));
    }
  })();

  return {
    batches: () => posted,
    async stop() {
      running = false;
      await loop;
    },
  };
}

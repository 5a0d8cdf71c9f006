// A realistic contact-centre floor as events: agents online in their queues with chat capacities, chats answered,
// abandoned, active and waiting over the last minutes, CSAT ratings, and tickets whose SLA targets are at risk or
// breached. Deterministic for a seed, so a failing test replays the same floor.

export interface FloorOptions {
  queues: string[];
  agents: number;
  /** Unique per test run: prefixes every id. */
  prefix: string;
  seed?: number;
  now?: number;
  /** Queues (by index) that get SLA tickets; default every third queue. */
  slaEvery?: number;
}

export interface Floor {
  events: Record<string, unknown>[];
  agentIds: string[];
  /** agent id → the queues they serve */
  agentQueues: Map<string, string[]>;
}

const FIRST = [
  'Ana',
  'Luis',
  'Marta',
  'Jon',
  'Sofía',
  'Pablo',
  'Irene',
  'Omar',
  'Lucía',
  'Diego',
  'Nora',
  'Iker',
  'Elena',
  'Raúl',
  'Clara',
  'Hugo',
  'Paula',
  'Mateo',
  'Sara',
  'Adrián',
];
const LAST = [
  'García',
  'Martín',
  'López',
  'Sánchez',
  'Pérez',
  'Gómez',
  'Ruiz',
  'Díaz',
  'Moreno',
  'Álvarez',
  'Romero',
  'Navarro',
  'Torres',
  'Ramos',
  'Gil',
  'Serrano',
];
const CHANNELS = ['chat', 'voice', 'messaging'] as const;

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): (n?: number) => number {
  let a = seed >>> 0;
  return (n = 1) => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) / 4294967296) * n;
  };
}

export const queueChannel = (index: number) => CHANNELS[index % CHANNELS.length]!;

export function buildFloor(o: FloorOptions): Floor {
  const r = rng(o.seed ?? 7);
  const int = (lo: number, hi: number) => lo + Math.floor(r(hi - lo + 1));
  const now = o.now ?? Date.now();
  const events: Record<string, unknown>[] = [];
  let n = 0;
  const ev = (type: string, ts: number, fields: Record<string, unknown>) => events.push({ id: `${o.prefix}-e${n++}`, type, ts, ...fields });

  // Agents: 1–3 queues each (every queue gets at least one), capacity 2–4, a few away.
  const agentIds: string[] = [];
  const agentQueues = new Map<string, string[]>();
  const capacity = new Map<string, number>();
  const busy = new Map<string, number>();
  const online = new Set<string>();
  for (let i = 0; i < o.agents; i++) {
    const id = `${o.prefix}-ag${i}`;
    const own = new Set([o.queues[i % o.queues.length]!]);
    for (let k = int(0, 2); k > 0; k--) own.add(o.queues[int(0, o.queues.length - 1)]!);
    const queues = [...own];
    const cap = int(2, 4);
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}${i >= FIRST.length * LAST.length ? ` ${i}` : ''}`;
    const since = now - int(60, 5400) * 1000;
    ev('agent.status_changed', since, { agent_id: id, status: 'online', name, queues, chat_capacity: cap });
    if (r() < 0.12) ev('agent.status_changed', now - int(20, 900) * 1000, { agent_id: id, status: 'away' });
    else online.add(id);
    agentIds.push(id);
    agentQueues.set(id, queues);
    capacity.set(id, cap);
    busy.set(id, 0);
  }
  const freeAgent = (queue: string): string | null => {
    const candidates = agentIds.filter((a) => online.has(a) && agentQueues.get(a)!.includes(queue) && busy.get(a)! < capacity.get(a)!);
    return candidates.length ? candidates[int(0, candidates.length - 1)]! : null;
  };

  o.queues.forEach((queue, qi) => {
    const channel = queueChannel(qi);
    let c = 0;
    const chat = () => `${o.prefix}-${qi}-c${c++}`;
    // Answered and ended, some rated.
    for (let k = int(3, 7); k > 0; k--) {
      const agent = freeAgent(queue);
      if (!agent) break;
      const id = chat();
      const start = now - int(150, 840) * 1000;
      const answered = start + int(4, 75) * 1000;
      ev('chat.requested', start, { chat_id: id, queue, channel });
      ev('chat.answered', answered, { chat_id: id, agent_id: agent });
      ev('chat.ended', Math.min(now - 5_000, answered + int(60, 300) * 1000), { chat_id: id });
      if (r() < 0.7) ev('csat.rated', now - int(5, 100) * 1000, { chat_id: id, rating: r() < 0.82 ? int(4, 5) : int(1, 3) });
    }
    // Abandoned while waiting.
    for (let k = int(0, 2); k > 0; k--) {
      const id = chat();
      const start = now - int(120, 800) * 1000;
      ev('chat.requested', start, { chat_id: id, queue, channel });
      ev('chat.abandoned', start + int(8, 110) * 1000, { chat_id: id });
    }
    // Active: answered, not ended.
    for (let k = int(1, 3); k > 0; k--) {
      const agent = freeAgent(queue);
      if (!agent) break;
      const id = chat();
      const start = now - int(60, 480) * 1000;
      ev('chat.requested', start, { chat_id: id, queue, channel });
      ev('chat.answered', start + int(3, 50) * 1000, { chat_id: id, agent_id: agent });
      busy.set(agent, busy.get(agent)! + 1);
    }
    // Still waiting.
    for (let k = int(0, 4); k > 0; k--) ev('chat.requested', now - int(3, 200) * 1000, { chat_id: chat(), queue, channel });

    // Tickets with SLA targets at risk (urgent 14 min old, high 52 min old) and breached (urgent 16 min old).
    if (qi % (o.slaEvery ?? 3) === 0) {
      const ticket = (suffix: string, minutesAgo: number, priority: string) =>
        ev('ticket.created', now - minutesAgo * 60_000, {
          ticket_id: `${o.prefix.toUpperCase()}-${qi}${suffix}`,
          queue,
          channel: 'email',
          priority,
          ...(r() < 0.5 ? { agent_id: agentIds.find((a) => agentQueues.get(a)!.includes(queue)) } : {}),
        });
      ticket('01', 14, 'urgent');
      ticket('02', 16, 'urgent');
      ticket('03', 52, 'high');
      ticket('04', 5, 'normal');
    }
  });
  return { events, agentIds, agentQueues };
}

/** Realistic queue names: team × language, as many as asked. */
export function queueNames(count: number): string[] {
  const teams = ['billing', 'sales', 'tech', 'returns', 'shipping', 'accounts', 'vip', 'fraud', 'onboarding', 'retention'];
  const langs = ['en', 'es', 'fr', 'de'];
  const names: string[] = [];
  for (const lang of langs) for (const team of teams) names.push(`${team}-${lang}`);
  return count <= teams.length ? teams.slice(0, count) : names.slice(0, count);
}

// The simulated organisation: queues with their channel mix and demand, agents with skills,
// chat capacity and a weekly shift pattern. Built deterministically from a seed.
import type { ChatChannel, TicketChannel } from '@pulse/contracts';
import { at } from './at.ts';
import { Random } from './random.ts';

export interface QueueDef {
  /** The queue's id in events. */
  name: string;
  /** What people call it: "Billing", "VIP". */
  title: string;
  /** Contacts of this queue come from VIP customers. */
  vip: boolean;
  chatChannels: readonly (readonly [ChatChannel, number])[];
  ticketChannels: readonly (readonly [TicketChannel, number])[];
  /** Chats requested per hour at the busiest moment of a weekday (before `scale`). */
  chatPeakPerHour: number;
  /** Tickets created per hour at the busiest moment of a weekday (before `scale`). */
  ticketPeakPerHour: number;
}

export interface ShiftDef {
  /** Start as minutes after local midnight. */
  startMinute: number;
  /** Whole shift length in minutes, breaks included. */
  durationMinutes: number;
  /** Local days of week off (0 = Sunday). */
  daysOff: readonly number[];
  /** Moves this agent's breaks, so that colleagues on the same shift do not all pause at once. */
  breakOffsetMinutes: number;
}

export interface AgentDef {
  id: string;
  name: string;
  queues: readonly string[];
  /** The agent's own queue: it takes that queue's chats first. */
  primary: string;
  chatCapacity: number;
  shift: ShiftDef;
}

export interface World {
  queues: readonly QueueDef[];
  agents: readonly AgentDef[];
  /** The organisation's local time = UTC + this many minutes; seasonality and shifts follow it. */
  utcOffsetMinutes: number;
}

export interface WorldOptions {
  seed?: number | string;
  /** Number of queues, 1..40 (default 5). */
  queues?: number;
  /** Number of agents, 1..300 (default 24). */
  agents?: number;
  utcOffsetMinutes?: number;
  /** Peak chats per hour per agent of the organisation (default 8.5). */
  chatsPerAgentHour?: number;
  /** Peak tickets per hour per agent of the organisation (default 3). */
  ticketsPerAgentHour?: number;
}

export const MAX_QUEUES = 40;
export const MAX_AGENTS = 300;

type Template = Omit<QueueDef, 'chatPeakPerHour' | 'ticketPeakPerHour'> & {
  chatShare: number;
  ticketShare: number;
  /** The queues its agents also take (a team's neighbouring work); none listed: any queue, by demand. */
  near?: readonly string[];
};

/**
 * One channel vocabulary: a contact that waits for an agent now (a chat, a call, a message, a social DM) is a
 * chat on its chat channel; work that waits in a backlog is a ticket from email, the web form or the API. No
 * channel name is used for both, so a board can keep the two kinds of work apart by channel.
 */
export const SIM_CHAT_CHANNELS: readonly ChatChannel[] = ['chat', 'voice', 'messaging', 'social'];
export const SIM_TICKET_CHANNELS: readonly TicketChannel[] = ['email', 'web', 'api'];

const CORE_QUEUES: Template[] = [
  {
    name: 'billing',
    title: 'Billing',
    vip: false,
    chatShare: 1.0,
    ticketShare: 1.0,
    near: ['returns', 'sales'],
    chatChannels: [
      ['chat', 6],
      ['voice', 3],
      ['messaging', 1],
    ],
    ticketChannels: [
      ['email', 6],
      ['web', 3],
      ['api', 1],
    ],
  },
  {
    name: 'technical',
    title: 'Technical',
    vip: false,
    chatShare: 1.4,
    ticketShare: 1.5,
    near: ['returns'],
    chatChannels: [
      ['chat', 7],
      ['voice', 2],
      ['messaging', 1],
    ],
    ticketChannels: [
      ['email', 4],
      ['web', 4],
      ['api', 2],
    ],
  },
  {
    name: 'sales',
    title: 'Sales',
    vip: false,
    chatShare: 0.8,
    ticketShare: 0.5,
    near: ['returns'],
    chatChannels: [
      ['chat', 6],
      ['voice', 3],
      ['social', 1],
    ],
    ticketChannels: [
      ['email', 6],
      ['web', 4],
    ],
  },
  {
    name: 'vip',
    title: 'VIP',
    vip: true,
    chatShare: 0.3,
    ticketShare: 0.3,
    chatChannels: [
      ['chat', 5],
      ['voice', 5],
    ],
    ticketChannels: [
      ['email', 7],
      ['web', 3],
    ],
  },
  {
    name: 'returns',
    title: 'Returns',
    vip: false,
    chatShare: 0.5,
    ticketShare: 0.9,
    near: ['billing', 'sales', 'technical'],
    chatChannels: [
      ['chat', 5],
      ['messaging', 3],
      ['social', 2],
    ],
    ticketChannels: [
      ['web', 5],
      ['email', 5],
    ],
  },
];

/** "public-sector" → "Public sector"; "emea" → "EMEA". */
function titleOf(name: string): string {
  if (name.length <= 4 && /^[a-z]+$/.test(name)) return name.toUpperCase();
  const words = name.split(/[-_]/).filter(Boolean).join(' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const EXTRA_QUEUE_NAMES = [
  'shipping',
  'accounts',
  'onboarding',
  'enterprise',
  'partners',
  'refunds',
  'security',
  'integrations',
  'mobile',
  'payments',
  'compliance',
  'hardware',
  'licensing',
  'marketplace',
  'loyalty',
  'warranty',
  'installations',
  'subscriptions',
  'fraud',
  'logistics',
  'education',
  'public-sector',
  'healthcare',
  'retail',
  'wholesale',
  'developer',
  'data-requests',
  'feedback',
  'escalations',
  'emea',
  'apac',
  'latam',
  'nordics',
  'dach',
  'benelux',
];

const FIRST = [
  'Ada',
  'Ben',
  'Chloe',
  'Dmitri',
  'Elena',
  'Farah',
  'Gustavo',
  'Hana',
  'Ivan',
  'Jade',
  'Kofi',
  'Lena',
  'Mateo',
  'Nadia',
  'Oscar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sven',
  'Tariq',
  'Uma',
  'Victor',
  'Wen',
  'Ximena',
  'Yusuf',
  'Zoe',
  'Amara',
  'Bruno',
  'Carmen',
  'Diego',
  'Esther',
  'Felix',
  'Greta',
  'Hugo',
  'Ines',
  'Jonas',
];
const LAST = [
  'Okafor',
  'Lindqvist',
  'Moreau',
  'Petrov',
  'Santos',
  'Haddad',
  'Ferreira',
  'Tanaka',
  'Novak',
  'Walsh',
  'Mensah',
  'Becker',
  'Ruiz',
  'Karimi',
  'Nilsen',
  'Rao',
  'Murphy',
  'Alvarez',
  'Berg',
  'Aziz',
  'Costa',
  'Kowalski',
  'Nguyen',
  'Fischer',
  'Oyelaran',
  'Dubois',
  'Silva',
  'Ivanova',
  'Kim',
  'Larsen',
];

/** Shift templates and the share of agents on each: staffing follows the day's demand (calendar.ts), peak 09:00–17:30. */
const SHIFTS: readonly { start: number; share: number }[] = [
  { start: 22 * 60, share: 0.12 },
  { start: 6 * 60, share: 0.17 },
  { start: 7 * 60 + 30, share: 0.28 },
  { start: 9 * 60, share: 0.22 },
  { start: 11 * 60 + 30, share: 0.1 },
  { start: 14 * 60 + 30, share: 0.11 },
];
const SHIFT_MINUTES = 8 * 60 + 30;

function clampInt(v: number, min: number, max: number, name: string): number {
  if (!Number.isInteger(v) || v < min || v > max) throw new RangeError(`${name} must be an integer in ${min}..${max}`);
  return v;
}

function queueTemplates(n: number, rng: Random): Template[] {
  const out = CORE_QUEUES.slice(0, n);
  for (let i = CORE_QUEUES.length; i < n; i++) {
    const name = EXTRA_QUEUE_NAMES[i - CORE_QUEUES.length] ?? `queue-${i + 1}`;
    out.push({
      name,
      title: titleOf(name),
      vip: false,
      chatShare: rng.uniform(0.25, 0.9),
      ticketShare: rng.uniform(0.25, 0.9),
      chatChannels: rng.pick(CORE_QUEUES).chatChannels,
      ticketChannels: rng.pick(CORE_QUEUES).ticketChannels,
    });
  }
  return out;
}

/** `total` split in proportion to `weights`, in whole numbers that add up (largest remainder). */
function largestRemainder(weights: readonly number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w / sum) * total);
  const counts = raw.map(Math.floor);
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i] = at(counts, i) + 1;
  }
  return counts;
}

/** Number of agents on each shift template. */
function shiftCounts(agents: number): number[] {
  return largestRemainder(
    SHIFTS.map((s) => s.share),
    agents,
  );
}

/** Most day agents have the weekend off; the others (and night agents) rotate, staggered per shift. */
function daysOff(rng: Random, night: boolean, rotation: number): number[] {
  if (!night && rng.chance(0.55)) return [6, 0];
  const first = (rotation * 3 + (night ? 0 : 1)) % 7;
  return [first, (first + 1) % 7];
}

/** Display name per queue id, for a server's `queueNames` setting. */
export function queueTitles(world: World): Record<string, string> {
  return Object.fromEntries(world.queues.map((q) => [q.name, q.title]));
}

/** Builds a deterministic organisation of the given size. */
export function buildWorld(opts: WorldOptions = {}): World {
  const nQueues = clampInt(opts.queues ?? 5, 1, MAX_QUEUES, 'queues');
  const nAgents = clampInt(opts.agents ?? 24, 1, MAX_AGENTS, 'agents');
  const rng = new Random(`world:${opts.seed ?? 1}:${nQueues}:${nAgents}`);
  const templates = queueTemplates(nQueues, rng);

  const chatTotal = nAgents * (opts.chatsPerAgentHour ?? 8.5);
  const ticketTotal = nAgents * (opts.ticketsPerAgentHour ?? 3);
  const chatShareSum = templates.reduce((s, t) => s + t.chatShare, 0);
  const ticketShareSum = templates.reduce((s, t) => s + t.ticketShare, 0);
  const queues: QueueDef[] = templates.map(({ chatShare, ticketShare, near: _near, ...t }) => ({
    ...t,
    chatPeakPerHour: (chatTotal * chatShare) / chatShareSum,
    ticketPeakPerHour: (ticketTotal * ticketShare) / ticketShareSum,
  }));

  // Primary skills follow demand, so busy queues get more agents.
  const regular = queues.filter((q) => !q.vip);
  const primaryPool = regular.length > 0 ? regular : queues;
  const demand = primaryPool.map((q) => [q.name, q.chatPeakPerHour + q.ticketPeakPerHour / 2] as const);
  const vipQueue = queues.find((q) => q.vip);

  const counts = shiftCounts(nAgents);
  const shiftOf: number[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) shiftOf.push(i);
  });
  const order = rng.shuffle(shiftOf.map((_, i) => i));
  // Primary skills follow demand (largest remainder over the agents), in a shuffled order.
  const primaryCounts = largestRemainder(
    demand.map(([, d]) => d),
    nAgents,
  );
  const primaries = rng.shuffle(primaryCounts.flatMap((c, qi) => Array.from({ length: c }, () => at(primaryPool, qi).name)));

  const agents: AgentDef[] = [];
  const rotations = SHIFTS.map(() => 0);
  for (let i = 0; i < nAgents; i++) {
    const shiftIdx = at(shiftOf, at(order, i));
    const shift = at(SHIFTS, shiftIdx);
    const night = shift.start >= 22 * 60;
    const rotation = at(rotations, shiftIdx);
    rotations[shiftIdx] = rotation + 1;
    const off = daysOff(rng, night, rotation);
    const weekendWorker = !(off.includes(6) && off.includes(0));
    // Agents at the quiet edges of the day are few, so they take every queue; weekend workers take one more.
    const edge = shift.start < 7 * 60 || shift.start >= 14 * 60;
    const skills = new Set<string>();
    const primary = at(primaries, i);
    skills.add(primary);
    // Besides its own, an agent takes work of its team's neighbouring queues.
    const near = templates.find((t) => t.name === primary)?.near;
    const pool = near ? demand.filter(([q]) => near.includes(q)) : demand;
    const extra =
      rng.weighted([
        [0, 2],
        [1, 4],
        [2, 3],
      ] as const) + (weekendWorker ? 1 : 0);
    for (let k = 0; k < extra && pool.length > 0; k++) skills.add(rng.weighted(pool));
    const senior = rng.chance(0.25) || i % 8 === 3;
    if (vipQueue && (senior || weekendWorker)) skills.add(vipQueue.name);
    if (night || edge) for (const q of queues) skills.add(q.name);
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length];
    agents.push({
      id: `agent-${String(i + 1).padStart(3, '0')}`,
      name: `${first} ${last}`,
      queues: queues.map((q) => q.name).filter((n) => skills.has(n)),
      primary,
      chatCapacity: senior
        ? rng.weighted([
            [3, 1],
            [4, 1],
          ] as const)
        : rng.weighted([
            [2, 1],
            [3, 2],
            [4, 1],
          ] as const),
      shift: {
        startMinute: shift.start,
        durationMinutes: SHIFT_MINUTES,
        daysOff: off,
        breakOffsetMinutes: ((rotation % 5) - 2) * 18,
      },
    });
  }

  // Every queue is served by at least two agents (or all, when there are fewer).
  for (const q of queues) {
    const serving = agents.filter((a) => a.queues.includes(q.name)).length;
    const need = Math.min(2, nAgents) - serving;
    for (let k = 0; k < need; k++) {
      const free = agents.filter((x) => !x.queues.includes(q.name));
      const day = free.filter((x) => x.shift.startMinute < 22 * 60);
      const a = rng.pick(day.length > 0 ? day : free);
      a.queues = queues.map((x) => x.name).filter((n) => n === q.name || a.queues.includes(n));
    }
  }

  // Every queue is served on every day shift (shifts overlap, so a queue is never left alone during the day).
  for (const shift of SHIFTS) {
    if (shift.start >= 22 * 60) continue;
    const onShift = agents.filter((a) => a.shift.startMinute === shift.start);
    if (onShift.length === 0) continue;
    for (const q of queues) {
      if (onShift.some((a) => a.queues.includes(q.name))) continue;
      const a = onShift.reduce((best, x) => (x.queues.length < best.queues.length ? x : best));
      a.queues = queues.map((x) => x.name).filter((n) => n === q.name || a.queues.includes(n));
    }
  }

  return { queues, agents, utcOffsetMinutes: opts.utcOffsetMinutes ?? 0 };
}

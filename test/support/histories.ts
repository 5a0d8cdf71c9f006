// Random but realistic event histories for the differential test: a few agents changing status, chats
// (requested → answered / transferred / abandoned / ended, rated) and tickets (created, assigned and
// reassigned, replied, pending / solved / closed / reopened, updated, rated), plus weird-but-valid cases
// (answers before requests, two answers, ends without answers, events of items whose start never comes,
// late events of items from earlier histories).
//
// A history is generated as a *script* of times relative to "now" (fast-check can shrink it), and only
// materialised into events when it runs: `materialize(spec, ctx)` gives the events with epoch-ms times,
// their ids in the run's own namespace (`r<run>-…`), and how they are delivered (shuffled, partly
// duplicated, split into JSON and NDJSON batches).
import fc from 'fast-check';
import { CHAT_CHANNELS, PRIORITIES, TICKET_CHANNELS, type PulseEvent } from '@pulse/contracts';

/** Shared by every history, so state accumulates across histories. */
export const QUEUES = ['q1', 'q2', 'q3', 'q4'] as const;
export const AGENTS = ['ag1', 'ag2', 'ag3', 'ag4'] as const;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
/** Times stay inside [now − 95 min, now + 2 min]: the server refuses more than 5 min in the future. */
const EARLIEST = -95 * MINUTE;
const LATEST = 2 * MINUTE;

// ---------------------------------------------------------------------------------------------------
// Scripts (what fast-check generates and shrinks)

type Tier = 'standard' | 'vip';
type Rating = { score: 'good' | 'bad' } | { rating: number };

/** Another history's item: `back` histories before this one, its `index`-th chat or ticket. */
export interface EarlierRef {
  back: number;
  index: number;
}

export interface AgentStep {
  at: number;
  status: 'online' | 'away' | 'offline';
  queues?: string[];
  capacity?: number;
  name?: string;
}
export interface AgentScript {
  agent: number;
  steps: AgentStep[];
}

export type ChatStep =
  | { kind: 'answered'; delay: number; agent: number }
  | { kind: 'transferred'; delay: number; toQueue?: string; toAgent?: number }
  | { kind: 'ended'; delay: number }
  | { kind: 'abandoned'; delay: number }
  | { kind: 'csat'; delay: number; rate: Rating; agent?: number; comment?: string };

export interface ChatScript {
  earlier: EarlierRef | null;
  at: number;
  request: { queue: string; channel?: string; tier?: Tier } | null;
  steps: ChatStep[];
}

export type TicketStep =
  | { kind: 'assigned'; delay: number; agent: number | null }
  | { kind: 'agent_replied'; delay: number; agent: number }
  | { kind: 'customer_replied'; delay: number }
  | { kind: 'status'; delay: number; status: string }
  | { kind: 'updated'; delay: number; priority?: string; queue?: string; tier?: Tier }
  | { kind: 'csat'; delay: number; rate: Rating; agent?: number; comment?: string };

export interface TicketScript {
  earlier: EarlierRef | null;
  at: number;
  created: { queue: string; channel: string; priority?: string; agent?: number; tier?: Tier } | null;
  steps: TicketStep[];
}

export interface Delivery {
  /** seeds the shuffle, the duplicates, the batch cuts and the wire formats */
  seed: number;
  batches: number;
  /** share of the history's events sent a second time */
  dupRate: number;
  /** events of earlier histories sent again (all must come back as duplicates) */
  resends: number;
  /** share of events whose ts goes as an RFC 3339 string instead of epoch ms */
  isoRate: number;
}

export interface HistorySpec {
  agents: AgentScript[];
  chats: ChatScript[];
  tickets: TicketScript[];
  delivery: Delivery;
}

const opt = <T>(arb: fc.Arbitrary<T>, freq = 2) => fc.option(arb, { nil: undefined, freq });
const weighted = <T>(...pairs: [number, fc.Arbitrary<T>][]) => fc.oneof(...pairs.map(([weight, arbitrary]) => ({ weight, arbitrary })));

/** A moment relative to now: whole seconds or millisecond precision. */
const instant = weighted<number>([1, fc.integer({ min: -90 * 60, max: 60 }).map((s) => s * SECOND)], [1, fc.integer({ min: -90 * MINUTE, max: MINUTE })]);
/** Time from one step of an item to the next: mostly forward, sometimes the same instant or earlier. */
const delay = weighted<number>(
  [6, fc.integer({ min: 0, max: 180 }).map((s) => s * SECOND)],
  [3, fc.integer({ min: 0, max: 12 * MINUTE })],
  [1, fc.constant(0)],
  [1, fc.integer({ min: -120 * SECOND, max: -1 })],
);
const queue = fc.constantFrom(...QUEUES);
const agentIx = fc.integer({ min: 0, max: AGENTS.length - 1 });
const tier = fc.constantFrom<Tier>('standard', 'vip');
const rating: fc.Arbitrary<Rating> = fc.oneof(
  fc.constantFrom<'good' | 'bad'>('good', 'bad').map((score) => ({ score })),
  fc.integer({ min: 1, max: 5 }).map((r) => ({ rating: r })),
);
const earlier: fc.Arbitrary<EarlierRef | null> = weighted<EarlierRef | null>(
  [12, fc.constant(null)],
  [1, fc.record({ back: fc.integer({ min: 1, max: 4 }), index: fc.nat(5) })],
);

const agentScript: fc.Arbitrary<AgentScript> = fc.record({
  agent: agentIx,
  steps: fc.array(
    fc.record(
      {
        at: instant,
        status: weighted<AgentStep['status']>([4, fc.constant('online')], [2, fc.constant('away')], [1, fc.constant('offline')]),
        queues: fc.subarray([...QUEUES]),
        capacity: fc.integer({ min: 0, max: 5 }),
        name: fc.constantFrom('Ana', 'Ben', 'Cy', 'Dee'),
      },
      { requiredKeys: ['at', 'status'] },
    ),
    { minLength: 1, maxLength: 3 },
  ),
});

const csatStep = fc.record(
  {
    kind: fc.constant('csat' as const),
    delay,
    rate: rating,
    agent: agentIx,
    comment: fc.constantFrom('thanks', 'slow', ''),
  },
  { requiredKeys: ['kind', 'delay', 'rate'] },
);

const answered: fc.Arbitrary<ChatStep> = fc.record({ kind: fc.constant('answered' as const), delay, agent: agentIx });
const ended: fc.Arbitrary<ChatStep> = fc.record({ kind: fc.constant('ended' as const), delay });
const abandoned: fc.Arbitrary<ChatStep> = fc.record({ kind: fc.constant('abandoned' as const), delay });
const toQueue: fc.Arbitrary<ChatStep> = fc.record({ kind: fc.constant('transferred' as const), delay, toQueue: queue });
const toAgent: fc.Arbitrary<ChatStep> = fc.record({ kind: fc.constant('transferred' as const), delay, toAgent: agentIx });
const chatStep: fc.Arbitrary<ChatStep> = weighted<ChatStep>([4, answered], [2, ended], [2, abandoned], [1, toQueue], [1, toAgent], [1, csatStep]);
const maybe = (arb: fc.Arbitrary<ChatStep>): fc.Arbitrary<ChatStep[]> => fc.option(arb, { nil: null, freq: 3 }).map((v) => (v === null ? [] : [v]));
const cat = (...parts: fc.Arbitrary<ChatStep[]>[]): fc.Arbitrary<ChatStep[]> => fc.tuple(...parts).map((xs) => xs.flat());
const one = (arb: fc.Arbitrary<ChatStep>): fc.Arbitrary<ChatStep[]> => arb.map((v) => [v]);

/** The life of a chat after its request: realistic paths most of the time, any sequence otherwise. */
const chatPath: fc.Arbitrary<ChatStep[]> = weighted<ChatStep[]>(
  [2, fc.constant([])], // still waiting
  [2, one(abandoned)],
  [2, one(answered)], // still active
  [4, cat(one(answered), one(ended), maybe(csatStep))],
  [1, cat(one(toQueue), maybe(answered), maybe(ended))],
  [1, cat(one(answered), one(toAgent), maybe(ended), maybe(csatStep))],
  [1, cat(one(answered), one(toQueue), maybe(answered), maybe(ended))],
  [3, fc.array(chatStep, { maxLength: 6 })], // anything: two answers, end without answer, …
);

const chatScript: fc.Arbitrary<ChatScript> = fc.record({
  earlier,
  at: instant,
  request: fc.option(fc.record({ queue, channel: fc.constantFrom(...CHAT_CHANNELS), tier }, { requiredKeys: ['queue'] }), { nil: null, freq: 8 }),
  steps: chatPath,
});

const ticketStep: fc.Arbitrary<TicketStep> = weighted<TicketStep>(
  [
    2,
    fc.record({
      kind: fc.constant('assigned' as const),
      delay,
      agent: weighted<number | null>([4, agentIx], [1, fc.constant(null)]),
    }),
  ],
  [3, fc.record({ kind: fc.constant('agent_replied' as const), delay, agent: agentIx })],
  [2, fc.record({ kind: fc.constant('customer_replied' as const), delay })],
  [
    3,
    fc.record({
      kind: fc.constant('status' as const),
      delay,
      status: weighted<string>(
        [3, fc.constant('solved')],
        [2, fc.constant('pending')],
        [2, fc.constant('open')],
        [2, fc.constant('closed')],
        [1, fc.constant('new')],
        [1, fc.constant('on_hold')],
      ),
    }),
  ],
  [1, fc.record({ kind: fc.constant('updated' as const), delay, priority: fc.constantFrom(...PRIORITIES), queue, tier }, { requiredKeys: ['kind', 'delay'] })],
  [1, csatStep],
);

const ticketScript: fc.Arbitrary<TicketScript> = fc.record({
  earlier,
  at: instant,
  created: fc.option(
    fc.record(
      {
        queue,
        channel: fc.constantFrom(...TICKET_CHANNELS),
        priority: fc.constantFrom(...PRIORITIES),
        agent: agentIx,
        tier,
      },
      { requiredKeys: ['queue', 'channel'] },
    ),
    { nil: null, freq: 12 },
  ),
  steps: fc.array(ticketStep, { maxLength: 8 }),
});

export const delivery: fc.Arbitrary<Delivery> = fc.record({
  seed: fc.integer(),
  batches: fc.integer({ min: 1, max: 6 }),
  dupRate: fc.constantFrom(0, 0.1, 0.3),
  resends: fc.integer({ min: 0, max: 3 }),
  isoRate: fc.constantFrom(0, 0, 0.2),
});

export const historySpec: fc.Arbitrary<HistorySpec> = fc.record({
  agents: fc.array(agentScript, { maxLength: 3 }),
  chats: fc.array(chatScript, { maxLength: 6 }),
  tickets: fc.array(ticketScript, { maxLength: 5 }),
  delivery,
});

// ---------------------------------------------------------------------------------------------------
// Materialisation (at run time, against the real clock)

export interface Batch {
  /** the events as sent (ts as epoch ms or RFC 3339 string) */
  wire: Record<string, unknown>[];
  format: 'json' | 'ndjson' | 'single';
}

export interface Materialized {
  /** the history's events, each once, as the server stores them (ts in epoch ms) */
  events: PulseEvent[];
  batches: Batch[];
}

export interface MaterializeContext {
  run: number;
  /** "now" the script's times are relative to (whole seconds) */
  base: number;
  /** events sent by earlier histories, for re-sends */
  earlierEvents: readonly PulseEvent[];
}

/** mulberry32: a small seeded PRNG for delivery decisions. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!]; // i and j are in range
  }
  return out;
}

const clampTime = (rel: number) => Math.min(LATEST, Math.max(EARLIEST, rel));

/** RFC 3339 with a numeric offset (+05:30 or −03:00) or Z, at millisecond precision. */
function rfc3339(ts: number, rand: () => number): string {
  const offsets = [0, 330, -180];
  const off = offsets[Math.floor(rand() * offsets.length)]!;
  if (off === 0) return new Date(ts).toISOString();
  const local = new Date(ts + off * MINUTE).toISOString().slice(0, 23);
  const abs = Math.abs(off);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${local}${off < 0 ? '-' : '+'}${hh}:${mm}`;
}

export function materialize(spec: HistorySpec, ctx: MaterializeContext): Materialized {
  const { run, base } = ctx;
  const events: PulseEvent[] = [];
  let n = 0;
  const add = (type: string, rel: number, fields: Record<string, unknown>) => {
    const e: Record<string, unknown> = { id: `r${run}-e${n++}`, type, ts: base + clampTime(rel) };
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) e[k] = v;
    events.push(e as unknown as PulseEvent);
  };
  const itemId = (kind: 'c' | 't', index: number, ref: EarlierRef | null) =>
    ref && run - ref.back >= 0 ? `r${run - ref.back}-${kind}${ref.index}` : `r${run}-${kind}${index}`;
  const party = (t: Tier | undefined, who: string) => (t === undefined ? undefined : { id: `${who}`, tier: t });
  const csat = (key: 'chat_id' | 'ticket_id', id: string, s: Extract<ChatStep, { kind: 'csat' }>, at: number) =>
    add('csat.rated', at, {
      [key]: id,
      ...s.rate,
      agent_id: s.agent === undefined ? undefined : AGENTS[s.agent],
      comment: s.comment,
    });

  for (const a of spec.agents) {
    for (const s of a.steps) {
      add('agent.status_changed', s.at, {
        agent_id: AGENTS[a.agent],
        status: s.status,
        name: s.name,
        queues: s.queues,
        chat_capacity: s.capacity,
      });
    }
  }

  spec.chats.forEach((c, i) => {
    const chat_id = itemId('c', i, c.earlier);
    let at = c.at;
    if (c.request) {
      add('chat.requested', at, {
        chat_id,
        queue: c.request.queue,
        channel: c.request.channel,
        customer: party(c.request.tier, `cust-${chat_id}`),
      });
    }
    for (const s of c.steps) {
      at = clampTime(at + s.delay);
      switch (s.kind) {
        case 'answered':
          add('chat.answered', at, { chat_id, agent_id: AGENTS[s.agent] });
          break;
        case 'transferred':
          add('chat.transferred', at, {
            chat_id,
            to_queue: s.toQueue,
            to_agent_id: s.toQueue === undefined ? AGENTS[s.toAgent ?? 0] : undefined,
          });
          break;
        case 'ended':
          add('chat.ended', at, { chat_id });
          break;
        case 'abandoned':
          add('chat.abandoned', at, { chat_id });
          break;
        case 'csat':
          csat('chat_id', chat_id, s, at);
          break;
      }
    }
  });

  spec.tickets.forEach((t, i) => {
    const ticket_id = itemId('t', i, t.earlier);
    let at = t.at;
    if (t.created) {
      add('ticket.created', at, {
        ticket_id,
        queue: t.created.queue,
        channel: t.created.channel,
        priority: t.created.priority,
        agent_id: t.created.agent === undefined ? undefined : AGENTS[t.created.agent],
        requester: party(t.created.tier, `req-${ticket_id}`),
      });
    }
    for (const s of t.steps) {
      at = clampTime(at + s.delay);
      switch (s.kind) {
        case 'assigned':
          add('ticket.assigned', at, { ticket_id, agent_id: s.agent === null ? null : AGENTS[s.agent] });
          break;
        case 'agent_replied':
          add('ticket.agent_replied', at, { ticket_id, agent_id: AGENTS[s.agent] });
          break;
        case 'customer_replied':
          add('ticket.customer_replied', at, { ticket_id });
          break;
        case 'status':
          add('ticket.status_changed', at, { ticket_id, status: s.status });
          break;
        case 'updated':
          add('ticket.updated', at, {
            ticket_id,
            priority: s.priority,
            queue: s.queue,
            requester: party(s.tier, `req-${ticket_id}`),
          });
          break;
        case 'csat':
          csat('ticket_id', ticket_id, s, at);
          break;
      }
    }
  });

  // Delivery: each event once, some twice, a few of earlier histories again; shuffled; cut into batches.
  const d = spec.delivery;
  const rand = rng(d.seed);
  const wireOf = new Map<string, Record<string, unknown>>();
  const toWire = (e: PulseEvent) => {
    let w = wireOf.get(e.id);
    if (!w) {
      w = rand() < d.isoRate ? { ...e, ts: rfc3339(e.ts, rand) } : { ...e };
      wireOf.set(e.id, w);
    }
    return w;
  };
  const sent: Record<string, unknown>[] = events.map(toWire);
  for (const e of events) if (rand() < d.dupRate) sent.push(toWire(e));
  for (let k = 0; k < d.resends && ctx.earlierEvents.length > 0; k++) {
    sent.push(toWire(ctx.earlierEvents[Math.floor(rand() * ctx.earlierEvents.length)]!));
  }
  const order = shuffle(sent, rand);
  const batches: Batch[] = [];
  if (order.length === 0) return { events, batches };
  const count = Math.min(d.batches, order.length);
  const cuts = new Set<number>();
  while (cuts.size < count - 1) cuts.add(1 + Math.floor(rand() * (order.length - 1)));
  const bounds = [0, ...[...cuts].sort((a, b) => a - b), order.length];
  for (let b = 0; b + 1 < bounds.length; b++) {
    const wire = order.slice(bounds[b], bounds[b + 1]);
    const r = rand();
    const format = wire.length === 1 && r < 0.3 ? 'single' : r < 0.5 ? 'ndjson' : 'json';
    batches.push({ wire, format });
  }
  return { events, batches };
}

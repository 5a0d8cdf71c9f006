// A chat's state and outcomes, folded over its events in event-time order (SPEC §2).
import { CHAT_CHANNELS, type EventOf, type PulseEvent } from '@pulse/contracts';
import { outcome } from '../buckets.ts';
import { offeredCounter } from '../staffing/channels.ts';
import { agentScope, scopesOf } from '../model/scope.ts';
import { agentSetKey, LIVE_HASH, scopeSetKey } from '../model/keys.ts';
import { serviceLevelThresholdMs, type MetricSettings } from '../settings.ts';
import { csatOutcome, isGood } from './csat.ts';
import { byEventTime } from './order.ts';
import type { FoldState, ItemFold } from './fold.ts';
import type { Derived, ItemSummary } from './item.ts';

export type ChatEvent = Extract<PulseEvent, { type: `chat.${string}` } | { type: 'csat.rated' }>;

export interface ChatState {
  id: string;
  queue: string | null;
  channel: string;
  status: 'unknown' | 'waiting' | 'active' | 'ended';
  waitStart: number | null;
  agent: string | null;
  answeredAt: number | null;
  endedAt: number | null;
}

/** The fold's state: the chat, what its summary needs, and the scopes its outcomes counted in. */
interface ChatFold extends FoldState {
  st: ChatState;
  firstWait: number | null;
  abandoned: boolean;
  transfers: number;
  touched: string[];
  /** the latest rating so far (only the latest counts, SPEC §2) */
  rating: EventOf<'csat.rated'> | null;
  requestedAt: number | null;
  /** the tier of the first request that names a customer */
  tier: string | null;
  tierSeen: boolean;
}

/** Order of types at the same instant: a request precedes its answer, an answer its end. */
const RANK: Record<string, number> = {
  'chat.requested': 0,
  'chat.transferred': 1,
  'chat.answered': 2,
  'chat.abandoned': 3,
  'chat.ended': 4,
  'csat.rated': 5,
};

/** An offer counted by its channel too (`offered_voice`…): staffing tells voice queues from chat ones by them. */
const offeredOn = (channel: string): Record<string, number> => ((CHAT_CHANNELS as readonly string[]).includes(channel) ? { [offeredCounter(channel)]: 1 } : {});

/** The scopes of the chat now, noted as touched. */
function scopes(f: ChatFold): string[] {
  const sc = scopesOf(f.st.queue, f.st.channel);
  for (const scope of sc) if (!f.touched.includes(scope)) f.touched.push(scope);
  return sc;
}

const thresholdMs = (f: ChatFold, s: MetricSettings) => serviceLevelThresholdMs(s, f.st.queue, f.st.channel);

function answer(f: ChatFold, s: MetricSettings, ts: number, agent: string): void {
  const st = f.st;
  if (st.status === 'waiting' && st.waitStart !== null) {
    const wait = ts - st.waitStart;
    f.firstWait ??= wait;
    f.out.push(...outcome(s, ts, scopes(f), { answered: 1, wait_ms: wait, sl_met: wait <= thresholdMs(f, s) ? 1 : 0, ...offeredOn(st.channel) }));
  }
  st.status = 'active';
  st.agent = agent;
  st.answeredAt ??= ts;
  st.waitStart = null;
}

function abandon(f: ChatFold, s: MetricSettings, ts: number): void {
  const wait = ts - (f.st.waitStart ?? ts);
  f.firstWait ??= wait;
  f.abandoned = true;
  f.out.push(...outcome(s, ts, scopes(f), { abandoned: 1, abandoned_long: wait > thresholdMs(f, s) ? 1 : 0, ...offeredOn(f.st.channel) }));
  finish(f, ts);
}

function end(f: ChatFold, s: MetricSettings, ts: number): void {
  const st = f.st;
  if (st.status === 'active' && st.answeredAt !== null) {
    f.out.push(...outcome(s, ts, scopes(f), { handled: 1, handle_ms: ts - st.answeredAt }));
    if (st.agent) f.out.push(...outcome(s, ts, [agentScope(st.agent)], { handled: 1, handle_ms: ts - st.answeredAt }));
  }
  finish(f, ts);
}

function finish(f: ChatFold, ts: number): void {
  f.st.status = 'ended';
  f.st.endedAt = ts;
  f.st.waitStart = null;
}

const later = byEventTime({});

export const chatFold: ItemFold<ChatFold, ChatEvent> = {
  rank: RANK,
  init: (id) => ({
    out: [],
    st: { id, queue: null, channel: 'chat', status: 'unknown', waitStart: null, agent: null, answeredAt: null, endedAt: null },
    firstWait: null,
    abandoned: false,
    transfers: 0,
    touched: [],
    rating: null,
    requestedAt: null,
    tier: null,
    tierSeen: false,
  }),
  step(f, e, s) {
    const st = f.st;
    switch (e.type) {
      case 'chat.requested':
        f.requestedAt ??= e.ts;
        if (!f.tierSeen && e.customer) {
          f.tierSeen = true;
          f.tier = e.customer.tier ?? null;
        }
        if (st.status === 'unknown') {
          st.queue = e.queue;
          st.channel = e.channel ?? 'chat';
          st.status = 'waiting';
          st.waitStart = e.ts;
        } else {
          st.queue ??= e.queue;
          if (e.channel) st.channel = e.channel;
        }
        break;
      case 'chat.answered':
        if (st.status !== 'ended') answer(f, s, e.ts, e.agent_id);
        break;
      case 'chat.transferred':
        if (st.status === 'ended') break;
        f.out.push(...outcome(s, e.ts, scopes(f), { reassignments: 1 }));
        f.transfers++;
        if (e.to_queue !== undefined) {
          st.queue = e.to_queue;
          st.status = 'waiting';
          st.waitStart = e.ts;
          st.agent = null;
        } else if (e.to_agent_id !== undefined) {
          answer(f, s, e.ts, e.to_agent_id);
        }
        break;
      case 'chat.abandoned':
        // SPEC §1: for a chat not waiting, an abandon counts as an end.
        if (st.status === 'waiting') abandon(f, s, e.ts);
        else if (st.status !== 'ended') end(f, s, e.ts);
        break;
      case 'chat.ended':
        // Ended while still waiting: the customer was not served; it counts as abandoned.
        if (st.status === 'waiting') abandon(f, s, e.ts);
        else if (st.status !== 'ended') end(f, s, e.ts);
        break;
      case 'csat.rated':
        if (f.rating === null || later(f.rating, e) < 0) f.rating = e;
        break;
    }
  },
  finish(f, s): Derived {
    const { st, out } = f;
    const chatId = st.id;
    const sc = scopes(f);
    if (st.status === 'waiting' && st.waitStart !== null) {
      for (const scope of sc) out.push({ k: 'z', key: scopeSetKey('waiting', scope), m: chatId, s: st.waitStart });
    }
    if (st.status === 'active' && st.answeredAt !== null) {
      for (const scope of sc) out.push({ k: 'z', key: scopeSetKey('active', scope), m: chatId, s: st.answeredAt });
      if (st.agent) out.push({ k: 'z', key: agentSetKey('agentchats', st.agent), m: chatId, s: st.answeredAt });
    }
    for (const scope of f.touched) out.push({ k: 'n', key: LIVE_HASH.scopes, field: scope, d: 1 });
    const ratings = f.rating ? [f.rating] : [];
    out.push(...csatOutcome(s, ratings, st.agent ? [...sc, agentScope(st.agent)] : sc));

    const summary: ItemSummary = {
      kind: 'chat',
      id: chatId,
      queue: st.queue,
      channel: st.channel,
      agent_id: st.agent,
      status: st.status,
      priority: null,
      tier: f.tier,
      started_at: f.requestedAt,
      answered_at: st.answeredAt,
      ended_at: st.endedAt,
      wait_s: f.firstWait === null ? null : f.firstWait / 1000,
      handle_s: st.answeredAt !== null && st.endedAt !== null && !f.abandoned ? (st.endedAt - st.answeredAt) / 1000 : null,
      frt_s: null,
      reassignments: f.transfers,
      reopened: false,
      abandoned: f.abandoned,
      csat: f.rating === null ? null : isGood(f.rating) ? 'good' : 'bad',
      sla_met: 0,
      sla_breached: 0,
    };
    return { contributions: out, expireAt: st.endedAt !== null ? st.endedAt + s.itemRetentionMs : null, summary };
  },
};

export function deriveChat(chatId: string, events: ChatEvent[], s: MetricSettings): Derived {
  const f = chatFold.init(chatId);
  for (const e of [...events].sort(byEventTime(RANK))) chatFold.step(f, e, s);
  return chatFold.finish(f, s);
}

// A chat's state and outcomes, replayed from all of its events in event-time order (SPEC §2).
import { CHAT_CHANNELS, type EventOf, type PulseEvent } from '@pulse/contracts';
import type { Contribution } from '../contribution.ts';
import { outcome } from '../buckets.ts';
import { offeredCounter } from '../staffing/channels.ts';
import { scopesOf } from '../scopes.ts';
import { serviceLevelThresholdMs, type MetricSettings } from '../settings.ts';
import { csatOutcome, latestCsat } from './csat.ts';
import { byEventTime } from './order.ts';
import type { Derived, ItemSummary } from './item.ts';

type ChatEvent = Extract<PulseEvent, { type: `chat.${string}` } | { type: 'csat.rated' }>;

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
const offeredOn = (channel: string): Record<string, number> =>
  (CHAT_CHANNELS as readonly string[]).includes(channel) ? { [offeredCounter(channel)]: 1 } : {};

export function deriveChat(chatId: string, events: ChatEvent[], s: MetricSettings): Derived {
  const st: ChatState = {
    id: chatId,
    queue: null,
    channel: 'chat',
    status: 'unknown',
    waitStart: null,
    agent: null,
    answeredAt: null,
    endedAt: null,
  };
  const out: Contribution[] = [];
  const touched = new Set<string>();
  const scopes = () => {
    const sc = scopesOf(st.queue, st.channel);
    for (const scope of sc) touched.add(scope);
    return sc;
  };
  const thresholdMs = () => serviceLevelThresholdMs(s, st.queue, st.channel);

  let firstWait: number | null = null;
  let abandoned = false;
  let transfers = 0;
  const answer = (ts: number, agent: string) => {
    if (st.status === 'waiting' && st.waitStart !== null) {
      const wait = ts - st.waitStart;
      firstWait ??= wait;
      out.push(...outcome(s, ts, scopes(), { answered: 1, wait_ms: wait, sl_met: wait <= thresholdMs() ? 1 : 0, ...offeredOn(st.channel) }));
    }
    st.status = 'active';
    st.agent = agent;
    st.answeredAt ??= ts;
    st.waitStart = null;
  };
  const abandon = (ts: number) => {
    const wait = ts - (st.waitStart ?? ts);
    firstWait ??= wait;
    abandoned = true;
    out.push(...outcome(s, ts, scopes(), { abandoned: 1, abandoned_long: wait > thresholdMs() ? 1 : 0, ...offeredOn(st.channel) }));
    finish(ts);
  };
  const end = (ts: number) => {
    if (st.status === 'active' && st.answeredAt !== null) {
      out.push(...outcome(s, ts, scopes(), { handled: 1, handle_ms: ts - st.answeredAt }));
      if (st.agent) out.push(...outcome(s, ts, [`agent:${st.agent}`], { handled: 1, handle_ms: ts - st.answeredAt }));
    }
    finish(ts);
  };
  const finish = (ts: number) => {
    st.status = 'ended';
    st.endedAt = ts;
    st.waitStart = null;
  };

  const sorted = [...events].sort(byEventTime(RANK));
  const ratings: EventOf<'csat.rated'>[] = [];
  for (const e of sorted) {
    switch (e.type) {
      case 'chat.requested':
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
        if (st.status !== 'ended') answer(e.ts, e.agent_id);
        break;
      case 'chat.transferred':
        if (st.status === 'ended') break;
        out.push(...outcome(s, e.ts, scopes(), { reassignments: 1 }));
        transfers++;
        if (e.to_queue !== undefined) {
          st.queue = e.to_queue;
          st.status = 'waiting';
          st.waitStart = e.ts;
          st.agent = null;
        } else if (e.to_agent_id !== undefined) {
          answer(e.ts, e.to_agent_id);
        }
        break;
      case 'chat.abandoned':
        // SPEC §1: for a chat not waiting, an abandon counts as an end.
        if (st.status === 'waiting') abandon(e.ts);
        else if (st.status !== 'ended') end(e.ts);
        break;
      case 'chat.ended':
        // Ended while still waiting: the customer was not served; it counts as abandoned.
        if (st.status === 'waiting') abandon(e.ts);
        else if (st.status !== 'ended') end(e.ts);
        break;
      case 'csat.rated':
        ratings.push(e);
        break;
    }
  }

  const sc = scopes();
  if (st.status === 'waiting' && st.waitStart !== null) {
    for (const scope of sc) out.push({ k: 'z', key: `waiting:${scope}`, m: chatId, s: st.waitStart });
  }
  if (st.status === 'active' && st.answeredAt !== null) {
    for (const scope of sc) out.push({ k: 'z', key: `active:${scope}`, m: chatId, s: st.answeredAt });
    if (st.agent) out.push({ k: 'z', key: `agentchats:${st.agent}`, m: chatId, s: st.answeredAt });
  }
  for (const scope of touched) out.push({ k: 'n', key: 'scopes', field: scope, d: 1 });
  out.push(...csatOutcome(s, ratings, st.agent ? [...sc, `agent:${st.agent}`] : sc));

  const requestedAt = sorted.find((e) => e.type === 'chat.requested')?.ts ?? null;
  const summary: ItemSummary = {
    kind: 'chat',
    id: chatId,
    queue: st.queue,
    channel: st.channel,
    agent_id: st.agent,
    status: st.status,
    priority: null,
    tier: (sorted.find((e) => e.type === 'chat.requested' && e.customer) as EventOf<'chat.requested'> | undefined)?.customer?.tier ?? null,
    started_at: requestedAt,
    answered_at: st.answeredAt,
    ended_at: st.endedAt,
    wait_s: firstWait === null ? null : firstWait / 1000,
    handle_s: st.answeredAt !== null && st.endedAt !== null && !abandoned ? (st.endedAt - st.answeredAt) / 1000 : null,
    frt_s: null,
    reassignments: transfers,
    reopened: false,
    abandoned,
    csat: latestCsat(ratings),
    sla_met: 0,
    sla_breached: 0,
  };
  return { contributions: out, expireAt: st.endedAt !== null ? st.endedAt + s.itemRetentionMs : null, summary };
}

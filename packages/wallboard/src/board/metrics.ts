// Pure derivations from a snapshot for one board: which tiles, header totals, ticking waits.
import { CHAT_CHANNELS, type ScopeMetrics, type Snapshot, type WindowName } from '@pulse/contracts';
import { utilizationPct, windowMetrics } from '@pulse/metrics/browser';
import type { BoardView, NameList } from '../config/boards.ts';

export type ChannelKind = 'chat' | 'ticket';

export interface TileEntry {
  kind: 'queue' | 'channel';
  name: string;
  metrics: ScopeMetrics;
  /** Channel tiles: whether the channel carries chats (waiting now) or tickets (a backlog). */
  channelKind?: ChannelKind;
}

const chatChannels = new Set<string>(CHAT_CHANNELS);
/** One channel vocabulary: chat, voice, messaging and social are chat channels; email, web, phone, api ticket ones. */
export const channelKind = (name: string): ChannelKind => (chatChannels.has(name) ? 'chat' : 'ticket');

/** Code-unit order: the same on every TV whatever its locale. */
export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function pick(scopes: Record<string, ScopeMetrics>, only: NameList, kind: TileEntry['kind']): TileEntry[] {
  const wanted = Array.isArray(only) ? new Set(only) : null;
  return Object.entries(scopes)
    .filter(([name]) => !wanted || wanted.has(name))
    .sort(([a], [b]) => byName(a, b))
    .map(([name, metrics]) => ({ kind, name, metrics }));
}

/**
 * The tiles of a board: its queues (all of them unless the URL names some, or names only channels), then its
 * channels (only when the URL names them): chat channels, then ticket channels, kept apart. Sorted by name
 * within each group.
 */
export function selectTiles(snapshot: Snapshot, view: Pick<BoardView, 'queues' | 'channels'>): TileEntry[] {
  const showQueues = view.queues !== null || view.channels === null;
  const channels =
    view.channels !== null ? pick(snapshot.channels ?? {}, view.channels, 'channel').map((t) => ({ ...t, channelKind: channelKind(t.name) })) : [];
  return [
    ...(showQueues ? pick(snapshot.queues, view.queues, 'queue') : []),
    ...channels.filter((t) => t.channelKind === 'chat'),
    ...channels.filter((t) => t.channelKind === 'ticket'),
  ];
}

/** The queues a board is limited to, or null when it shows every queue. */
export const queueFilter = (view: Pick<BoardView, 'queues'>): string[] | null => (Array.isArray(view.queues) ? view.queues : null);

export interface Totals {
  waiting: number;
  longestWaitS: number;
  activeChats: number;
  agentsOnline: number;
  utilizationPct: number | null;
  slaBreached: number;
  slaAtRisk: number;
  /** The board window's service level and abandon rate, and the contacts offered behind them. */
  serviceLevelPct: number | null;
  abandonRatePct: number | null;
  offered: number;
}

/**
 * Header totals. With no queue filter: the snapshot's `overall`. With `queues=a,b`: the same figures over those
 * queues only (a chat waits in one queue, so waits and chats add up; agents can serve several queues, so they
 * are counted once from the agent list, and utilization is recomputed from those agents as in SPEC §2).
 */
export function computeTotals(snapshot: Snapshot, only: string[] | null, window: WindowName = '15m'): Totals {
  if (!only || only.length === 1) {
    const one = only?.[0];
    const o = one === undefined ? snapshot.overall : snapshot.queues[one];
    if (!o) return computeTotals(snapshot, [...(only ?? []), ''], window);
    const w = o.windows?.[window];
    return {
      serviceLevelPct: w?.service_level_pct ?? null,
      abandonRatePct: w?.abandon_rate_pct ?? null,
      offered: w?.offered ?? 0,
      waiting: o.waiting,
      longestWaitS: o.longest_wait_s,
      activeChats: o.active_chats,
      agentsOnline: o.agents_online,
      utilizationPct: o.utilization_pct,
      slaBreached: o.sla_breached,
      slaAtRisk: o.sla_at_risk,
    };
  }
  const wanted = new Set(only);
  let waiting = 0;
  let longestWaitS = 0;
  let activeChats = 0;
  let slaBreached = 0;
  let slaAtRisk = 0;
  let answered = 0;
  let abandoned = 0;
  for (const [name, m] of Object.entries(snapshot.queues)) {
    if (!wanted.has(name)) continue;
    answered += m.windows?.[window]?.answered ?? 0;
    abandoned += m.windows?.[window]?.abandoned ?? 0;
    waiting += m.waiting;
    activeChats += m.active_chats;
    slaBreached += m.sla_breached;
    slaAtRisk += m.sla_at_risk;
    if (m.waiting > 0) longestWaitS = Math.max(longestWaitS, m.longest_wait_s);
  }
  const online = (snapshot.agents ?? []).filter((a) => a.status === 'online' && a.queues.some((q) => wanted.has(q)));
  const capacity = online.reduce((sum, a) => sum + a.chat_capacity, 0);
  const active = online.reduce((sum, a) => sum + a.active_chats, 0);
  const sum = windowMetrics({ answered, abandoned });
  return {
    waiting,
    longestWaitS,
    activeChats,
    agentsOnline: online.length,
    utilizationPct: utilizationPct(active, capacity),
    slaBreached,
    slaAtRisk,
    // The service level of several queues cannot be summed from theirs (short abandons are not in the
    // snapshot): the header shows it for all queues or one. The abandon rate adds up: SPEC §2's formula
    // over the queues' summed counters.
    serviceLevelPct: null,
    abandonRatePct: sum.abandon_rate_pct,
    offered: sum.offered,
  };
}

/**
 * Longest wait now, between snapshots: the server sends a snapshot only when something changes, so while chats
 * wait the figure keeps growing on the client from the moment the snapshot arrived.
 */
export function tickingWait(longestWaitS: number, waiting: number, receivedAt: number, now: number): number {
  if (waiting <= 0) return 0;
  return longestWaitS + Math.max(0, now - receivedAt) / 1000;
}

/**
 * The client clock minus the server's, estimated from a snapshot: when it arrived (client ms) minus its `at`.
 * Includes the network delay, which is what makes countdowns agree with what the server says.
 */
export function clockSkew(serverAt: string, receivedAt: number): number {
  const at = Date.parse(serverAt);
  return Number.isFinite(at) ? receivedAt - at : 0;
}

/** Seconds from `sinceIso` (a server time) to now, the client clock corrected by `skewMs`. Null without a time. */
export function elapsedSince(sinceIso: string | null, skewMs: number, now: number): number | null {
  if (!sinceIso) return null;
  const since = Date.parse(sinceIso);
  if (!Number.isFinite(since)) return null;
  return Math.max(0, (now - skewMs - since) / 1000);
}

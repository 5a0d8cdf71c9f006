// Pure derivations from a snapshot for one board: which tiles, header totals, ticking waits.
import type { ScopeMetrics, Snapshot } from '@pulse/contracts';
import type { BoardView, NameList } from '../config/boards.ts';

export interface TileEntry {
  kind: 'queue' | 'channel';
  name: string;
  metrics: ScopeMetrics;
}

/** Code-unit order: the same on every TV whatever its locale. */
export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function pick(scopes: Record<string, ScopeMetrics>, only: NameList, kind: TileEntry['kind']): TileEntry[] {
  const wanted = Array.isArray(only) ? new Set(only) : null;
  return Object.keys(scopes)
    .filter((name) => !wanted || wanted.has(name))
    .sort(byName)
    .map((name) => ({ kind, name, metrics: scopes[name] as ScopeMetrics }));
}

/**
 * The tiles of a board: its queues (all of them unless the URL names some, or names only channels), then its
 * channels (only when the URL names them). Sorted by name within each kind.
 */
export function selectTiles(snapshot: Snapshot, view: Pick<BoardView, 'queues' | 'channels'>): TileEntry[] {
  const showQueues = view.queues !== null || view.channels === null;
  return [
    ...(showQueues ? pick(snapshot.queues, view.queues, 'queue') : []),
    ...(view.channels !== null ? pick(snapshot.channels ?? {}, view.channels, 'channel') : []),
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
}

/**
 * Header totals. With no queue filter: the snapshot's `overall`. With `queues=a,b`: the same figures over those
 * queues only (a chat waits in one queue, so waits and chats add up; agents can serve several queues, so they
 * are counted once from the agent list, and utilization is recomputed from those agents as in SPEC §2).
 */
export function computeTotals(snapshot: Snapshot, only: string[] | null): Totals {
  if (!only) {
    const o = snapshot.overall;
    return {
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
  for (const [name, m] of Object.entries(snapshot.queues)) {
    if (!wanted.has(name)) continue;
    waiting += m.waiting;
    activeChats += m.active_chats;
    slaBreached += m.sla_breached;
    slaAtRisk += m.sla_at_risk;
    if (m.waiting > 0) longestWaitS = Math.max(longestWaitS, m.longest_wait_s);
  }
  const online = (snapshot.agents ?? []).filter((a) => a.status === 'online' && a.queues.some((q) => wanted.has(q)));
  const capacity = online.reduce((sum, a) => sum + a.chat_capacity, 0);
  const active = online.reduce((sum, a) => sum + a.active_chats, 0);
  return {
    waiting,
    longestWaitS,
    activeChats,
    agentsOnline: online.length,
    utilizationPct: capacity > 0 ? (100 * active) / capacity : null,
    slaBreached,
    slaAtRisk,
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

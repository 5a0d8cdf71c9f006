// Pure derivations from a snapshot for the board: which tiles, header totals, ticking waits, severities.
import type { ScopeMetrics, Snapshot } from '@pulse/contracts';

export interface QueueEntry {
  name: string;
  metrics: ScopeMetrics;
}

/** Code-unit order: the same on every TV whatever its locale. */
const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** One entry per queue of the snapshot, sorted by name, limited to `only` when the URL names queues. */
export function selectQueues(snapshot: Snapshot, only: string[] | null): QueueEntry[] {
  const wanted = only ? new Set(only) : null;
  return Object.keys(snapshot.queues)
    .filter((name) => !wanted || wanted.has(name))
    .sort(byName)
    .map((name) => ({ name, metrics: snapshot.queues[name] as ScopeMetrics }));
}

export interface Totals {
  waiting: number;
  longestWaitS: number;
  activeChats: number;
  agentsOnline: number;
  utilizationPct: number | null;
}

/**
 * Header totals. With no queue filter: the snapshot's `overall`. With `?queue=a,b`: the same figures over those
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
    };
  }
  const wanted = new Set(only);
  let waiting = 0;
  let longestWaitS = 0;
  let activeChats = 0;
  for (const [name, m] of Object.entries(snapshot.queues)) {
    if (!wanted.has(name)) continue;
    waiting += m.waiting;
    activeChats += m.active_chats;
    if (m.waiting > 0) longestWaitS = Math.max(longestWaitS, m.longest_wait_s);
  }
  const agents = snapshot.agents ?? [];
  if (agents.length === 0) {
    // No agent list to dedupe with: per-queue counts are the best we have (an agent in two queues counts twice).
    let agentsOnline = 0;
    for (const [name, m] of Object.entries(snapshot.queues)) if (wanted.has(name)) agentsOnline += m.agents_online;
    return { waiting, longestWaitS, activeChats, agentsOnline, utilizationPct: null };
  }
  const online = agents.filter((a) => a.status === 'online' && a.queues.some((q) => wanted.has(q)));
  const capacity = online.reduce((sum, a) => sum + a.chat_capacity, 0);
  const active = online.reduce((sum, a) => sum + a.active_chats, 0);
  return {
    waiting,
    longestWaitS,
    activeChats,
    agentsOnline: online.length,
    utilizationPct: capacity > 0 ? (100 * active) / capacity : null,
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

export type Severity = 'ok' | 'warning' | 'critical';

/** Default wait thresholds of SPEC §4 `queue_wait` for chat (T = 30 s): warning 2 × T, critical 6 × T. */
export const DEFAULT_WAIT_WARNING_S = 60;
export const DEFAULT_WAIT_CRITICAL_S = 180;

interface AlertLike {
  rule?: unknown;
  state?: unknown;
  severity?: unknown;
  scope?: { queue?: unknown } | null;
}

/** Severity of a firing (or acknowledged) `queue_wait` alert for this queue in the snapshot, if any. */
export function queueWaitAlert(snapshot: Snapshot, queue: string): Severity | null {
  let found: Severity | null = null;
  for (const raw of snapshot.alerts ?? []) {
    if (typeof raw !== 'object' || raw === null) continue;
    const a = raw as AlertLike;
    if (a.rule !== 'queue_wait' || a.scope?.queue !== queue) continue;
    if (a.state !== 'firing' && a.state !== 'acknowledged') continue;
    if (a.severity === 'critical') return 'critical';
    if (a.severity === 'warning') found = 'warning';
  }
  return found;
}

/**
 * How urgent a queue looks. The server's `queue_wait` alert (per-queue thresholds) wins when present; without one
 * the SPEC defaults apply to the live, ticking wait so the tile changes colour the moment a threshold is crossed.
 */
export function waitSeverity(longestWaitS: number, alert: Severity | null): Severity {
  const local: Severity =
    longestWaitS >= DEFAULT_WAIT_CRITICAL_S ? 'critical' : longestWaitS >= DEFAULT_WAIT_WARNING_S ? 'warning' : 'ok';
  if (!alert) return local;
  return alert;
}

/** Service level under the SPEC §4 goal (80 %) reads as a problem. */
export const SERVICE_LEVEL_GOAL_PCT = 80;

/** Columns × rows so that `n` tiles fill a 16:9 screen without scrolling (up to ~12 comfortably). */
export function gridShape(n: number): { cols: number; rows: number } {
  const cols =
    n <= 3 ? Math.max(1, n) : n === 4 ? 2 : n <= 6 ? 3 : n <= 8 ? 4 : n === 9 ? 3 : n <= 12 ? 4 : n <= 15 ? 5 : n === 16 ? 4 : n <= 20 ? 5 : 6;
  return { cols, rows: Math.max(1, Math.ceil(n / cols)) };
}

// Patches on WebSocket `/v1/live/stream` (SPEC §3): after the snapshot, each message holds only what changed
// since the previous one, and `applyPatch` turns the state a client holds into the next. The server builds
// each patch against the very state its clients will compute with this function, so a client that applies
// every patch in order holds what the server meant, figure for figure (docs/operations.md, "Live stream").
//
// What a client works out by itself, so that it is not sent: time moving on. A scope's `longest_wait_s`
// (while `waiting` > 0) and `oldest_unassigned_s` (while `unassigned_tickets` > 0) grow by the time between
// the two `at`s, and every SLA item's `remaining_s` is its `due_at` less `at`. The server sends these figures
// only when they differ from that (a new longest wait, a wait that has not started yet).
import type { Alert } from './alerts.ts';
import { own, setOwn } from './own.ts';
import type { AgentView, ScopeMetrics, SlaItem, SlaTarget, SlaTotals, Snapshot } from './snapshot.ts';

/**
 * The changed fields of an object: nested objects (a scope's `windows`) are changes of their own, values and
 * arrays are sent whole; `$unset` names fields that are gone. A new object is sent whole.
 */
export type Change<T> = {
  [K in keyof T]?: NonNullable<T[K]> extends readonly unknown[] ? T[K] : NonNullable<T[K]> extends object ? Change<NonNullable<T[K]>> | T[K] : T[K];
} & { $unset?: string[] };

/** An agent's changed fields by id (a new agent whole); `timeline_added` are entries after its last one. */
export type AgentChange = Change<AgentView> & { id: string; timeline_added?: AgentView['timeline'] };

/** An alert's changed fields by id (a new alert whole): most changes are a title, a message, a value. */
export type AlertChange = Change<Alert> & { id: string };

/** An SLA item is one ticket's target. */
export type SlaKey = [ticket_id: string, target: SlaTarget];

/** Items added or changed (whole) and removed, of one SLA list; the list keeps its order (slaOrder). */
export interface SlaListChange {
  set?: SlaItem[];
  removed?: SlaKey[];
}

/** Items added or changed (by id) and removed; `order` (ids) when the list's order is not what applying gives. */
export interface ListChange<T> {
  set?: T[];
  removed?: string[];
  order?: string[];
}

export interface LivePatch {
  type: 'patch';
  /** one more than the seq of the previous snapshot or patch of this stream */
  seq: number;
  /** the snapshot time of the state this patch brings */
  at: string;
  overall?: Change<ScopeMetrics>;
  /** changed queues and channels by name (a new one whole) */
  queues?: Record<string, Change<ScopeMetrics>>;
  channels?: Record<string, Change<ScopeMetrics>>;
  /** queues and channels that are gone */
  removed?: { queues?: string[]; channels?: string[] };
  /** new agents are appended unless `order` says otherwise */
  agents?: ListChange<AgentChange>;
  sla?: { breached?: SlaListChange; at_risk?: SlaListChange; total?: SlaTotals };
  /** alerts travel as their own ops: only those that appeared (whole), changed (their changed fields) or went */
  alerts?: ListChange<AlertChange>;
  /** the snapshot's other top-level fields that changed (`rebuilding`, `time_zone`, …) */
  fields?: Record<string, unknown> & { $unset?: string[] };
}

/** The order of both SLA lists (SPEC §3: the most urgent first): least time left first, paused clocks last. */
export function slaOrder(a: SlaItem, b: SlaItem): number {
  return (
    (a.remaining_s ?? Infinity) - (b.remaining_s ?? Infinity) ||
    (a.ticket_id < b.ticket_id ? -1 : a.ticket_id > b.ticket_id ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0)
  );
}

/** Seconds from `at` to `due_at` (negative when overdue; null while paused): what both ends compute. */
export const remainingAt = (dueAt: string | null, atMs: number): number | null => (dueAt === null ? null : (Date.parse(dueAt) - atMs) / 1000);

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `base` with `change` merged in (see Change); never modifies either. */
export function mergeChange<T extends object>(base: T | undefined, change: Change<T> | Record<string, unknown>): T {
  if (!isPlain(base)) {
    const whole = { ...(change as Record<string, unknown>) };
    delete whole.$unset;
    return whole as T;
  }
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(change)) {
    if (k === '$unset') continue;
    const prev = own(out, k);
    setOwn(out, k, isPlain(v) && isPlain(prev) ? mergeChange(prev, v) : v);
  }
  for (const k of (change as { $unset?: string[] }).$unset ?? []) delete out[k];
  return out as T;
}

/** The time-only figures of a scope moved on by `dt` seconds (see the top of this file). */
export function advanceScope(m: ScopeMetrics, dt: number): ScopeMetrics {
  if (dt === 0 || (!(m.waiting > 0) && !(m.unassigned_tickets > 0))) return m;
  return {
    ...m,
    longest_wait_s: m.waiting > 0 ? m.longest_wait_s + dt : m.longest_wait_s,
    oldest_unassigned_s: m.unassigned_tickets > 0 ? m.oldest_unassigned_s + dt : m.oldest_unassigned_s,
  };
}

function applyScopes(
  prev: Record<string, ScopeMetrics>,
  changes: Record<string, Change<ScopeMetrics>> | undefined,
  removed: string[] | undefined,
  dt: number,
): Record<string, ScopeMetrics> {
  if (dt === 0 && !changes && !removed) return prev;
  const out: Record<string, ScopeMetrics> = {};
  const gone = new Set(removed ?? []);
  let same = gone.size === 0 && !changes;
  for (const [name, m] of Object.entries(prev)) {
    if (gone.has(name)) continue;
    const next = advanceScope(m, dt);
    if (next !== m) same = false;
    setOwn(out, name, next);
  }
  if (same) return prev;
  for (const [name, change] of Object.entries(changes ?? {})) setOwn(out, name, mergeChange(own(out, name), change));
  return out;
}

const slaKey = (ticket: string, target: string): string => `${ticket}\u0000${target}`;

function applySla(prev: SlaItem[], change: SlaListChange | undefined, atMs: number, moved: boolean): SlaItem[] {
  if (!change && !moved) return prev;
  let items = prev;
  if (change) {
    const drop = new Set((change.removed ?? []).map(([t, g]) => slaKey(t, g)));
    for (const i of change.set ?? []) drop.add(slaKey(i.ticket_id, i.target));
    items = [...prev.filter((i) => !drop.has(slaKey(i.ticket_id, i.target))), ...(change.set ?? [])];
  }
  items = items.map((i) => {
    const remaining_s = remainingAt(i.due_at, atMs);
    return remaining_s === i.remaining_s ? i : { ...i, remaining_s };
  });
  return change ? items.sort(slaOrder) : items;
}

function applyList<T extends { id: string }, C extends { id: string }>(
  prev: T[],
  change: ListChange<C> | undefined,
  merge: (old: T | undefined, c: C) => T,
): T[] {
  if (!change) return prev;
  const gone = new Set(change.removed ?? []);
  const set = new Map((change.set ?? []).map((c) => [c.id, c] as const));
  const out: T[] = [];
  for (const x of prev) {
    if (gone.has(x.id)) continue;
    const c = set.get(x.id);
    if (c) set.delete(x.id);
    out.push(c ? merge(x, c) : x);
  }
  for (const c of set.values()) out.push(merge(undefined, c));
  if (!change.order) return out;
  const byId = new Map(out.map((x) => [x.id, x] as const));
  return change.order.map((id) => byId.get(id)).filter((x): x is T => x !== undefined);
}

function mergeAgent(old: AgentView | undefined, c: AgentChange): AgentView {
  const { timeline_added, ...rest } = c;
  const next = mergeChange(old, rest as Change<AgentView>);
  if (timeline_added) next.timeline = [...(next.timeline ?? []), ...timeline_added];
  else next.timeline ??= [];
  return next;
}

/** The state after `patch`: what was not changed keeps its identity (React skips it). */
export function applyPatch(snap: Snapshot, patch: LivePatch): Snapshot {
  const atMs = Date.parse(patch.at);
  const dt = (atMs - Date.parse(snap.at)) / 1000;
  const moved = dt !== 0;
  const out: Snapshot = {
    ...(patch.fields ? mergeChange(snap, patch.fields as Change<Snapshot>) : snap),
    at: patch.at,
    overall: patch.overall ? mergeChange(advanceScope(snap.overall, dt), patch.overall) : advanceScope(snap.overall, dt),
    queues: applyScopes(snap.queues, patch.queues, patch.removed?.queues, dt),
    channels: applyScopes(snap.channels, patch.channels, patch.removed?.channels, dt),
    agents: applyList(snap.agents, patch.agents, mergeAgent),
    alerts: applyList(snap.alerts, patch.alerts, (old, a) => mergeChange(old, a as Change<Alert>)),
  };
  const sla = patch.sla;
  const breached = applySla(snap.sla.breached, sla?.breached, atMs, moved);
  const atRisk = applySla(snap.sla.at_risk, sla?.at_risk, atMs, moved);
  if (breached !== snap.sla.breached || atRisk !== snap.sla.at_risk || sla?.total) {
    out.sla = { ...snap.sla, breached, at_risk: atRisk, ...(sla?.total ? { total: sla.total } : {}) };
  }
  return out;
}

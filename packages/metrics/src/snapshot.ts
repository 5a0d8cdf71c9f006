// The snapshot of SPEC §2 from a LiveView: instant metrics, window metrics, agents.
import {
  own,
  recordOf,
  remainingAt,
  slaOrder,
  WINDOWS,
  type AgentView,
  type ScopeMetrics,
  type SlaItem,
  type Snapshot,
  type WindowName,
} from '@pulse/contracts';
import { valuesKey, windowBuckets } from './buckets.ts';
import { windowMetrics, type Counters } from './formulas.ts';
import type { AgentState } from './items/agent.ts';
import { agentScope, channelOf, OVERALL, queueOf, scopedField } from './scopes.ts';
import { iso, localDate } from './time.ts';
import { utilizationPct } from './rules.ts';
import type { LiveView } from './view.ts';
import { scopeCounters } from './scope-counters.ts';
import type { MetricSettings } from './settings.ts';
import { queueStaffing } from './staffing/scope.ts';

/** How many breached and at-risk targets each list of a snapshot holds by default (the most urgent first). */
export const DEFAULT_SLA_LIST_LIMIT = 50;

/** The window buckets at `now`, computed once per minute and zone (every scope and agent of a build asks). */
let lastBuckets: { minute: number; timeZone: string; keys: ReturnType<typeof windowBuckets> } | null = null;
function bucketsAt(now: number, timeZone: string): ReturnType<typeof windowBuckets> {
  const minute = Math.floor(now / 60_000);
  if (lastBuckets?.minute !== minute || lastBuckets.timeZone !== timeZone) lastBuckets = { minute, timeZone, keys: windowBuckets(now, timeZone) };
  return lastBuckets.keys;
}

function windowCounters(view: LiveView, bucketKeys: string[], scope: string): { counters: Counters; frt: number[] } {
  const frt: number[] = [];
  for (const key of bucketKeys) frt.push(...(view.values[valuesKey(key, 'frt', scope)] ?? []));
  return { counters: scopeCounters(view, bucketKeys, scope), frt };
}

function agentsOfScope(view: LiveView, scope: string): AgentState[] {
  const queue = queueOf(scope);
  if (queue === null) return view.agents;
  return view.agents.filter((a) => a.queues.includes(queue));
}

/** `windows`: the scope's window figures when they are known unchanged (an incremental build), else computed. */
function scopeMetrics(view: LiveView, scope: string, known?: ScopeMetrics['windows']): ScopeMetrics {
  const seconds = (earliest: number | null) => (earliest === null ? 0 : Math.max(0, (view.now - earliest) / 1000));
  const agents = agentsOfScope(view, scope);
  const online = agents.filter((a) => a.status === 'online');
  const capacity = online.reduce((sum, a) => sum + a.capacity, 0);
  const busy = online.reduce((sum, a) => sum + (own(view.agentChats, a.id) ?? 0), 0);
  const buckets = bucketsAt(view.now, view.timeZone);
  const windows = known ?? ({} as Record<WindowName, ScopeMetrics['windows'][WindowName]>);
  for (const w of known ? [] : WINDOWS) {
    const { counters, frt } = windowCounters(view, buckets[w], scope);
    counters.sla_breached = view.slaBreachesIn[scope]?.[w] ?? 0;
    windows[w] = windowMetrics(counters, frt);
  }
  const waiting = view.waiting[scope] ?? { count: 0, earliest: null };
  const unassigned = view.unassigned[scope] ?? { count: 0, earliest: null };
  return {
    waiting: waiting.count,
    longest_wait_s: seconds(waiting.earliest),
    unsolved_tickets: view.unsolved[scope] ?? 0,
    unassigned_tickets: unassigned.count,
    oldest_unassigned_s: seconds(unassigned.earliest),
    agents_online: online.length,
    agents_away: agents.filter((a) => a.status === 'away').length,
    active_chats: view.active[scope] ?? 0,
    utilization_pct: utilizationPct(busy, capacity),
    sla_breached: view.slaBreached[scope] ?? 0,
    sla_at_risk: view.slaAtRisk[scope] ?? 0,
    windows,
  };
}

export function agentView(view: LiveView, a: AgentState): AgentView {
  const active = own(view.agentChats, a.id) ?? 0;
  const today = localDate(view.now, view.timeZone);
  const dayKey = bucketsAt(view.now, view.timeZone).today[0];
  const dayFields = dayKey === undefined ? undefined : view.buckets[dayKey];
  return {
    id: a.id,
    name: a.name,
    status: a.status,
    status_since: a.since ? iso(a.since) : null,
    queues: a.queues,
    active_chats: active,
    chat_capacity: a.capacity,
    load_pct: utilizationPct(active, a.capacity),
    open_tickets: own(view.agentTickets, a.id) ?? 0,
    handled_today: (dayFields?.[scopedField(agentScope(a.id), 'handled')] ?? 0) + (dayFields?.[scopedField(agentScope(a.id), 'solved')] ?? 0),
    timeline: a.timeline.filter(([, ts]) => localDate(ts, view.timeZone) === today).map(([status, ts]) => ({ status, at: iso(ts) })),
  };
}

/**
 * One scope's figures (overall, `q:<queue>`, `c:<channel>`); a queue's with its staffing. `windows`: its window
 * figures when nothing they are computed from changed (the incremental view knows), so they are not summed again.
 */
export function scopeFigures(view: LiveView, scope: string, settings: MetricSettings, windows?: ScopeMetrics['windows']): ScopeMetrics {
  const m = scopeMetrics(view, scope, windows);
  const queue = queueOf(scope);
  if (queue !== null) m.staffing = queueStaffing(view, queue, m, settings);
  return m;
}

export function buildSnapshot(view: LiveView, settings: MetricSettings, slaLimit = DEFAULT_SLA_LIST_LIMIT): Snapshot {
  // keyed by queue and channel names: built from entries so that `__proto__` is a key like any other
  const of = (idOf: (scope: string) => string | null) =>
    recordOf(
      view.scopes.flatMap((s) => {
        const id = idOf(s);
        return id === null ? [] : [[id, scopeFigures(view, s, settings)] as const];
      }),
    );
  const queues: Snapshot['queues'] = of(queueOf);
  const channels: Snapshot['channels'] = of(channelOf);
  return {
    at: iso(view.now),
    time_zone: view.timeZone,
    overall: scopeFigures(view, OVERALL, settings),
    queues,
    channels,
    agents: view.agents.map((a) => agentView(view, a)),
    sla: slaLists(view, slaLimit),
    alerts: [],
  };
}

/**
 * Breached targets, most overdue first; at-risk ones, least time left first (paused clocks last): the first
 * `limit` of each, with how many there are in all (SPEC §3). `remaining_s` as clients work it out (live-patch.ts).
 */
function slaLists(view: LiveView, limit: number): Snapshot['sla'] {
  const atMs = Date.parse(iso(view.now));
  const items = view.slaTargets.map((i): SlaItem => {
    const dueAt = i.due_at === null ? null : iso(i.due_at);
    return {
      ticket_id: i.ticket_id,
      target: i.target as SlaItem['target'],
      due_at: dueAt,
      remaining_s: remainingAt(dueAt, atMs),
      queue: i.queue,
      priority: i.priority,
      agent_id: i.agent_id,
    };
  });
  const breached = items.filter((i) => i.remaining_s !== null && i.remaining_s <= 0).sort(slaOrder);
  const atRisk = items.filter((i) => i.remaining_s === null || i.remaining_s > 0).sort(slaOrder);
  return {
    breached: breached.slice(0, limit),
    at_risk: atRisk.slice(0, limit),
    total: { breached: view.slaBreached[OVERALL] ?? 0, at_risk: view.slaAtRisk[OVERALL] ?? 0 },
  };
}

/** The snapshot narrowed to one queue and/or channel (`GET /v1/live?queue=&channel=`). */
export function filterSnapshot(snap: Snapshot, queue?: string, channel?: string): Snapshot {
  if (!queue && !channel) return snap;
  return {
    ...snap,
    queues: queue ? pick(snap.queues, queue) : snap.queues,
    channels: channel ? pick(snap.channels, channel) : snap.channels,
    agents: queue ? snap.agents.filter((a) => a.queues.includes(queue)) : snap.agents,
    sla: {
      breached: snap.sla.breached.filter((i) => !queue || i.queue === queue),
      at_risk: snap.sla.at_risk.filter((i) => !queue || i.queue === queue),
      ...(queue
        ? { total: { breached: own(snap.queues, queue)?.sla_breached ?? 0, at_risk: own(snap.queues, queue)?.sla_at_risk ?? 0 } }
        : { total: snap.sla.total }),
    },
  };
}

const pick = <T>(rec: Record<string, T>, key: string): Record<string, T> => (Object.hasOwn(rec, key) ? recordOf([[key, rec[key] as T]]) : {});

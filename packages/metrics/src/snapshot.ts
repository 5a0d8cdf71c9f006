// The snapshot of SPEC §2 from a LiveView: instant metrics, window metrics, agents.
import { own, recordOf, remainingAt, slaOrder, WINDOWS, type AgentView, type ScopeMetrics, type SlaItem, type Snapshot, type WindowName } from '@pulse/contracts';
import { valuesKey, windowBuckets } from './buckets.ts';
import { windowMetrics, type Counters } from './formulas.ts';
import type { AgentState } from './items/agent.ts';
import { OVERALL, scopedField } from './scopes.ts';
import { iso, localDate } from './time.ts';
import type { LiveView } from './view.ts';
import type { MetricSettings } from './settings.ts';
import { queueStaffing } from './staffing/scope.ts';

/** How many breached and at-risk targets each list of a snapshot holds by default (the most urgent first). */
export const DEFAULT_SLA_LIST_LIMIT = 50;

/** A bucket's counters by scope (fields are `<scope>|<counter>`; counters have no `|`), once per bucket object. */
const scopeIndexes = new WeakMap<Record<string, number>, Map<string, Record<string, number>>>();
const NO_FIELDS: Record<string, number> = {};

function scopeIndex(fields: Record<string, number>): Map<string, Record<string, number>> {
  let index = scopeIndexes.get(fields);
  if (index) return index;
  index = new Map();
  for (const [field, v] of Object.entries(fields)) {
    const bar = field.lastIndexOf('|');
    const scope = field.slice(0, bar);
    let counters = index.get(scope);
    if (!counters) index.set(scope, (counters = {}));
    counters[field.slice(bar + 1)] = v;
  }
  scopeIndexes.set(fields, index);
  return index;
}

function windowCounters(view: LiveView, bucketKeys: string[], scope: string): { counters: Counters; frt: number[] } {
  const counters: Counters = {};
  const frt: number[] = [];
  for (const key of bucketKeys) {
    const mine = scopeIndex(view.buckets[key] ?? NO_FIELDS).get(scope);
    if (mine) for (const name in mine) counters[name] = (counters[name] ?? 0) + mine[name];
    frt.push(...(view.values[valuesKey(key, 'frt', scope)] ?? []));
  }
  return { counters, frt };
}

function agentsOfScope(view: LiveView, scope: string): AgentState[] {
  if (!scope.startsWith('q:')) return view.agents;
  const queue = scope.slice(2);
  return view.agents.filter((a) => a.queues.includes(queue));
}

function scopeMetrics(view: LiveView, scope: string): ScopeMetrics {
  const seconds = (earliest: number | null) => (earliest === null ? 0 : Math.max(0, (view.now - earliest) / 1000));
  const agents = agentsOfScope(view, scope);
  const online = agents.filter((a) => a.status === 'online');
  const capacity = online.reduce((sum, a) => sum + a.capacity, 0);
  const busy = online.reduce((sum, a) => sum + (own(view.agentChats, a.id) ?? 0), 0);
  const buckets = windowBuckets(view.now, view.timeZone);
  const windows = {} as Record<WindowName, ScopeMetrics['windows'][WindowName]>;
  for (const w of WINDOWS) {
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
    utilization_pct: capacity > 0 ? (100 * busy) / capacity : null,
    sla_breached: view.slaBreached[scope] ?? 0,
    sla_at_risk: view.slaAtRisk[scope] ?? 0,
    windows,
  };
}

export function agentView(view: LiveView, a: AgentState): AgentView {
  const active = own(view.agentChats, a.id) ?? 0;
  const today = localDate(view.now, view.timeZone);
  const dayKey = windowBuckets(view.now, view.timeZone).today[0];
  return {
    id: a.id,
    name: a.name,
    status: a.status,
    status_since: a.since ? iso(a.since) : null,
    queues: a.queues,
    active_chats: active,
    chat_capacity: a.capacity,
    load_pct: a.capacity > 0 ? (100 * active) / a.capacity : null,
    open_tickets: own(view.agentTickets, a.id) ?? 0,
    handled_today:
      (view.buckets[dayKey]?.[scopedField(`agent:${a.id}`, 'handled')] ?? 0) +
      (view.buckets[dayKey]?.[scopedField(`agent:${a.id}`, 'solved')] ?? 0),
    timeline: a.timeline
      .filter(([, ts]) => localDate(ts, view.timeZone) === today)
      .map(([status, ts]) => ({ status, at: iso(ts) })),
  };
}

/** One scope's figures (overall, `q:<queue>`, `c:<channel>`); a queue's with its staffing. */
export function scopeFigures(view: LiveView, scope: string, settings: MetricSettings): ScopeMetrics {
  const m = scopeMetrics(view, scope);
  if (scope.startsWith('q:')) m.staffing = queueStaffing(view, scope.slice(2), m, settings);
  return m;
}

export function buildSnapshot(view: LiveView, settings: MetricSettings, slaLimit = DEFAULT_SLA_LIST_LIMIT): Snapshot {
  // keyed by queue and channel names: built from entries so that `__proto__` is a key like any other
  const of = (prefix: string) =>
    recordOf(view.scopes.filter((s) => s.startsWith(prefix)).map((s) => [s.slice(prefix.length), scopeFigures(view, s, settings)] as const));
  const queues: Snapshot['queues'] = of('q:');
  const channels: Snapshot['channels'] = of('c:');
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
      ...(queue ? { total: { breached: own(snap.queues, queue)?.sla_breached ?? 0, at_risk: own(snap.queues, queue)?.sla_at_risk ?? 0 } } : { total: snap.sla.total }),
    },
  };
}

const pick = <T>(rec: Record<string, T>, key: string): Record<string, T> =>
  Object.hasOwn(rec, key) ? recordOf([[key, rec[key]]]) : {};

// What one stream or request sees: the whole snapshot, or one queue's and/or channel's (`?queue=&channel=`), which
// holds that scope only, so that its stream is sent only that scope's changes: its figures (as `overall` too),
// its agents, its SLA targets (the most urgent ones, with its counts) and the alerts about it.
import { own, recordOf, WINDOWS, type Alert, type ScopeMetrics, type Snapshot } from '@pulse/contracts';
import { windowMetrics } from '@pulse/metrics';
import type { Built } from './builder.ts';

/** A built snapshot with the alerts and status of the moment. */
export interface LiveState {
  built: Built;
  alerts: Alert[];
  rebuilding: boolean;
}

export interface Filter {
  queue?: string;
  channel?: string;
}

/** Alerts of a queue: about it, or about nothing narrower than the floor, or about one of its agents. */
export function alertsOf(alerts: Alert[], snap: Snapshot, { queue, channel }: Filter): Alert[] {
  if (!queue && !channel) return alerts;
  const agents = new Set(snap.agents.map((a) => a.id));
  return alerts.filter((a) => {
    const s = a.scope ?? {};
    if (channel && s.channel !== undefined && s.channel !== channel) return false;
    if (!queue) return true;
    if (s.queue !== undefined) return s.queue === queue;
    return s.agent_id === undefined || agents.has(s.agent_id);
  });
}

/** The figures of a scope with nothing in it yet. */
const EMPTY: ScopeMetrics = {
  waiting: 0,
  longest_wait_s: 0,
  unsolved_tickets: 0,
  unassigned_tickets: 0,
  oldest_unassigned_s: 0,
  agents_online: 0,
  agents_away: 0,
  active_chats: 0,
  utilization_pct: null,
  sla_breached: 0,
  sla_at_risk: 0,
  windows: Object.fromEntries(WINDOWS.map((w) => [w, windowMetrics({})])) as ScopeMetrics['windows'],
};

const pick = (rec: Record<string, ScopeMetrics>, key: string | undefined): Record<string, ScopeMetrics> => {
  const m = key === undefined ? undefined : own(rec, key);
  return m === undefined ? {} : recordOf([[key!, m]]);
};

/** The snapshot one stream or request is sent, its SLA lists capped at `limit`. */
export function snapshotFor(state: LiveState, filter: Filter, limit: number): Snapshot {
  const { built } = state;
  const whole: Snapshot = { ...built.snapshot, alerts: state.alerts, ...(state.rebuilding ? { rebuilding: true } : {}) };
  const { queue: q, channel: c } = filter;
  if (!q && !c) return whole;
  const queues = pick(whole.queues, q);
  const channels = pick(whole.channels, c);
  const agents = q ? whole.agents.filter((a) => a.queues.includes(q)) : whole.agents;
  const scope = q ? own(queues, q) : own(channels, c!);
  const snap: Snapshot = { ...whole, overall: scope ?? EMPTY, queues, channels, agents };
  snap.alerts = alertsOf(state.alerts, snap, filter);
  // the lists of the queue and/or channel asked for, counted by that scope (by both: no scope counts the two
  // together, so the whole lists are counted)
  const breached = built.sla('breached', { queue: q, channel: c, limit: q && c ? undefined : limit });
  const atRisk = built.sla('at_risk', { queue: q, channel: c, limit: q && c ? undefined : limit });
  snap.sla = {
    breached: breached.slice(0, limit),
    at_risk: atRisk.slice(0, limit),
    total: q && c ? { breached: breached.length, at_risk: atRisk.length } : { breached: scope?.sla_breached ?? 0, at_risk: scope?.sla_at_risk ?? 0 },
  };
  return snap;
}

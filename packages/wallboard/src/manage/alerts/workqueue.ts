// The lead's work queue: which alerts a tab shows, the filters (search, queue, rule, agent), the order
// (critical first, then the oldest) and the grouping by queue. Pure functions over the alerts.
import { own, type Alert, type AlertRule } from '@pulse/contracts';
import type { Tab } from './messages.ts';

export const TABS: Tab[] = ['open', 'firing', 'acknowledged', 'snoozed', 'closed', 'all'];

const IN_TAB: Record<Tab, (a: Alert) => boolean> = {
  open: (a) => a.state === 'firing' || a.state === 'acknowledged',
  firing: (a) => a.state === 'firing',
  acknowledged: (a) => a.state === 'acknowledged',
  snoozed: (a) => a.state === 'snoozed',
  closed: (a) => a.state === 'resolved' || a.state === 'superseded',
  all: () => true,
};

export function tabCounts(alerts: Alert[]): Record<Tab, number> {
  return Object.fromEntries(TABS.map((t) => [t, alerts.filter(IN_TAB[t]).length])) as Record<Tab, number>;
}

export interface Filters {
  tab: Tab;
  search: string;
  queue: string;
  rule: AlertRule | '';
  agent: string;
}

export const NO_FILTERS: Filters = { tab: 'open', search: '', queue: '', rule: '', agent: '' };

/** The queue an alert is listed under ('' for alerts of no single queue). */
export function queueOf(a: Alert): string {
  const d = a.details;
  return a.scope.queue ?? (d && 'queue' in d && d.queue ? d.queue : '');
}

/** The agents an alert is about: its scope's and its items'. */
export function agentsOf(a: Alert): string[] {
  const ids = new Set<string>();
  if (a.scope.agent_id) ids.add(a.scope.agent_id);
  for (const i of a.items ?? []) if (i.agent_id) ids.add(i.agent_id);
  return [...ids];
}

/** Agent names the alerts know (their facts, items and suggestions), by id. */
export function agentNames(alerts: Alert[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const a of alerts) {
    const d = a.details;
    if (d?.kind === 'agent_stranded') names.set(d.agent_id, d.agent_name);
    if (d?.kind === 'ticket_pingpong' && d.agent_id && d.agent_name) names.set(d.agent_id, d.agent_name);
    for (const i of a.items ?? []) if (i.agent_id && i.agent_name) names.set(i.agent_id, i.agent_name);
    for (const [id, name] of Object.entries(a.suggestion?.names ?? {})) if (!names.has(id)) names.set(id, name);
  }
  return names;
}

/** What a search looks through: the texts as shown, ids of tickets, agents and queues, and their names. */
function haystack(a: Alert, shown: { title: string; message: string }, queueName: (q: string) => string, names: Map<string, string>): string {
  const q = queueOf(a);
  return [
    shown.title,
    shown.message,
    q,
    q ? queueName(q) : '',
    a.scope.ticket_id ?? '',
    ...agentsOf(a).flatMap((id) => [id, names.get(id) ?? '']),
    ...(a.items ?? []).map((i) => i.ticket_id),
    ...(a.suggestion?.items ?? []).map((i) => i.id),
  ]
    .join('\n')
    .toLocaleLowerCase();
}

export function filterAlerts(
  alerts: Alert[],
  f: Filters,
  text: (a: Alert) => { title: string; message: string },
  queueName: (q: string) => string,
  names: Map<string, string>,
): Alert[] {
  const words = f.search.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  return alerts.filter(
    (a) =>
      IN_TAB[f.tab](a) &&
      (!f.queue || queueOf(a) === f.queue) &&
      (!f.rule || a.rule === f.rule) &&
      (!f.agent || agentsOf(a).includes(f.agent)) &&
      (words.length === 0 || ((h) => words.every((w) => h.includes(w)))(haystack(a, text(a), queueName, names))),
  );
}

const SEVERITY = { critical: 0, warning: 1 } as const;

/** Critical first, then the oldest first (it has waited longest), then by id. */
export function byUrgency(a: Alert, b: Alert): number {
  return SEVERITY[a.severity] - SEVERITY[b.severity] || Date.parse(a.started_at) - Date.parse(b.started_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export interface QueueGroup {
  queue: string;
  alerts: Alert[];
}

/** Groups by queue, each sorted by urgency; the group with the most urgent alert first. */
export function groupByQueue(alerts: Alert[]): QueueGroup[] {
  const groups = new Map<string, [Alert, ...Alert[]]>();
  for (const a of [...alerts].sort(byUrgency)) {
    const q = queueOf(a);
    const list = groups.get(q);
    if (list) list.push(a);
    else groups.set(q, [a]);
  }
  return [...groups].sort(([, x], [, y]) => byUrgency(x[0], y[0])).map(([queue, list]) => ({ queue, alerts: list }));
}

export const queueNamer = (names: Record<string, string> | undefined) => (q: string) => own(names, q) ?? q;

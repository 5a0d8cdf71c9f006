// The alert ticker's items: firing and acknowledged alerts of the board's queues, critical first, newest first,
// and a reassignment suggestion put into words with agent and queue names.
import type { Alert } from '@pulse/contracts';
import type { Messages } from '../i18n/messages.ts';
import type { Namer } from './names.ts';

const SEVERITY = { critical: 0, warning: 1 } as const;
const STATE = { firing: 0, acknowledged: 1, snoozed: 2, resolved: 3, superseded: 3 } as const;

export function activeAlerts(alerts: readonly Alert[] | undefined, only: string[] | null): Alert[] {
  const wanted = only ? new Set(only) : null;
  return (alerts ?? [])
    .filter((a) => a.state === 'firing' || a.state === 'acknowledged')
    .filter((a) => !wanted || !a.scope?.queue || wanted.has(a.scope.queue))
    .sort(
      (a, b) =>
        SEVERITY[a.severity] - SEVERITY[b.severity] ||
        STATE[a.state] - STATE[b.state] ||
        Date.parse(b.started_at) - Date.parse(a.started_at) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

export { agentNamer } from './names.ts';

/**
 * What the ticker carries: alerts about a queue or an agent (and the per-queue roll-ups of ticket alerts), not
 * one alert per ticket: tickets have the SLA panel, and a ticker of tickets would take minutes to go round.
 */
export function tickerAlerts(alerts: readonly Alert[] | undefined, only: string[] | null): Alert[] {
  return activeAlerts(alerts, only).filter((a) => !a.scope?.ticket_id && !a.scope?.chat_id);
}

const MAX_ITEMS = 2;
const MAX_NAMES = 3;

/** "a, b" or "a, b +3": a list that never grows past what a ticker line can hold. */
function list(xs: string[], max: number): string {
  return xs.length <= max ? xs.join(', ') : `${xs.slice(0, max).join(', ')} +${xs.length - max}`;
}

/**
 * "Reassign T-1, T-2 from Ana to Luis, Marta" / "Move Luis from Technical to Billing"; null without a suggestion.
 * Agents and queues by name (the alert's own names first); items and names capped so the names always fit.
 */
export function suggestionText(alert: Alert, t: Messages, agent: Namer, queue: Namer = (q) => q): string | null {
  const s = alert.suggestion;
  if (!s) return null;
  const name = (id: string) => (s.names && Object.hasOwn(s.names, id) ? s.names[id]! : agent(id));
  const queueName = (id: string) => (s.queue_names && Object.hasOwn(s.queue_names, id) ? s.queue_names[id]! : queue(id));
  if (s.action === 'move_agent') {
    const agents = list(s.items.map((i) => (i.kind === 'agent' ? name(i.id) : i.id)), MAX_NAMES);
    return t.moveAgents(agents, s.from_queue ? queueName(s.from_queue) : null, s.to_queue ? queueName(s.to_queue) : '?');
  }
  const items = s.items.length <= MAX_ITEMS ? s.items.map((i) => i.id).join(', ') : t.itemsCount(s.items.length);
  const from = s.from_agent_id ? name(s.from_agent_id) : s.from_queue ? queueName(s.from_queue) : null;
  const to = s.to_agent_ids?.length ? list(s.to_agent_ids.map(name), MAX_NAMES) : s.to_queue ? queueName(s.to_queue) : '?';
  return t.reassignTo(items, from, to);
}

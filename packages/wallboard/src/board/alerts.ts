// The alert ticker's items: firing and acknowledged alerts of the board's queues, critical first, newest first,
// and a reassignment suggestion put into words with agent names.
import type { Alert, AgentView } from '@pulse/contracts';
import type { Messages } from '../i18n/messages.ts';

const SEVERITY = { critical: 0, warning: 1 } as const;
const STATE = { firing: 0, acknowledged: 1, resolved: 2 } as const;

export function activeAlerts(alerts: readonly Alert[] | undefined, only: string[] | null): Alert[] {
  const wanted = only ? new Set(only) : null;
  return (alerts ?? [])
    .filter((a) => a.state !== 'resolved')
    .filter((a) => !wanted || !a.scope?.queue || wanted.has(a.scope.queue))
    .sort(
      (a, b) =>
        SEVERITY[a.severity] - SEVERITY[b.severity] ||
        STATE[a.state] - STATE[b.state] ||
        Date.parse(b.started_at) - Date.parse(a.started_at) ||
        (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
}

/** The names to show for agent ids: the agent's name when the snapshot knows it, else the id. */
export function agentNamer(agents: readonly AgentView[] | undefined): (id: string) => string {
  const names = new Map((agents ?? []).map((a) => [a.id, a.name || a.id]));
  return (id) => names.get(id) ?? id;
}

/** "Reassign T-1, T-2 from Ana to Luis, Marta" / "Move Luis to billing"; null without a suggestion. */
export function suggestionText(alert: Alert, t: Messages, name: (agentId: string) => string): string | null {
  const s = alert.suggestion;
  if (!s) return null;
  const list = (xs: string[]) => xs.join(', ');
  if (s.action === 'move_agent') {
    const agents = list(s.items.map((i) => (i.kind === 'agent' ? name(i.id) : i.id)));
    return t.moveAgents(agents, s.from_queue ?? null, s.to_queue ?? '?');
  }
  const items = list(s.items.map((i) => i.id));
  const from = s.from_agent_id ? name(s.from_agent_id) : (s.from_queue ?? null);
  const to = s.to_agent_ids?.length ? list(s.to_agent_ids.slice(0, 3).map(name)) : (s.to_queue ?? '?');
  return t.reassignTo(items, from, to);
}

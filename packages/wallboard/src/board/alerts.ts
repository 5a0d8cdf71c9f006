// The alert ticker's items: firing and acknowledged alerts of the board's queues, critical first, newest first,
// and a reassignment suggestion as the contracts' per-item lines with agent and queue names.
import { ALERT_WORDS, recordOf, suggestionLines, type Alert, type AlertLang, type Suggestion } from '@pulse/contracts';
import { formatCount } from '../format.ts';
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

/** The most suggestion lines an alert shows on the ticker; the rest are counted ("and 3 more"). */
export const TICKER_LINES = 2;

export interface TickerSuggestion {
  /** whole lines, one per ticket or chat ("Ticket T-9 (Billing) → Luis García and Marta García"), or the move */
  lines: string[];
  /** the items left out, counted in words ("and 3 more"), or null */
  more: string | null;
}

/**
 * The suggestion of an alert as the contracts' per-item lines (`suggestionLines`), agents and queues by name (the
 * alert's own names first, then the board's), at most TICKER_LINES of them: a line is never cut, so each item
 * keeps the names it proposes; null without a suggestion.
 */
export function tickerSuggestion(alert: Alert, lang: AlertLang, locale: string, agent: Namer, queue: Namer = (q) => q): TickerSuggestion | null {
  const s = alert.suggestion;
  if (!s) return null;
  const agentIds = [
    ...s.items.filter((i) => i.kind === 'agent').map((i) => i.id),
    ...s.items.flatMap((i) => i.to_agent_ids ?? []),
    ...(s.to_agent_ids ?? []),
    ...(s.from_agent_id ? [s.from_agent_id] : []),
  ];
  const queueIds = [...s.items.flatMap((i) => (i.queue ? [i.queue] : [])), ...(s.from_queue ? [s.from_queue] : []), ...(s.to_queue ? [s.to_queue] : [])];
  const named: Suggestion = {
    ...s,
    names: { ...recordOf(agentIds.map((id) => [id, agent(id)] as const)), ...s.names },
    queue_names: { ...recordOf(queueIds.map((id) => [id, queue(id)] as const)), ...s.queue_names },
  };
  const all = suggestionLines(named, { lang });
  const lines = all.slice(0, TICKER_LINES);
  const left = all.length - lines.length;
  return { lines, more: left > 0 ? ALERT_WORDS[lang].more(formatCount(left, locale)) : null };
}

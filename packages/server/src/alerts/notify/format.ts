// How a group of alert changes reads in each channel: the generic webhook's JSON, a Slack message, an e-mail.
import type { Alert } from '@pulse/contracts';
import type { AlertChange } from '../changes.ts';

const ICON: Record<string, string> = { critical: '🔴', warning: '🟠', resolved: '✅' };
const VERB: Record<string, string> = { firing: 'FIRING', escalated: 'ESCALATED', resolved: 'RESOLVED' };

export interface WebhookBody {
  type: 'pulse.alerts';
  sent_at: string;
  board_url: string | null;
  changes: { event: string; at: string; alert: Alert }[];
}

export function webhookBody(changes: AlertChange[], boardUrl: string | null, now: number): WebhookBody {
  return {
    type: 'pulse.alerts',
    sent_at: new Date(now).toISOString(),
    board_url: boardUrl,
    changes: changes.map((c) => ({ event: c.event, at: new Date(c.at).toISOString(), alert: c.alert })),
  };
}

/** One line: what, where, how bad, and the suggestion with names. */
export function line(c: AlertChange): string {
  const a = c.alert;
  const icon = c.event === 'resolved' ? ICON.resolved : ICON[a.severity];
  const where = [a.scope.queue && `queue ${a.scope.queue}`, a.scope.agent_id && `agent ${a.scope.agent_id}`].filter(Boolean).join(', ');
  const suggestion = a.suggestion && c.event !== 'resolved' ? ` → ${suggestionText(a)}` : '';
  return `${icon} ${VERB[c.event] ?? c.event.toUpperCase()} ${a.severity}: ${a.title}${where ? ` (${where})` : ''}. ${a.message}${suggestion}`;
}

export function suggestionText(a: Alert): string {
  const s = a.suggestion!;
  const items = s.items.map((i) => `${i.kind} ${i.id}`).join(', ');
  if (s.action === 'move_agent') return `Suggest: move ${items} from ${s.from_queue} to ${s.to_queue}`;
  return s.to_agent_ids && s.to_agent_ids.length > 0
    ? `Suggest: reassign ${items} from ${s.from_agent_id} to ${s.to_agent_ids.join(' or ')}`
    : `Suggest: reassign ${items} from ${s.from_agent_id}; nobody has spare capacity`;
}

function summary(changes: AlertChange[]): string {
  const firing = changes.filter((c) => c.event !== 'resolved');
  const critical = firing.filter((c) => c.alert.severity === 'critical').length;
  const resolved = changes.length - firing.length;
  const parts = [];
  if (firing.length) parts.push(`${firing.length} alert${firing.length > 1 ? 's' : ''}${critical ? ` (${critical} critical)` : ''}`);
  if (resolved) parts.push(`${resolved} resolved`);
  return parts.join(', ');
}

const MAX_LINES = 20;

/**
 * Slack's control characters escaped (https://api.slack.com/reference/surfaces/formatting#escaping): in
 * mrkdwn `<…>` makes links and mentions, so a queue named `<!channel>` would page the whole channel.
 * Every value the lines interpolate is data (queue and agent names, ids, titles), and the lines' own
 * wording holds none of `&`, `<`, `>`, so escaping the whole line escapes exactly the values.
 */
export const escapeMrkdwn = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackMessage(changes: AlertChange[], boardUrl: string | null): { text: string; blocks: unknown[] } {
  const shown = changes.slice(0, MAX_LINES);
  const more = changes.length - shown.length;
  const text = `Pulse: ${summary(changes)}`;
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text } },
    ...shown.map((c) => ({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(line(c)) } })),
  ];
  if (more > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `…and ${more} more` }] });
  if (boardUrl) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `<${boardUrl}|Open the board>` } });
  return { text, blocks };
}

export function emailMessage(changes: AlertChange[], boardUrl: string | null): { subject: string; text: string } {
  const lines = changes.slice(0, 200).map(line);
  if (changes.length > 200) lines.push(`…and ${changes.length - 200} more`);
  if (boardUrl) lines.push('', `Board: ${boardUrl}`);
  return { subject: `[Pulse] ${summary(changes)}`, text: lines.join('\n') };
}

// How a group of alert changes (one queue's) reads in each channel, in the channel's language: the generic
// webhook's JSON, a Slack message, an e-mail (text and HTML). Titles and messages are written again from each
// alert's facts (alert-text.ts) with names, local times in the configured zone and relative forms.
import { alertMessage, alertTitle, formatZone, suggestionLines, type Alert, type AlertLang, type TextOptions } from '@pulse/contracts';
import type { AlertChange } from '../changes.ts';

export interface FormatOptions {
  lang: AlertLang;
  timeZone: string;
  boardUrl: string | null;
  /** the queue the changes are about ('' when none) and its display name */
  queue: string;
  queueName: string | null;
  now: number;
}

const ICON: Record<string, string> = { critical: '🔴', warning: '🟠', resolved: '✅' };
const WORDS = {
  en: {
    verb: { firing: 'FIRING', worsened: 'WORSENED', escalated: 'ESCALATED', resolved: 'RESOLVED' } as Record<string, string>,
    severity: { critical: 'critical', warning: 'warning' },
    alerts: (n: number, critical: number) => `${n} alert${n === 1 ? '' : 's'}${critical ? ` (${critical} critical)` : ''}`,
    resolved: (n: number) => `${n} resolved`,
    more: (n: number) => `…and ${n} more`,
    board: 'Open the board',
    times: (zone: string) => `Times in ${zone}.`,
    board_label: 'Board',
  },
  es: {
    verb: { firing: 'ACTIVA', worsened: 'EMPEORA', escalated: 'ESCALADA', resolved: 'RESUELTA' } as Record<string, string>,
    severity: { critical: 'crítica', warning: 'aviso' },
    alerts: (n: number, critical: number) => `${n} alerta${n === 1 ? '' : 's'}${critical ? ` (${critical} crítica${critical === 1 ? '' : 's'})` : ''}`,
    resolved: (n: number) => `${n} resuelta${n === 1 ? '' : 's'}`,
    more: (n: number) => `…y ${n} más`,
    board: 'Abrir el panel',
    times: (zone: string) => `Horas en ${zone}.`,
    board_label: 'Panel',
  },
} as const;

const text = (o: FormatOptions, at: number): TextOptions => ({ lang: o.lang, timeZone: o.timeZone, now: at });

export interface WebhookBody {
  type: 'pulse.alerts';
  sent_at: string;
  board_url: string | null;
  /** the queue these changes are about; null for alerts of no single queue */
  queue: string | null;
  lang: AlertLang;
  changes: { event: string; at: string; alert: Alert; text: { title: string; message: string; suggestion: string[] } }[];
}

export function webhookBody(changes: AlertChange[], o: FormatOptions): WebhookBody {
  return {
    type: 'pulse.alerts',
    sent_at: new Date(o.now).toISOString(),
    board_url: o.boardUrl,
    queue: o.queue || null,
    lang: o.lang,
    changes: changes.map((c) => ({
      event: c.event,
      at: new Date(c.at).toISOString(),
      alert: c.alert,
      text: {
        title: alertTitle(c.alert, text(o, c.at)),
        message: alertMessage(c.alert, text(o, c.at)),
        suggestion: c.alert.suggestion ? suggestionLines(c.alert.suggestion, o) : [],
      },
    })),
  };
}

/** One change in words: what, how bad, the facts, and the suggestion item by item (each line after the first). */
export function lines(c: AlertChange, o: FormatOptions): [first: string, ...rest: string[]] {
  const w = WORDS[o.lang];
  const a = c.alert;
  const icon = c.event === 'resolved' ? ICON.resolved : ICON[a.severity];
  const t = text(o, c.at);
  const first = `${icon} ${w.verb[c.event] ?? c.event.toUpperCase()} ${w.severity[a.severity]}: ${alertTitle(a, t)}. ${alertMessage(a, t)}`.trim();
  const suggestion = a.suggestion && c.event !== 'resolved' ? suggestionLines(a.suggestion, o).map((l) => `→ ${l}`) : [];
  return [first, ...suggestion];
}

function summary(changes: AlertChange[], o: FormatOptions): string {
  const w = WORDS[o.lang];
  const open = changes.filter((c) => c.event !== 'resolved');
  const critical = open.filter((c) => c.alert.severity === 'critical').length;
  const resolved = changes.length - open.length;
  const parts: string[] = [];
  if (open.length) parts.push(w.alerts(open.length, critical));
  if (resolved) parts.push(w.resolved(resolved));
  return parts.join(', ');
}

const heading = (changes: AlertChange[], o: FormatOptions) => `Pulse · ${o.queue ? `${o.queueName ?? o.queue}: ` : ''}${summary(changes, o)}`;

const MAX_LINES = 20;

/**
 * Slack's control characters escaped (https://api.slack.com/reference/surfaces/formatting#escaping): in
 * mrkdwn `<…>` makes links and mentions, so a queue named `<!channel>` would page the whole channel.
 * Every value the lines interpolate is data (queue and agent names, ids, titles), and the lines' own
 * wording holds none of `&`, `<`, `>`, so escaping the whole line escapes exactly the values.
 */
export const escapeMrkdwn = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function slackMessage(changes: AlertChange[], o: FormatOptions): { text: string; blocks: unknown[] } {
  const w = WORDS[o.lang];
  const shown = changes.slice(0, MAX_LINES);
  const more = changes.length - shown.length;
  const title = heading(changes, o);
  const blocks: unknown[] = [
    { type: 'header', text: { type: 'plain_text', text: escapeMrkdwn(title.slice(0, 150)) } },
    ...shown.map((c) => ({ type: 'section', text: { type: 'mrkdwn', text: escapeMrkdwn(lines(c, o).join('\n')) } })),
  ];
  if (more > 0) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: w.more(more) }] });
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(w.times(formatZone(text(o, o.now)))) }] });
  if (o.boardUrl) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: `<${o.boardUrl}|${w.board}>` } });
  return { text: escapeMrkdwn(title), blocks };
}

/** HTML's special characters escaped, for text and attribute values. */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const safeHref = (url: string) => (/^https?:\/\//i.test(url) ? escapeHtml(url) : null);

export function emailMessage(changes: AlertChange[], o: FormatOptions): { subject: string; text: string; html: string } {
  const w = WORDS[o.lang];
  const shown = changes.slice(0, 200);
  const more = changes.length - shown.length;
  const zone = w.times(formatZone(text(o, o.now)));
  const textLines = shown.flatMap((c) => [...lines(c, o), '']);
  if (more > 0) textLines.push(w.more(more));
  textLines.push(zone);
  if (o.boardUrl) textLines.push(`${w.board_label}: ${o.boardUrl}`);
  const html = [
    `<h2>${escapeHtml(heading(changes, o))}</h2>`,
    ...shown.map((c) => {
      const [first, ...rest] = lines(c, o);
      const items = (c.alert.items ?? [])
        .filter((i) => i.url && safeHref(i.url))
        .slice(0, 20)
        .map((i) => `<a href="${safeHref(i.url!)}">${escapeHtml(i.ticket_id)}</a>`);
      return `<p>${escapeHtml(first)}` + rest.map((l) => `<br>${escapeHtml(l)}`).join('') + (items.length ? `<br>${items.join(' · ')}` : '') + `</p>`;
    }),
    ...(more > 0 ? [`<p>${escapeHtml(w.more(more))}</p>`] : []),
    `<p><small>${escapeHtml(zone)}</small></p>`,
    ...(o.boardUrl && safeHref(o.boardUrl) ? [`<p><a href="${safeHref(o.boardUrl)}">${escapeHtml(w.board)}</a></p>`] : []),
  ].join('\n');
  return { subject: `[Pulse] ${heading(changes, o).replace(/^Pulse · /, '')}`, text: textLines.join('\n'), html };
}

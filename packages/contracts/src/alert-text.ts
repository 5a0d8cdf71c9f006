// Alert titles, messages and suggestions in people's words (SPEC §4): names rather than ids, local times in a
// time zone with a relative form ("due 14 min ago", "offline since 09:12, Mon"), durations in d/h/min/s, in
// English and Spanish. The server writes an alert's `title` and `message` and every notification with these
// templates; the lead's page writes them again in its reader's language and time zone from the same facts.
import type { Alert, AlertItem, AlertRule, StaffingMove, Suggestion } from './alerts.ts';
import type { SlaTarget } from './snapshot.ts';

export const ALERT_LANGS = ['en', 'es'] as const;
export type AlertLang = (typeof ALERT_LANGS)[number];

export interface TextOptions {
  lang: AlertLang;
  /** IANA time zone of the times */
  timeZone: string;
  /** the moment relative forms are measured from (epoch ms) */
  now: number;
}

/** A duration in two units at most: 45 s, 3 min 10 s, 14 min, 1 h 5 min, 2 d 4 h (the same in both languages). */
export function formatSpan(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  if (s < 600) return s % 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s / 60} min`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) {
    const m = Math.floor((s % 3600) / 60);
    return `${Math.floor(s / 3600)} h${m ? ` ${m} min` : ''}`;
  }
  const h = Math.floor((s % 86_400) / 3600);
  return `${Math.floor(s / 86_400)} d${h ? ` ${h} h` : ''}`;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function fmt(lang: string, timeZone: string, o: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${JSON.stringify(o)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.DateTimeFormat(lang, { ...o, timeZone })));
  return f;
}

/** A local time with its day: "09:12, Mon" ("09:12, lun"); a day more than six days away by its date: "09:12, 3 Nov". */
export function formatLocal(at: number, o: TextOptions): string {
  const time = fmt(o.lang, o.timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  const far = Math.abs(o.now - at) > 6 * 86_400_000;
  const day = fmt(o.lang, o.timeZone, far ? { day: 'numeric', month: 'short' } : { weekday: 'short' })
    .format(at)
    .replace(/\.$/, '');
  return `${time}, ${day}`;
}

/** "in 14 min" / "14 min ago" ("dentro de 14 min" / "hace 14 min"). */
export function formatRelative(at: number, o: TextOptions): string {
  const d = (at - o.now) / 1000;
  const span = formatSpan(Math.abs(d));
  if (o.lang === 'es') return d >= 0 ? `dentro de ${span}` : `hace ${span}`;
  return d >= 0 ? `in ${span}` : `${span} ago`;
}

/** The zone of the times, for a footer: "Europe/Madrid (GMT+1)". */
export function formatZone(o: TextOptions): string {
  const off = fmt('en', o.timeZone, { timeZoneName: 'shortOffset' })
    .formatToParts(o.now)
    .find((p) => p.type === 'timeZoneName')?.value;
  return off && off !== o.timeZone ? `${o.timeZone} (${off})` : o.timeZone;
}

const pct = (v: number, lang: AlertLang) => new Intl.NumberFormat(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(v);
const count = (n: number, lang: AlertLang) => new Intl.NumberFormat(lang, { maximumFractionDigits: 0 }).format(n);
const list = (xs: string[], lang: AlertLang) => new Intl.ListFormat(lang, { type: 'disjunction' }).format(xs);
const and = (xs: string[], lang: AlertLang) => new Intl.ListFormat(lang, { type: 'conjunction' }).format(xs);
const ms = (iso: string | null | undefined) => (iso ? Date.parse(iso) : NaN);

interface Words {
  target: Record<SlaTarget | 'mixed', [string, string]>;
  /** Spanish nouns have a gender: the adjectives agree */
  feminine: Record<SlaTarget | 'mixed', boolean>;
  priority: Record<string, string>;
  status: Record<string, string>;
  noQueue: string;
  unassigned: string;
  breachedTitle: (q: string, n: string, noun: string, f: boolean, oldest: string) => string;
  atRiskTitle: (q: string, n: string, noun: string, f: boolean, next: string) => string;
  item: (i: { id: string; target: string; priority: string | null; who: string; due: string }) => string;
  more: (n: string) => string;
  paused: string;
  due: (time: string, rel: string) => string;
  waitTitle: (q: string, longest: string) => string;
  waitMessage: (d: { waiting: string; q: string; since: string; longest: string; threshold: string; online: number }) => string;
  slTitle: (q: string, pct: string) => string;
  slMessage: (d: { q: string; pct: string; goal: string; offered: string; abandoned: string; clears: string | null }) => string;
  csatTitle: (q: string, pct: string) => string;
  csatMessage: (d: { q: string; pct: string; threshold: string; responses: string; clears: string | null }) => string;
  holding: (chats: number, tickets: number) => string;
  strandedTitle: (name: string, status: string, holding: string) => string;
  strandedMessage: (name: string, status: string, since: string | null, holding: string) => string;
  pingpongTitle: (id: string, n: number) => string;
  pingpongMessage: (id: string, q: string | null, n: number, who: string | null) => string;
  rebalanceTitle: (from: string, to: string) => string;
  rebalanceMessage: (d: { q: string; waiting: string; longest: string; from: string; idle: string; n: number }) => string;
  kind: Record<'ticket' | 'chat' | 'agent', string>;
  reassign: (item: string, to: string) => string;
  nobody: (item: string, q: string | null) => string;
  move: (agents: string, from: string | null, to: string) => string;
  /** a staffing move: "Ana and Bo from returns" per group, then the forecasts "billing 42 % → 81 %" */
  staffingGroup: (agents: string, from: string) => string;
  staffingMove: (groups: string, to: string, forecasts: string) => string;
  staffingTitle: (n: number, to: string) => string;
}

const en: Words = {
  target: {
    first_reply: ['first reply', 'first replies'],
    next_reply: ['next reply', 'next replies'],
    resolution: ['resolution', 'resolutions'],
    mixed: ['SLA target', 'SLA targets'],
  },
  feminine: { first_reply: false, next_reply: false, resolution: false, mixed: false },
  priority: { urgent: 'urgent', high: 'high', normal: 'normal', low: 'low' },
  status: { online: 'online', away: 'away', offline: 'offline' },
  noQueue: 'no queue',
  unassigned: 'unassigned',
  breachedTitle: (q, n, noun, _f, oldest) => `${q}: ${n} ${noun} breached, oldest ${oldest}`,
  atRiskTitle: (q, n, noun, _f, next) => `${q}: ${n} ${noun} at risk, next due ${next}`,
  item: (i) => `ticket ${i.id} (${i.target}${i.priority ? `, ${i.priority}` : ''}, ${i.who}) ${i.due}`,
  more: (n) => `and ${n} more`,
  paused: 'its clock is paused',
  due: (time, rel) => `due ${time} (${rel})`,
  waitTitle: (q, longest) => `Long wait in ${q}: ${longest}`,
  waitMessage: (d) =>
    `${d.waiting} waiting in ${d.q}, the longest since ${d.since} (${d.longest}; threshold ${d.threshold}). ${d.online} agent${d.online === 1 ? '' : 's'} online.`,
  slTitle: (q, p) => `Service level in ${q}: ${p} %`,
  slMessage: (d) =>
    `Service level over the last 15 minutes in ${d.q} is ${d.pct} % (goal ${d.goal} %${d.clears ? `; clears at ${d.clears} %` : ''}) with ${d.offered} offered and ${d.abandoned} abandoned.`,
  csatTitle: (q, p) => `CSAT in ${q}: ${p} %`,
  csatMessage: (d) =>
    `CSAT over the last 60 minutes in ${d.q} is ${d.pct} % (threshold ${d.threshold} %${d.clears ? `; clears at ${d.clears} %` : ''}) from ${d.responses} responses.`,
  holding: (c, t) =>
    and([c ? `${c} active chat${c === 1 ? '' : 's'}` : '', t ? `${t} ticket${t === 1 ? '' : 's'} with open SLA targets` : ''].filter(Boolean), 'en'),
  strandedTitle: (name, status, holding) => `${name} is ${status} holding ${holding}`,
  strandedMessage: (name, status, since, holding) => `${name} has been ${status}${since ? ` since ${since}` : ''} holding ${holding}.`,
  pingpongTitle: (id, n) => `Ticket ${id} reassigned ${n} times`,
  pingpongMessage: (id, q, n, who) => `Ticket ${id}${q ? ` in ${q}` : ''} has been reassigned ${n} times${who ? `; now with ${who}` : ''}. Give it an owner.`,
  rebalanceTitle: (from, to) => `Move idle agents from ${from} to ${to}`,
  rebalanceMessage: (d) =>
    `${d.q} has ${d.waiting} waiting, the longest for ${d.longest}, while ${d.from} has nobody waiting and ${d.n} idle agent${d.n === 1 ? '' : 's'}: ${d.idle}.`,
  kind: { ticket: 'Ticket', chat: 'Chat', agent: 'Agent' },
  reassign: (item, to) => `${item} → ${to}`,
  nobody: (item, q) => `${item}: nobody${q ? ` in ${q}` : ''} is online with spare capacity`,
  move: (agents, from, to) => `Move ${agents}${from ? ` from ${from}` : ''} to ${to}`,
  staffingGroup: (agents, from) => `${agents} from ${from}`,
  staffingMove: (groups, to, forecasts) => `Move ${groups} to ${to}: ${forecasts}`,
  staffingTitle: (n, to) => `Move ${n} agent${n === 1 ? '' : 's'} to ${to}`,
};

const es: Words = {
  target: {
    first_reply: ['primera respuesta', 'primeras respuestas'],
    next_reply: ['siguiente respuesta', 'siguientes respuestas'],
    resolution: ['resolución', 'resoluciones'],
    mixed: ['objetivo de SLA', 'objetivos de SLA'],
  },
  feminine: { first_reply: true, next_reply: true, resolution: true, mixed: false },
  priority: { urgent: 'urgente', high: 'alta', normal: 'normal', low: 'baja' },
  status: { online: 'conectado', away: 'ausente', offline: 'desconectado' },
  noQueue: 'sin cola',
  unassigned: 'sin asignar',
  breachedTitle: (q, n, noun, f, oldest) =>
    `${q}: ${n} ${noun} ${f ? 'incumplida' : 'incumplido'}${n === '1' ? '' : 's'}, ${f ? 'la más antigua' : 'el más antiguo'} con ${oldest} de retraso`,
  atRiskTitle: (q, n, noun, f, next) => `${q}: ${n} ${noun} en riesgo, ${f ? 'la próxima' : 'el próximo'} vence ${next}`,
  item: (i) => `ticket ${i.id} (${i.target}${i.priority ? `, ${i.priority}` : ''}, ${i.who}) ${i.due}`,
  more: (n) => `y ${n} más`,
  paused: 'su reloj está en pausa',
  due: (time, rel) => `vence a las ${time} (${rel})`,
  waitTitle: (q, longest) => `Espera larga en ${q}: ${longest}`,
  waitMessage: (d) =>
    `${d.waiting} en espera en ${d.q}, la más larga desde las ${d.since} (${d.longest}; umbral ${d.threshold}). ${d.online} agente${d.online === 1 ? '' : 's'} conectado${d.online === 1 ? '' : 's'}.`,
  slTitle: (q, p) => `Nivel de servicio en ${q}: ${p} %`,
  slMessage: (d) =>
    `El nivel de servicio de los últimos 15 minutos en ${d.q} es ${d.pct} % (objetivo ${d.goal} %${d.clears ? `; se despeja al ${d.clears} %` : ''}) con ${d.offered} ofrecidos y ${d.abandoned} abandonados.`,
  csatTitle: (q, p) => `CSAT en ${q}: ${p} %`,
  csatMessage: (d) =>
    `El CSAT de los últimos 60 minutos en ${d.q} es ${d.pct} % (umbral ${d.threshold} %${d.clears ? `; se despeja al ${d.clears} %` : ''}) con ${d.responses} respuestas.`,
  holding: (c, t) =>
    and(
      [
        c ? `${c} chat${c === 1 ? '' : 's'} activo${c === 1 ? '' : 's'}` : '',
        t ? `${t} ticket${t === 1 ? '' : 's'} con objetivos de SLA pendientes` : '',
      ].filter(Boolean),
      'es',
    ),
  strandedTitle: (name, status, holding) => (status === 'desconectado' ? `${name} se ha desconectado con ${holding}` : `${name} está ${status} con ${holding}`),
  strandedMessage: (name, status, since, holding) =>
    status === 'desconectado'
      ? `${name} se desconectó${since ? ` a las ${since}` : ''} con ${holding}.`
      : `${name} está ${status}${since ? ` desde las ${since}` : ''} con ${holding}.`,
  pingpongTitle: (id, n) => `Ticket ${id} reasignado ${n} veces`,
  pingpongMessage: (id, q, n, who) =>
    `El ticket ${id}${q ? ` de ${q}` : ''} se ha reasignado ${n} veces${who ? `; ahora lo tiene ${who}` : ''}. Dele un responsable.`,
  rebalanceTitle: (from, to) => `Mover agentes libres de ${from} a ${to}`,
  rebalanceMessage: (d) =>
    `${d.q} tiene ${d.waiting} en espera, la más larga de ${d.longest}, mientras ${d.from} no tiene a nadie en espera y ${d.n} agente${d.n === 1 ? '' : 's'} libre${d.n === 1 ? '' : 's'}: ${d.idle}.`,
  kind: { ticket: 'Ticket', chat: 'Chat', agent: 'Agente' },
  reassign: (item, to) => `${item} → ${to}`,
  nobody: (item, q) => `${item}: nadie${q ? ` de ${q}` : ''} está conectado con capacidad libre`,
  move: (agents, from, to) => `Mover a ${agents}${from ? ` de ${from}` : ''} a ${to}`,
  staffingGroup: (agents, from) => `${agents} de ${from}`,
  staffingMove: (groups, to, forecasts) => `Mover a ${groups} a ${to}: ${forecasts}`,
  staffingTitle: (n, to) => `Mover ${n} agente${n === 1 ? '' : 's'} a ${to}`,
};

export const ALERT_WORDS: Record<AlertLang, Words> = { en, es };

/** The most items a message names one by one (the rest are counted). */
export const MESSAGE_ITEMS = 3;

const queueLabel = (w: Words, name: string | null | undefined, id: string | null | undefined) => name || id || w.noQueue;

function targetNoun(items: AlertItem[]): SlaTarget | 'mixed' {
  const targets = new Set(items.map((i) => i.target));
  return targets.size === 1 ? [...targets][0]! : 'mixed';
}

function itemText(i: AlertItem, o: TextOptions): string {
  const w = ALERT_WORDS[o.lang];
  const due = i.due_at ? w.due(formatLocal(ms(i.due_at), o), formatRelative(ms(i.due_at), o)) : w.paused;
  return w.item({
    id: i.ticket_id,
    target: w.target[i.target][0],
    priority: i.priority ? (w.priority[i.priority] ?? i.priority) : null,
    who: i.agent_name || i.agent_id || w.unassigned,
    due,
  });
}

/** The title of an alert in a language and time zone; the stored one when it has no facts. */
export function alertTitle(a: Alert, o: TextOptions): string {
  const w = ALERT_WORDS[o.lang];
  const d = a.details;
  if (!d) return a.title;
  switch (d.kind) {
    case 'sla': {
      const items = a.items ?? [];
      const noun = targetNoun(items);
      const n = count(items.length, o.lang);
      const word = w.target[noun][items.length === 1 ? 0 : 1];
      const q = queueLabel(w, d.queue_name, d.queue);
      const dues = items.map((i) => ms(i.due_at)).filter((x) => Number.isFinite(x));
      if (a.rule === 'sla_breach') {
        const oldest = dues.length ? formatSpan((o.now - Math.min(...dues)) / 1000) : '0 s';
        return w.breachedTitle(q, n, word, w.feminine[noun], oldest);
      }
      const next = dues.length ? formatRelative(Math.min(...dues), o) : w.paused;
      return w.atRiskTitle(q, n, word, w.feminine[noun], next);
    }
    case 'queue_wait':
      return w.waitTitle(d.queue_name, formatSpan(d.longest_wait_s));
    case 'service_level':
      return w.slTitle(d.queue_name, pct(d.pct, o.lang));
    case 'csat_low':
      return w.csatTitle(d.queue_name, pct(d.pct, o.lang));
    case 'agent_stranded':
      return w.strandedTitle(d.agent_name, w.status[d.status] ?? d.status, w.holding(d.chats, d.tickets));
    case 'ticket_pingpong':
      return w.pingpongTitle(d.ticket_id, d.count);
    case 'rebalance':
      return d.move ? w.staffingTitle(d.move.agents.length, d.queue_name) : w.rebalanceTitle(d.from_queue_name, d.queue_name);
  }
}

/** A window alert back at or past its threshold but still firing (hysteresis): the value it clears at; else null. */
function heldAt(value: number, threshold: number, clearsAt: number | undefined, lang: AlertLang): string | null {
  return clearsAt !== undefined && value >= threshold ? pct(clearsAt, lang) : null;
}

/** The message of an alert in a language and time zone; the stored one when it has no facts. */
export function alertMessage(a: Alert, o: TextOptions): string {
  const w = ALERT_WORDS[o.lang];
  const d = a.details;
  if (!d) return a.message;
  switch (d.kind) {
    case 'sla': {
      const items = a.items ?? [];
      const shown = items.slice(0, MESSAGE_ITEMS).map((i) => itemText(i, o));
      if (items.length > MESSAGE_ITEMS) shown.push(w.more(count(items.length - MESSAGE_ITEMS, o.lang)));
      const text = shown.join('; ');
      return text ? `${text.charAt(0).toUpperCase()}${text.slice(1)}.` : '';
    }
    case 'queue_wait':
      return w.waitMessage({
        waiting: count(d.waiting, o.lang),
        q: d.queue_name,
        since: formatLocal(ms(d.wait_since), o),
        longest: formatSpan(d.longest_wait_s),
        threshold: formatSpan(d.threshold_s),
        online: d.agents_online,
      });
    case 'service_level':
      return w.slMessage({
        q: d.queue_name,
        pct: pct(d.pct, o.lang),
        goal: count(d.goal_pct, o.lang),
        offered: count(d.offered, o.lang),
        abandoned: count(d.abandoned, o.lang),
        clears: heldAt(d.pct, d.goal_pct, d.clears_at_pct, o.lang),
      });
    case 'csat_low':
      return w.csatMessage({
        q: d.queue_name,
        pct: pct(d.pct, o.lang),
        threshold: count(d.threshold_pct, o.lang),
        responses: count(d.responses, o.lang),
        clears: heldAt(d.pct, d.threshold_pct, d.clears_at_pct, o.lang),
      });
    case 'agent_stranded': {
      const since = d.status_since ? `${formatLocal(ms(d.status_since), o)} (${formatRelative(ms(d.status_since), o)})` : null;
      return w.strandedMessage(d.agent_name, w.status[d.status] ?? d.status, since, w.holding(d.chats, d.tickets));
    }
    case 'ticket_pingpong':
      return w.pingpongMessage(d.ticket_id, d.queue_name ?? d.queue, d.count, d.agent_name ?? d.agent_id);
    case 'rebalance':
      if (d.move) return `${staffingMoveText(d.move, o)}.`;
      return w.rebalanceMessage({
        q: d.queue_name,
        waiting: count(d.waiting, o.lang),
        longest: formatSpan(d.longest_wait_s),
        from: d.from_queue_name,
        idle: and(
          d.idle.map((a) => a.name),
          o.lang,
        ),
        n: d.idle.length,
      });
  }
}

/** A forecast percentage in whole points, rounded down: a queue shown at its goal is at it. */
const wholePct = (v: number, lang: AlertLang) => `${count(Math.floor(v + 1e-9), lang)} %`;

/**
 * A staffing move in one sentence: "Move Ana and Bo from returns to billing: billing 42 % → 81 %, returns 97 % → 90 %"
 * ("Mover a Ana y Bo de returns a billing: …"). Agents leaving the same queues are named together.
 */
export function staffingMoveText(m: StaffingMove, o: Pick<TextOptions, 'lang'>): string {
  const w = ALERT_WORDS[o.lang];
  const groups = new Map<string, { names: string[]; from: string[] }>();
  for (const a of m.agents) {
    const key = JSON.stringify(a.from_queues);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { names: [], from: a.from_queue_names }));
    g.names.push(a.name);
  }
  const who = and(
    [...groups.values()].map((g) => w.staffingGroup(and(g.names, o.lang), and(g.from, o.lang))),
    o.lang,
  );
  const forecasts = m.forecast.map((f) => `${f.queue_name} ${wholePct(f.before_pct, o.lang)} → ${wholePct(f.after_pct, o.lang)}`).join(', ');
  return w.staffingMove(who, m.to_queue_name, forecasts);
}

/** A suggestion as lines a lead can act on: one per ticket or chat with its candidates by name, or the agents to move. */
export function suggestionLines(s: Suggestion, o: Pick<TextOptions, 'lang'>): string[] {
  const w = ALERT_WORDS[o.lang];
  const name = (id: string) => (s.names && Object.hasOwn(s.names, id) ? s.names[id]! : id);
  const queueName = (q: string) => (s.queue_names && Object.hasOwn(s.queue_names, q) ? s.queue_names[q]! : q);
  if (s.action === 'move_agent') {
    if (s.move) return [staffingMoveText(s.move, o)];
    const agents = and(
      s.items.map((i) => name(i.id)),
      o.lang,
    );
    return [w.move(agents, s.from_queue ? queueName(s.from_queue) : null, s.to_queue ? queueName(s.to_queue) : '?')];
  }
  return s.items.map((i) => {
    const item = `${w.kind[i.kind]} ${i.id}${i.queue ? ` (${queueName(i.queue)})` : ''}`;
    const to = i.to_agent_ids ?? s.to_agent_ids ?? [];
    return to.length > 0 ? w.reassign(item, list(to.map(name), o.lang)) : w.nobody(item, i.queue ? queueName(i.queue) : null);
  });
}

/** Rule names for lists and filters. */
export const RULE_NAMES: Record<AlertLang, Record<AlertRule, string>> = {
  en: {
    sla_at_risk: 'SLA at risk',
    sla_breach: 'SLA breached',
    queue_wait: 'Long wait',
    service_level: 'Service level',
    csat_low: 'Low CSAT',
    agent_stranded: 'Agent away with work',
    ticket_pingpong: 'Ticket ping-pong',
    rebalance: 'Rebalance',
  },
  es: {
    sla_at_risk: 'SLA en riesgo',
    sla_breach: 'SLA incumplido',
    queue_wait: 'Espera larga',
    service_level: 'Nivel de servicio',
    csat_low: 'CSAT bajo',
    agent_stranded: 'Agente ausente con trabajo',
    ticket_pingpong: 'Ticket rebotado',
    rebalance: 'Reequilibrio',
  },
};

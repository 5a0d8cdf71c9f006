// Every alert rule of SPEC §4 against live state computed by the reference model at a fixed time: exact
// conditions, thresholds, hysteresis, `for` in the state's own time, SLA roll-ups and suggestions item by item;
// and the texts they are written in (English and Spanish, names, local times, relative forms).
import { describe, expect, it } from 'vitest';
import {
  alertMessage,
  alertTitle,
  formatLocal,
  formatRelative,
  formatSpan,
  suggestionLines,
  type Alert,
  type AlertSeverity,
  type PulseEvent,
  type Snapshot,
} from '@pulse/contracts';
import { DEFAULT_METRIC_SETTINGS, referenceSnapshot, referenceState } from '@pulse/metrics';
import { loadConfig } from '../src/config/load.ts';
import type { Condition, RuleContext } from '../src/alerts/condition.ts';
import { linker, namesFor } from '../src/alerts/context.ts';
import { RULES } from '../src/alerts/rules/index.ts';
import { readSlaEntries } from '../src/alerts/sla-entries.ts';
import { shiftEnd, snoozeEnd } from '../src/alerts/snooze.ts';
import { queueThresholds } from '../src/alerts/thresholds.ts';
import { clearingHoldMs, DEFAULT_FOR_MS, forMsOf } from '../src/alerts/timing.ts';

const T = Date.UTC(2026, 0, 5, 10, 30, 0); // Monday 5 January 2026, 10:30 UTC
const sec = (s: number) => T + s * 1000;
const iso = (ms: number) => new Date(ms).toISOString();
let n = 0;
const ev = (type: string, ts: number, f: Record<string, unknown>) => ({ id: `r${n++}`, type, ts, ...f }) as PulseEvent;
const online = (id: string, queues: string[], cap = 3, name = id.toUpperCase()) =>
  ev('agent.status_changed', sec(-3600), { agent_id: id, status: 'online', queues, chat_capacity: cap, name });
const chat = (id: string, queue: string, requested: number, answered?: { at: number; agent: string }) => [
  ev('chat.requested', sec(requested), { chat_id: id, queue }),
  ...(answered ? [ev('chat.answered', sec(answered.at), { chat_id: id, agent_id: answered.agent })] : []),
];

const config = loadConfig(
  {},
  {
    queueNames: { returns: 'Returns & Exchanges' },
    helpdeskLinkTemplate: 'https://acme.zendesk.com/agent/tickets/{id}',
    alerts: { byQueue: { vip: { queue_wait_warning_s: 10, queue_wait_critical_s: 20 } } },
  },
);

async function context(events: PulseEvent[], at: number, extra: Partial<RuleContext> = {}, active: Record<string, AlertSeverity> = {}): Promise<RuleContext> {
  const snapshot = await referenceSnapshot(events, at, DEFAULT_METRIC_SETTINGS);
  return {
    snapshot,
    now: at,
    thresholds: (q) => queueThresholds(config.alerts, DEFAULT_METRIC_SETTINGS, q),
    hysteresis: 0.05,
    forMs: (rule) => forMsOf(config.alerts, rule),
    active: (rule, subject) => active[`${rule}|${subject}`] ?? null,
    agentItems: {},
    reassigned: {},
    pingpongReassignments: 3,
    sla: await readSlaEntries(referenceState(events, DEFAULT_METRIC_SETTINGS), at),
    names: namesFor({ queueNames: config.queueNames }, snapshot),
    link: linker(config.helpdeskLinkTemplate ?? null),
    ...extra,
  };
}

const evaluate = (ctx: RuleContext): Condition[] => RULES.flatMap((r) => [...r(ctx)]);
const only = (cs: Condition[], rule: string) => cs.filter((c) => c.rule === rule);

describe('defaults of noise control', () => {
  it('has the `for` durations of SPEC §4', () => {
    expect(DEFAULT_FOR_MS).toEqual({
      queue_wait: 60_000,
      agent_stranded: 120_000,
      rebalance: 60_000,
      service_level: 0,
      csat_low: 0,
      sla_at_risk: 0,
      sla_breach: 0,
      ticket_pingpong: 0,
    });
    const c = loadConfig({}, {}).alerts;
    expect([c.quietAfterMs, c.rollupStep, c.shifts, c.lang, c.hysteresis, c.flapMs]).toEqual([600_000, 5, ['07:00', '15:00', '23:00'], 'en', 0.05, 600_000]);
    // clearing holds the rule's `for`; a flapping alert's, 10 min
    expect([
      clearingHoldMs(c, 'queue_wait', 0),
      clearingHoldMs(c, 'queue_wait', 1),
      clearingHoldMs(c, 'csat_low', 0),
      clearingHoldMs(c, 'csat_low', 2),
    ]).toEqual([60_000, 600_000, 0, 600_000]);
    expect(forMsOf(loadConfig({}, { alerts: { forMs: { queue_wait: 5000 } } }).alerts, 'queue_wait')).toBe(5000);
  });
});

describe('queue_wait and rebalance', () => {
  const events = [
    online('a1', ['billing']),
    online('idle1', ['returns'], 3, 'Ida'),
    online('idle2', ['returns'], 3, 'Ivo'),
    online('busy', ['sales']),
    ...chat('w1', 'billing', -70),
    ...chat('w2', 'billing', -10),
    ...chat('s1', 'sales', -100, { at: -90, agent: 'busy' }),
  ];

  it('warns at 2 × T from the moment the wait passed it, and is critical once past 6 × T for its `for` (60 s)', async () => {
    const warn = await context(events, sec(-10)); // w1 has waited 60 s: 2 × 30
    expect(only(evaluate(warn), 'queue_wait')).toEqual([
      {
        rule: 'queue_wait',
        subject: 'billing',
        severity: 'warning',
        scope: { queue: 'billing' },
        value: 60,
        threshold: 60,
        since: sec(-10),
        details: {
          kind: 'queue_wait',
          queue: 'billing',
          queue_name: 'billing',
          waiting: 2,
          longest_wait_s: 60,
          wait_since: iso(sec(-70)),
          threshold_s: 60,
          agents_online: 1,
        },
      },
    ]);
    const sev = async (s: number, active: Record<string, AlertSeverity> = {}) =>
      only(evaluate(await context(events, sec(s), {}, active)), 'queue_wait').map((c) => [c.severity, c.value, c.threshold, c.since]);
    // 180 s is 6 × T, but critical only after a further 60 s there (unless already critical)
    expect(await sev(110)).toEqual([['warning', 180, 60, sec(-10)]]);
    expect(await sev(169)).toEqual([['warning', 239, 60, sec(-10)]]);
    expect(await sev(170)).toEqual([['critical', 240, 180, sec(-10)]]);
    expect(await sev(110, { 'queue_wait|billing': 'critical' })).toEqual([['critical', 180, 180, sec(-10)]]);
  });

  it('does not flap: once firing it holds until 5 % below the threshold', async () => {
    const at = (s: number, active: Record<string, AlertSeverity> = {}) => context([online('a1', ['billing']), ...chat('h', 'billing', 0)], sec(s), {}, active);
    expect(only(evaluate(await at(59)), 'queue_wait')).toEqual([]);
    expect(only(evaluate(await at(57.5, { 'queue_wait|billing': 'warning' })), 'queue_wait')).toHaveLength(1);
    expect(only(evaluate(await at(56.9, { 'queue_wait|billing': 'warning' })), 'queue_wait')).toEqual([]);
  });

  it('takes per-queue thresholds from the configuration', async () => {
    const ctx = await context([online('v', ['vip']), ...chat('v1', 'vip', -12)], T);
    expect(only(evaluate(ctx), 'queue_wait').map((c) => [c.severity, c.threshold])).toEqual([['warning', 10]]);
  });

  it('suggests moving the idle agents of a queue with nobody waiting, by name', async () => {
    const ctx = await context(events, sec(120));
    expect(only(evaluate(ctx), 'rebalance')).toEqual([
      {
        rule: 'rebalance',
        subject: 'billing',
        severity: 'warning',
        scope: { queue: 'billing' },
        value: 190,
        threshold: 180,
        since: sec(110),
        details: {
          kind: 'rebalance',
          queue: 'billing',
          queue_name: 'billing',
          waiting: 2,
          longest_wait_s: 190,
          from_queue: 'returns',
          from_queue_name: 'Returns & Exchanges',
          idle: [
            { id: 'idle1', name: 'Ida' },
            { id: 'idle2', name: 'Ivo' },
          ],
        },
        suggestion: {
          action: 'move_agent',
          items: [
            { kind: 'agent', id: 'idle1' },
            { kind: 'agent', id: 'idle2' },
          ],
          from_queue: 'returns',
          to_queue: 'billing',
          names: { idle1: 'Ida', idle2: 'Ivo' },
          queue_names: { returns: 'Returns & Exchanges' },
        },
      },
    ]);
  });
});

describe('service_level and csat_low', () => {
  it('fires service_level when 15m service level is below 80 % with at least 5 offered', async () => {
    // 5 chats: 3 answered within 30 s, 2 after 40 s → 60 %
    const evs = [0, 1, 2, 3, 4].flatMap((i) => chat(`sl${i}`, 'sales', -300 + i, { at: -300 + i + (i < 3 ? 10 : 40), agent: 'x' }));
    expect(only(evaluate(await context(evs, T)), 'service_level')).toEqual([
      {
        rule: 'service_level',
        subject: 'sales',
        severity: 'critical',
        scope: { queue: 'sales' },
        value: 60,
        threshold: 80,
        since: null,
        details: { kind: 'service_level', queue: 'sales', queue_name: 'sales', pct: 60, goal_pct: 80, offered: 5, abandoned: 0, clears_at_pct: 84 },
      },
    ]);
    expect(only(evaluate(await context(evs.slice(0, 8), T)), 'service_level')).toEqual([]);
    // once firing, four offered (one left the window) still hold it: too few to fire is not clear
    const held = only(evaluate(await context(evs.slice(0, 8), T, {}, { 'service_level|sales': 'critical' })), 'service_level');
    expect(held.map((c) => [c.value, c.details.kind === 'service_level' && c.details.offered])).toEqual([[75, 4]]);
  });

  it('fires csat_low when 60m CSAT is below 70 % with at least 5 responses', async () => {
    const evs = [0, 1, 2, 3, 4].flatMap((i) => [
      ...chat(`c${i}`, 'care', -1000 + i, { at: -990 + i, agent: 'x' }),
      ev('csat.rated', sec(-500 + i), { chat_id: `c${i}`, rating: i < 3 ? 2 : 5 }),
    ]);
    expect(only(evaluate(await context(evs, T)), 'csat_low').map((c) => [c.severity, c.value, c.threshold, c.details])).toEqual([
      ['warning', 40, 70, { kind: 'csat_low', queue: 'care', queue_name: 'care', pct: 40, threshold_pct: 70, responses: 5, clears_at_pct: 73.5 }],
    ]);
    // four responses: not enough to fire, but a firing alert holds (it flapped at every minute boundary before)
    const four = evs.slice(3); // c1…c4: two bad, two good
    expect(only(evaluate(await context(four, T)), 'csat_low')).toEqual([]);
    expect(only(evaluate(await context(four, T, {}, { 'csat_low|care': 'warning' })), 'csat_low').map((c) => c.value)).toEqual([50]);
    // …until its value is back above 70 % × 1.05 = 73.5 %
    const good = [
      ...four,
      ...[5, 6, 7, 8, 9, 10].flatMap((i) => [
        ...chat(`c${i}`, 'care', -1000 + i, { at: -990 + i, agent: 'x' }),
        ev('csat.rated', sec(-500 + i), { chat_id: `c${i}`, rating: 5 }),
      ]),
    ];
    expect(only(evaluate(await context(good, T, {}, { 'csat_low|care': 'warning' })), 'csat_low')).toEqual([]);
  });
});

describe('agent_stranded', () => {
  it('suggests, item by item, online agents of that item’s queue with spare capacity, least loaded first, spreading the work', async () => {
    const evs = [
      online('gone', ['support', 'sales'], 3, 'Gus'),
      online('r1', ['support'], 3, 'Rita'),
      online('r2', ['support', 'sales'], 2, 'Rob'),
      online('full', ['support'], 1, 'Flo'),
      online('other', ['sales'], 3, 'Oli'),
      online('off', ['support'], 3, 'Ofelia'),
      ev('agent.status_changed', sec(-30), { agent_id: 'off', status: 'offline' }),
      ...chat('g1', 'support', -300, { at: -290, agent: 'gone' }),
      ...chat('x1', 'support', -300, { at: -290, agent: 'r1' }),
      ...chat('f1', 'support', -300, { at: -290, agent: 'full' }),
      ev('agent.status_changed', sec(-180), { agent_id: 'gone', status: 'away' }),
    ];
    const held = {
      chats: [{ id: 'g1', queue: 'support', at: sec(-290) }],
      tickets: [
        { id: 't8', queue: 'support', at: sec(-900) },
        { id: 't9', queue: 'sales', at: sec(-800) },
      ],
    };
    const conds = only(evaluate(await context(evs, T, { agentItems: { gone: held } })), 'agent_stranded');
    expect(conds).toEqual([
      {
        rule: 'agent_stranded',
        subject: 'gone',
        severity: 'critical',
        scope: { agent_id: 'gone' },
        value: 3,
        threshold: 0,
        since: sec(-180),
        latest: sec(-180),
        details: { kind: 'agent_stranded', agent_id: 'gone', agent_name: 'Gus', status: 'away', status_since: iso(sec(-180)), chats: 1, tickets: 2 },
        suggestion: {
          action: 'reassign',
          // the chat: Rob (0 of 2) before Rita (1 of 3); Flo is full, Ofelia offline, Oli does not serve support.
          // Then Rob holds 1 of 2 (50 %): the support ticket goes to Rita (33 %), the sales one to Oli (0 %).
          items: [
            { kind: 'chat', id: 'g1', queue: 'support', to_agent_ids: ['r2', 'r1'], url: 'https://acme.zendesk.com/agent/tickets/g1' },
            { kind: 'ticket', id: 't8', queue: 'support', to_agent_ids: ['r1', 'r2'], url: 'https://acme.zendesk.com/agent/tickets/t8' },
            { kind: 'ticket', id: 't9', queue: 'sales', to_agent_ids: ['other', 'r2'], url: 'https://acme.zendesk.com/agent/tickets/t9' },
          ],
          from_agent_id: 'gone',
          to_agent_ids: ['r2', 'r1', 'other'],
          names: { gone: 'Gus', r2: 'Rob', r1: 'Rita', other: 'Oli' },
        },
      },
    ]);
    expect(suggestionLines(conds[0]!.suggestion!, { lang: 'en' })).toEqual([
      'Chat g1 (support) → Rob or Rita',
      'Ticket t8 (support) → Rita or Rob',
      'Ticket t9 (sales) → Oli or Rob',
    ]);
    expect(suggestionLines(conds[0]!.suggestion!, { lang: 'es' })).toEqual([
      'Chat g1 (support) → Rob o Rita',
      'Ticket t8 (support) → Rita o Rob',
      'Ticket t9 (sales) → Oli o Rob',
    ]);
  });

  it('says so when nobody of the item’s queue can take it', async () => {
    const evs = [
      online('gone', ['returns'], 3, 'Gus'),
      online('x', ['sales'], 3, 'Xan'),
      ev('agent.status_changed', sec(-180), { agent_id: 'gone', status: 'offline' }),
    ];
    const held = { chats: [], tickets: [{ id: 'zd-77', queue: 'returns', at: sec(-900) }] };
    const [c] = only(evaluate(await context(evs, T, { agentItems: { gone: held } })), 'agent_stranded');
    expect(c).toBeDefined();
    expect(c!.suggestion!.items).toEqual([
      { kind: 'ticket', id: 'zd-77', queue: 'returns', to_agent_ids: [], url: 'https://acme.zendesk.com/agent/tickets/zd-77' },
    ]);
    expect(c!.suggestion!.queue_names).toEqual({ returns: 'Returns & Exchanges' });
    expect(suggestionLines(c!.suggestion!, { lang: 'en' })).toEqual([
      'Ticket zd-77 (Returns & Exchanges): nobody in Returns & Exchanges is online with spare capacity',
    ]);
    expect(suggestionLines(c!.suggestion!, { lang: 'es' })).toEqual([
      'Ticket zd-77 (Returns & Exchanges): nadie de Returns & Exchanges está conectado con capacidad libre',
    ]);
  });
});

describe('ticket_pingpong', () => {
  it('fires at the third reassignment, naming the agent', async () => {
    const ctx = async (count: number) =>
      context([online('a3', ['support'], 3, 'Alba')], T, { reassigned: { t1: { count, queue: 'support', agent_id: 'a3' } } });
    expect(only(evaluate(await ctx(2)), 'ticket_pingpong')).toEqual([]);
    expect(only(evaluate(await ctx(3)), 'ticket_pingpong')).toEqual([
      {
        rule: 'ticket_pingpong',
        subject: 't1',
        severity: 'warning',
        scope: { ticket_id: 't1', queue: 'support', agent_id: 'a3' },
        value: 3,
        threshold: 3,
        since: null,
        details: {
          kind: 'ticket_pingpong',
          ticket_id: 't1',
          queue: 'support',
          queue_name: 'support',
          count: 3,
          agent_id: 'a3',
          agent_name: 'Alba',
          url: 'https://acme.zendesk.com/agent/tickets/t1',
        },
      },
    ]);
  });
});

describe('SLA roll-ups', () => {
  const tk = (id: string, queue: string, createdS: number, agent?: string) =>
    ev('ticket.created', sec(createdS), { ticket_id: id, queue, channel: 'email', priority: 'urgent', ...(agent ? { agent_id: agent } : {}) });
  const events = [
    online('a1', ['returns'], 3, 'Ana Ruiz'),
    tk('late1', 'returns', -16 * 60, 'a1'), // first reply due 15 min after creation: 1 min ago
    tk('late2', 'returns', -20 * 60), // due 5 min ago
    tk('risky', 'returns', -12 * 60, 'a1'), // at risk since 11 min 15 s after creation, due in 3 min
    // at risk, then its resolution clock paused (pending): no at-risk alert
    tk('paused', 'returns', -200 * 60, 'a1'),
    ev('ticket.agent_replied', sec(-199 * 60), { ticket_id: 'paused', agent_id: 'a1' }),
    ev('ticket.status_changed', sec(-10 * 60), { ticket_id: 'paused', status: 'pending' }),
    tk('other', 'billing', -16 * 60),
  ];

  it('rolls per-ticket targets up into one alert per queue and rule, listing them with when each began', async () => {
    const ctx = await context(events, T);
    expect(ctx.sla.find((e) => e.ticket_id === 'paused')).toMatchObject({ target: 'resolution', due_at: null });
    const cs = evaluate(ctx);
    const item = (id: string, due: number, since: number, agent: string | null) => ({
      ticket_id: id,
      target: 'first_reply',
      due_at: iso(due),
      since: iso(since),
      priority: 'urgent',
      agent_id: agent,
      agent_name: agent ? 'Ana Ruiz' : null,
      url: `https://acme.zendesk.com/agent/tickets/${id}`,
      // news from its own moment: the ticket's priority and queue were set at its creation, before it
      latest: since,
    });
    expect(only(cs, 'sla_breach')).toEqual([
      {
        rule: 'sla_breach',
        subject: 'billing',
        severity: 'critical',
        scope: { queue: 'billing' },
        value: 1,
        threshold: 1,
        since: sec(-60),
        details: { kind: 'sla', queue: 'billing', queue_name: 'billing' },
        items: [{ ...item('other', sec(-60), sec(-60), null), agent_name: null }],
      },
      {
        rule: 'sla_breach',
        subject: 'returns',
        severity: 'critical',
        scope: { queue: 'returns' },
        value: 2,
        threshold: 1,
        since: sec(-300),
        details: { kind: 'sla', queue: 'returns', queue_name: 'Returns & Exchanges' },
        items: [item('late2', sec(-300), sec(-300), null), item('late1', sec(-60), sec(-60), 'a1')],
      },
    ]);
    expect(only(cs, 'sla_at_risk')).toEqual([
      {
        rule: 'sla_at_risk',
        subject: 'returns',
        severity: 'warning',
        scope: { queue: 'returns' },
        value: 1,
        threshold: 1,
        since: sec(-45),
        details: { kind: 'sla', queue: 'returns', queue_name: 'Returns & Exchanges' },
        items: [item('risky', sec(180), sec(-45), 'a1')],
      },
    ]);
  });
});

describe('texts in people’s words', () => {
  const o = { lang: 'en' as const, timeZone: 'Europe/Madrid', now: Date.UTC(2026, 0, 5, 8, 26) };
  const es = { ...o, lang: 'es' as const };
  const base: Alert = {
    id: 'x',
    rule: 'sla_breach',
    severity: 'critical',
    state: 'firing',
    scope: {},
    title: 'stored',
    message: 'stored',
    value: null,
    threshold: null,
    started_at: iso(o.now),
    acknowledged_at: null,
    acknowledged_by: null,
    resolved_at: null,
    escalated_at: null,
  };

  it('gives durations in d, h, min and s, local times with their day and relative forms', () => {
    expect([45, 180, 190, 840, 3600, 3900, 187_200, 86_400].map(formatSpan)).toEqual([
      '45 s',
      '3 min',
      '3 min 10 s',
      '14 min',
      '1 h',
      '1 h 5 min',
      '2 d 4 h',
      '1 d',
    ]);
    const at = Date.UTC(2026, 0, 5, 8, 12); // 09:12 in Madrid (CET)
    expect(formatLocal(at, o)).toBe('09:12, Mon');
    expect(formatLocal(at, es)).toBe('09:12, lun');
    expect(formatLocal(Date.UTC(2025, 10, 3, 13, 5), o)).toBe('14:05, Nov 3');
    expect(formatLocal(Date.UTC(2025, 10, 3, 13, 5), es)).toBe('14:05, 3 nov');
    expect(formatRelative(at, o)).toBe('14 min ago');
    expect(formatRelative(o.now + 14 * 60_000, o)).toBe('in 14 min');
    expect(formatRelative(at, es)).toBe('hace 14 min');
  });

  it('writes a breach roll-up as "returns: 12 first replies breached, oldest 2 d 4 h"', () => {
    const items = Array.from({ length: 12 }, (_, i) => ({
      ticket_id: `T-${i + 1}`,
      target: 'first_reply' as const,
      due_at: iso(o.now - 187_200_000 + i * 60_000),
      since: iso(o.now - 187_200_000 + i * 60_000),
      priority: 'high' as const,
      agent_id: i === 0 ? 'a1' : null,
      agent_name: i === 0 ? 'Ana Ruiz' : null,
      added_at: iso(o.now),
    }));
    const a: Alert = { ...base, details: { kind: 'sla', queue: 'returns', queue_name: 'returns' }, items };
    expect(alertTitle(a, o)).toBe('returns: 12 first replies breached, oldest 2 d 4 h');
    expect(alertTitle(a, es)).toBe('returns: 12 primeras respuestas incumplidas, la más antigua con 2 d 4 h de retraso');
    expect(alertMessage(a, o)).toBe(
      'Ticket T-1 (first reply, high, Ana Ruiz) due 05:26, Sat (2 d 4 h ago); ticket T-2 (first reply, high, unassigned) due 05:27, Sat (2 d 3 h ago); ' +
        'ticket T-3 (first reply, high, unassigned) due 05:28, Sat (2 d 3 h ago); and 9 more.',
    );
    const mixed: Alert = {
      ...a,
      rule: 'sla_at_risk',
      items: [
        { ...items[0]!, due_at: iso(o.now + 14 * 60_000) },
        { ...items[1]!, target: 'resolution', due_at: iso(o.now + 3600_000) },
      ],
    };
    expect(alertTitle(mixed, o)).toBe('returns: 2 SLA targets at risk, next due in 14 min');
    expect(alertTitle(mixed, es)).toBe('returns: 2 objetivos de SLA en riesgo, el próximo vence dentro de 14 min');
  });

  it('names an agent and says since when, in the zone', () => {
    const a: Alert = {
      ...base,
      rule: 'agent_stranded',
      details: {
        kind: 'agent_stranded',
        agent_id: 'agent-021',
        agent_name: 'Chloe Martin',
        status: 'offline',
        status_since: iso(Date.UTC(2026, 0, 5, 8, 12)),
        chats: 0,
        tickets: 8,
      },
    };
    expect(alertTitle(a, o)).toBe('Chloe Martin is offline holding 8 tickets with open SLA targets');
    expect(alertMessage(a, o)).toBe('Chloe Martin has been offline since 09:12, Mon (14 min ago) holding 8 tickets with open SLA targets.');
    expect(alertTitle(a, es)).toBe('Chloe Martin se ha desconectado con 8 tickets con objetivos de SLA pendientes');
    expect(alertMessage(a, es)).toBe('Chloe Martin se desconectó a las 09:12, lun (hace 14 min) con 8 tickets con objetivos de SLA pendientes.');
  });

  it('says what a window alert held by the hysteresis clears at, once its value is back at the goal', () => {
    const sl = (pct: number): Alert => ({
      ...base,
      rule: 'service_level',
      details: { kind: 'service_level', queue: 'returns', queue_name: 'Returns', pct, goal_pct: 80, offered: 10, abandoned: 0, clears_at_pct: 84 },
    });
    expect(alertMessage(sl(80), o)).toBe(
      'Service level over the last 15 minutes in Returns is 80.0 % (goal 80 %; clears at 84.0 %) with 10 offered and 0 abandoned.',
    );
    expect(alertMessage(sl(80), es)).toBe(
      'El nivel de servicio de los últimos 15 minutos en Returns es 80,0 % (objetivo 80 %; se despeja al 84,0 %) con 10 ofrecidos y 0 abandonados.',
    );
    expect(alertMessage(sl(73.9), o)).toBe('Service level over the last 15 minutes in Returns is 73.9 % (goal 80 %) with 10 offered and 0 abandoned.');
    const csat: Alert = {
      ...base,
      rule: 'csat_low',
      details: { kind: 'csat_low', queue: 'vip', queue_name: 'VIP', pct: 71.4, threshold_pct: 70, responses: 7, clears_at_pct: 73.5 },
    };
    expect(alertMessage(csat, o)).toBe('CSAT over the last 60 minutes in VIP is 71.4 % (threshold 70 %; clears at 73.5 %) from 7 responses.');
  });

  it('falls back to the stored title and message of an alert without facts', () => {
    expect([alertTitle(base, o), alertMessage(base, o)]).toEqual(['stored', 'stored']);
  });
});

describe('snooze ends', () => {
  it('ends at 15 min, 1 h, the next shift change in the zone, or a time within 7 days', () => {
    const now = Date.UTC(2026, 0, 5, 13, 40); // 14:40 in Madrid
    const shifts = ['07:00', '15:00', '23:00'];
    expect(shiftEnd(now, shifts, 'Europe/Madrid')).toBe(Date.UTC(2026, 0, 5, 14, 0));
    expect(shiftEnd(Date.UTC(2026, 0, 5, 22, 30), shifts, 'Europe/Madrid')).toBe(Date.UTC(2026, 0, 6, 6, 0));
    expect(snoozeEnd('15m', now, shifts, 'UTC')).toBe(now + 900_000);
    expect(snoozeEnd(undefined, now, shifts, 'UTC')).toBe(now + 900_000);
    expect(snoozeEnd('1h', now, shifts, 'UTC')).toBe(now + 3600_000);
    expect(snoozeEnd(iso(now + 7200_000), now, shifts, 'UTC')).toBe(now + 7200_000);
    expect(snoozeEnd(iso(now - 1), now, shifts, 'UTC')).toBeNull();
    expect(snoozeEnd('soon', now, shifts, 'UTC')).toBeNull();
    expect(snoozeEnd(now + 8 * 86_400_000, now, shifts, 'UTC')).toBeNull();
  });
});

// Every alert rule of SPEC §4 against snapshots computed by the reference model at a fixed time:
// exact conditions, thresholds, hysteresis and suggestions.
import { describe, expect, it } from 'vitest';
import type { AlertSeverity, PulseEvent, Snapshot } from '@pulse/contracts';
import { DEFAULT_METRIC_SETTINGS, referenceSnapshot } from '@pulse/metrics';
import { loadConfig } from '../src/config/load.ts';
import type { Condition, RuleContext } from '../src/alerts/condition.ts';
import { RULES } from '../src/alerts/rules/index.ts';
import { queueThresholds } from '../src/alerts/thresholds.ts';

const T = Date.UTC(2026, 0, 5, 10, 30, 0);
const sec = (s: number) => T + s * 1000;
let n = 0;
const ev = (type: string, ts: number, f: Record<string, unknown>) => ({ id: `r${n++}`, type, ts, ...f }) as PulseEvent;
const online = (id: string, queues: string[], cap = 3, name = id.toUpperCase()) =>
  ev('agent.status_changed', sec(-3600), { agent_id: id, status: 'online', queues, chat_capacity: cap, name });
const chat = (id: string, queue: string, requested: number, answered?: { at: number; agent: string }) => [
  ev('chat.requested', sec(requested), { chat_id: id, queue }),
  ...(answered ? [ev('chat.answered', sec(answered.at), { chat_id: id, agent_id: answered.agent })] : []),
];

const config = loadConfig({}, { alerts: { byQueue: { vip: { queue_wait_warning_s: 10, queue_wait_critical_s: 20 } } } });

function context(
  snapshot: Snapshot,
  extra: Partial<RuleContext> = {},
  active: Record<string, AlertSeverity> = {},
): RuleContext {
  return {
    snapshot,
    now: Date.parse(snapshot.at),
    thresholds: (q) => queueThresholds(config.alerts, DEFAULT_METRIC_SETTINGS, q),
    hysteresis: 0.05,
    active: (rule, subject) => active[`${rule}|${subject}`] ?? null,
    agentItems: {},
    reassigned: {},
    pingpongReassignments: 3,
    ...extra,
  };
}

const evaluate = (ctx: RuleContext): Condition[] => RULES.flatMap((r) => r(ctx));
const only = (cs: Condition[], rule: string) => cs.filter((c) => c.rule === rule);

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

  it('warns at 2 × T and is critical at 6 × T, with the longest wait as value', async () => {
    const warn = await referenceSnapshot(events, sec(-10 + 0), DEFAULT_METRIC_SETTINGS); // w1 waited 60 s: 2 × 30
    expect(only(evaluate(context(warn)), 'queue_wait')).toEqual([
      {
        rule: 'queue_wait',
        subject: 'billing',
        severity: 'warning',
        scope: { queue: 'billing' },
        title: 'Long wait in billing: 1:00',
        message: '2 waiting in billing; the longest for 1:00 (threshold 1:00). 1 agents online.',
        value: 60,
        threshold: 60,
      },
    ]);
    const critical = await referenceSnapshot(events, sec(110), DEFAULT_METRIC_SETTINGS); // 180 s: 6 × 30
    const qw = only(evaluate(context(critical)), 'queue_wait');
    expect(qw.map((c) => [c.severity, c.value, c.threshold])).toEqual([['critical', 180, 180]]);
  });

  it('does not flap: once firing it holds until 5 % below the threshold', async () => {
    const at = (s: number) => referenceSnapshot([online('a1', ['billing']), ...chat('h', 'billing', 0)], sec(s), DEFAULT_METRIC_SETTINGS);
    expect(only(evaluate(context(await at(59))), 'queue_wait')).toEqual([]);
    expect(only(evaluate(context(await at(57.5), {}, { 'queue_wait|billing': 'warning' })), 'queue_wait')).toHaveLength(1);
    expect(only(evaluate(context(await at(56.9), {}, { 'queue_wait|billing': 'warning' })), 'queue_wait')).toEqual([]);
  });

  it('takes per-queue thresholds from the configuration', async () => {
    const s = await referenceSnapshot([online('v', ['vip']), ...chat('v1', 'vip', -12)], T, DEFAULT_METRIC_SETTINGS);
    expect(only(evaluate(context(s)), 'queue_wait').map((c) => [c.severity, c.threshold])).toEqual([['warning', 10]]);
  });

  it('suggests moving the idle agents of a queue with nobody waiting to the queue in critical wait', async () => {
    const s = await referenceSnapshot(events, sec(120), DEFAULT_METRIC_SETTINGS);
    expect(only(evaluate(context(s)), 'rebalance')).toEqual([
      {
        rule: 'rebalance',
        subject: 'billing',
        severity: 'warning',
        scope: { queue: 'billing' },
        title: 'Move idle agents from returns to billing',
        message: 'billing has 2 waiting, the longest for 3:10, while returns has nobody waiting and 2 idle agents: Ida, Ivo.',
        value: 190,
        threshold: 180,
        suggestion: { action: 'move_agent', items: [{ kind: 'agent', id: 'idle1' }, { kind: 'agent', id: 'idle2' }], from_queue: 'returns', to_queue: 'billing' },
      },
    ]);
  });
});

describe('service_level and csat_low', () => {
  it('fires service_level when 15m service level is below 80 % with at least 5 offered', async () => {
    // 5 chats: 3 answered within 30 s, 2 after 40 s → 60 %
    const evs = [0, 1, 2, 3, 4].flatMap((i) => chat(`sl${i}`, 'sales', -300 + i, { at: -300 + i + (i < 3 ? 10 : 40), agent: 'x' }));
    const s = await referenceSnapshot(evs, T, DEFAULT_METRIC_SETTINGS);
    expect(only(evaluate(context(s)), 'service_level')).toEqual([
      {
        rule: 'service_level',
        subject: 'sales',
        severity: 'critical',
        scope: { queue: 'sales' },
        title: 'Service level in sales: 60.0 %',
        message: 'Service level over the last 15 minutes in sales is 60.0 % (goal 80 %) with 5 offered and 0 abandoned.',
        value: 60,
        threshold: 80,
      },
    ]);
    const four = await referenceSnapshot(evs.slice(0, 8), T, DEFAULT_METRIC_SETTINGS);
    expect(only(evaluate(context(four)), 'service_level')).toEqual([]);
  });

  it('fires csat_low when 60m CSAT is below 70 % with at least 5 responses', async () => {
    const evs = [0, 1, 2, 3, 4].flatMap((i) => [
      ...chat(`c${i}`, 'care', -1000 + i, { at: -990 + i, agent: 'x' }),
      ev('csat.rated', sec(-500 + i), { chat_id: `c${i}`, rating: i < 3 ? 2 : 5 }),
    ]);
    const s = await referenceSnapshot(evs, T, DEFAULT_METRIC_SETTINGS);
    expect(only(evaluate(context(s)), 'csat_low').map((c) => [c.severity, c.value, c.threshold, c.title])).toEqual([
      ['warning', 40, 70, 'CSAT in care: 40.0 %'],
    ]);
  });
});

describe('agent_stranded', () => {
  it('fires when an agent leaves holding work, suggesting online agents of those queues with spare capacity, least loaded first', async () => {
    const evs = [
      online('gone', ['support'], 3, 'Gus'),
      online('r1', ['support'], 3, 'Rita'),
      online('r2', ['support', 'sales'], 2, 'Rob'),
      online('full', ['support'], 1, 'Flo'),
      online('other', ['sales'], 3, 'Oli'),
      ...chat('g1', 'support', -300, { at: -290, agent: 'gone' }),
      ...chat('x1', 'support', -300, { at: -290, agent: 'r1' }),
      ...chat('f1', 'support', -300, { at: -290, agent: 'full' }),
      ev('agent.status_changed', sec(-60), { agent_id: 'gone', status: 'away' }),
    ];
    const s = await referenceSnapshot(evs, T, DEFAULT_METRIC_SETTINGS);
    const conds = only(evaluate(context(s, { agentItems: { gone: { chats: ['g1'], tickets: ['t9'] } } })), 'agent_stranded');
    expect(conds).toEqual([
      {
        rule: 'agent_stranded',
        subject: 'gone',
        severity: 'critical',
        scope: { agent_id: 'gone', queue: 'support' },
        title: 'Gus is away holding 1 active chat and 1 open ticket',
        message: `Gus went away at ${new Date(sec(-60)).toISOString()} holding 1 active chat and 1 open ticket. Reassign to Rob, Rita.`,
        value: 2,
        threshold: 0,
        suggestion: {
          action: 'reassign',
          items: [{ kind: 'chat', id: 'g1' }, { kind: 'ticket', id: 't9' }],
          from_agent_id: 'gone',
          to_agent_ids: ['r2', 'r1'],
        },
      },
    ]);
  });
});

describe('ticket_pingpong and SLA', () => {
  it('fires ticket_pingpong at the third reassignment', () => {
    const ctx = (count: number) =>
      context({ at: new Date(T).toISOString(), queues: {}, agents: [], sla: { breached: [], at_risk: [] } } as unknown as Snapshot, {
        reassigned: { t1: { count, queue: 'support', agent_id: 'a3' } },
      });
    expect(only(evaluate(ctx(2)), 'ticket_pingpong')).toEqual([]);
    expect(only(evaluate(ctx(3)), 'ticket_pingpong')).toEqual([
      {
        rule: 'ticket_pingpong',
        subject: 't1',
        severity: 'warning',
        scope: { ticket_id: 't1', queue: 'support', agent_id: 'a3' },
        title: 'Ticket t1 reassigned 3 times',
        message: 'Ticket t1 in support has been reassigned 3 times; now with a3. Give it an owner.',
        value: 3,
        threshold: 3,
      },
    ]);
  });

  it('fires sla_at_risk (warning) and sla_breach (critical) per ticket target', async () => {
    const evs = [
      ev('ticket.created', sec(-12 * 60), { ticket_id: 'risky', queue: 'support', channel: 'email', priority: 'urgent', agent_id: 'a1' }),
      ev('ticket.created', sec(-16 * 60), { ticket_id: 'late', queue: 'support', channel: 'email', priority: 'urgent' }),
    ];
    const s = await referenceSnapshot(evs, T, DEFAULT_METRIC_SETTINGS);
    const cs = evaluate(context(s));
    expect(only(cs, 'sla_at_risk').map((c) => [c.subject, c.severity, c.value, c.message])).toEqual([
      ['risky|first_reply', 'warning', 180, 'The first reply of ticket risky (urgent, support) is due in 3:00; assigned to a1.'],
    ]);
    expect(only(cs, 'sla_breach').map((c) => [c.subject, c.severity, c.value, c.scope])).toEqual([
      ['late|first_reply', 'critical', 60, { ticket_id: 'late', queue: 'support' }],
    ]);
  });
});

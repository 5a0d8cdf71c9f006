// The rebalance move (docs/alerts.md "Staffing moves") on a constructed floor with exact expectations, the rule
// that suggests it, and its text in English and Spanish.
//
// The floor (voice queues: one call per agent; T 20 s, AHT 300 s, goal 80 %). Forecasts in exact rationals
// (Python `fractions`), SL(N) = 1 − P_wait(N, A)·e^{−(N−A)·20/300}:
//   billing  67 offered → A = 67/3:  24 agents 42.44930006618566 %, 25 59.63 %, 26 72.19 %, 27 81.21599845266235 %
//            → needs 3 more.
//   returns  20 offered → A = 20/3:  12 agents 96.79168755278855 %, 11 93.10830681938829 %, 10 86.02057237898032 %,
//            9 73.19 % (below goal): gives at most 2, at a cost of 3.683 or 10.771 points.
//   sales    16 offered → A = 16/3:  10 agents 96.13969403498947 %, 9 91.26310081271723 %, 8 81.51 %,
//            7 63.35 % (below goal): gives at most 2, at 4.877 or 14.628 points.
//   quiet    4 offered (no forecast), 2 agents, nobody waiting: gives 1 at no cost.
// Eve serves returns and sales: moving her costs both. Dee serves returns and billing already. Zed (returns) is away.
// Three agents: quiet 1 + returns 1 + sales 1 cost 0 + 3.683 + 4.877 = 8.560; quiet 1 + returns 2 = 10.771;
// quiet 1 + sales 2 = 14.628; returns 2 + sales 1 = 15.648; with Eve, returns and sales each lose two (25.399).
import { describe, expect, it } from 'vitest';
import { alertMessage, alertTitle, staffingMoveText, suggestionLines, type AgentView, type Alert, type ScopeMetrics, type Snapshot } from '@pulse/contracts';
import { computeStaffing } from '@pulse/metrics';
import type { RuleContext } from '../src/alerts/condition.ts';
import { rebalance } from '../src/alerts/rules/agents.ts';
import { chooseStaffingMove } from '../src/alerts/staffing-move.ts';

const agent = (id: string, name: string, queues: string[], active = 0, status: AgentView['status'] = 'online'): AgentView => ({
  id,
  name,
  status,
  status_since: null,
  queues,
  active_chats: active,
  chat_capacity: 1,
  load_pct: null,
  open_tickets: 0,
  handled_today: 0,
  timeline: [],
});

function floor(quietWaiting = 0) {
  const agents: AgentView[] = [
    ...Array.from({ length: 23 }, (_, i) => agent(`b${i}`, `B${String(i).padStart(2, '0')}`, ['billing'], 1)),
    agent('dee', 'Dee', ['billing', 'returns']),
    agent('ana', 'Ana', ['returns']),
    agent('bo', 'Bo', ['returns']),
    ...Array.from({ length: 8 }, (_, i) => agent(`r${i}`, `R${i}`, ['returns'], 1)),
    agent('eve', 'Eve', ['returns', 'sales']),
    agent('zed', 'Zed', ['returns'], 0, 'away'),
    agent('sam', 'Sam', ['sales']),
    ...Array.from({ length: 8 }, (_, i) => agent(`s${i}`, `S${i}`, ['sales'], 1)),
    agent('quinn', 'Quinn', ['quiet']),
    agent('quincy', 'Quincy', ['quiet'], 1),
  ];
  const queue = (name: string, offered: number, waiting = 0): ScopeMetrics => {
    const staffed = agents.filter((a) => a.status === 'online' && a.queues.includes(name));
    const staffing = computeStaffing({
      offered15m: offered,
      ahtS: 300,
      voice: true,
      capacities: staffed.map((a) => a.chat_capacity),
      thresholdS: 20,
      goalPct: 80,
    });
    return { waiting, longest_wait_s: waiting > 0 ? 200 : 0, staffing } as ScopeMetrics;
  };
  const queues = { billing: queue('billing', 67, 9), returns: queue('returns', 20), sales: queue('sales', 16), quiet: queue('quiet', 4, quietWaiting) };
  return { agents, queues };
}

describe('the staffing move', () => {
  it('the floor is as described', () => {
    const { queues } = floor();
    expect(queues.billing.staffing).toMatchObject({ staffed_agents: 24, required_agents: 27, forecast_sl_pct: expect.closeTo(42.44930006618566, 10) });
    expect(queues.returns.staffing).toMatchObject({ staffed_agents: 12, required_agents: 10, forecast_sl_pct: expect.closeTo(96.79168755278855, 10) });
    expect(queues.sales.staffing).toMatchObject({ staffed_agents: 10, required_agents: 8, forecast_sl_pct: expect.closeTo(96.13969403498947, 10) });
    expect(queues.quiet.staffing).toMatchObject({ staffed_agents: 2, forecast_sl_pct: null });
  });

  it('takes one agent from each of quiet, returns and sales: the least cost that brings billing to its goal', () => {
    const { agents, queues } = floor();
    const move = chooseStaffingMove('billing', queues, agents)!;
    // idle agents first within a queue, then by name: Quinn (not busy Quincy), Ana (before Bo), Sam
    expect(move.agents.map((a) => a.id)).toEqual(['ana', 'quinn', 'sam']);
    expect(move.forecast).toEqual([
      { queue: 'billing', before_pct: expect.closeTo(42.44930006618566, 10), after_pct: expect.closeTo(81.21599845266235, 10), goal_pct: 80 },
      { queue: 'returns', before_pct: expect.closeTo(96.79168755278855, 10), after_pct: expect.closeTo(93.10830681938829, 10), goal_pct: 80 },
      { queue: 'sales', before_pct: expect.closeTo(96.13969403498947, 10), after_pct: expect.closeTo(91.26310081271723, 10), goal_pct: 80 },
    ]);
    expect(move.cost).toBeCloseTo(96.79168755278855 - 93.10830681938829 + 96.13969403498947 - 91.26310081271723, 10);
  });

  it('a queue with too few contacts to forecast gives no agent while someone waits in it', () => {
    const { agents, queues } = floor(1);
    const move = chooseStaffingMove('billing', queues, agents)!;
    // returns 2 + sales 1 = 10.771 + 4.877 = 15.648 beats returns 1 + sales 2 = 18.311
    expect(move.agents.map((a) => a.id)).toEqual(['ana', 'bo', 'sam']);
    expect(move.forecast.map((f) => [f.queue, f.after_pct])).toEqual([
      ['billing', expect.closeTo(81.21599845266235, 10)],
      ['returns', expect.closeTo(86.02057237898032, 10)],
      ['sales', expect.closeTo(91.26310081271723, 10)],
    ]);
  });

  it('no move when no donor can spare enough, or the queue already forecasts its goal, or it has no forecast', () => {
    const { agents, queues } = floor(1);
    // sales unknown: its agents (and Eve) are no candidates; quiet has someone waiting; returns gives at most 2 → 26 < 27
    const { sales: _s, ...noSales } = queues;
    expect(chooseStaffingMove('billing', noSales, agents)).toBeNull();
    expect(chooseStaffingMove('returns', queues, agents)).toBeNull();
    expect(chooseStaffingMove('quiet', queues, agents)).toBeNull();
    expect(chooseStaffingMove('nowhere', queues, agents)).toBeNull();
  });
});

describe('the rebalance rule with a staffing move', () => {
  function ctx(): RuleContext {
    const { agents, queues } = floor();
    const snapshot = { queues, agents } as unknown as Snapshot;
    const names: Record<string, string> = { billing: 'Billing', returns: 'Returns', sales: 'Sales', quiet: 'Quiet' };
    return {
      snapshot,
      now: Date.UTC(2026, 0, 5, 10, 30),
      thresholds: () => ({
        queueWaitWarningS: 60,
        queueWaitCriticalS: 180,
        serviceLevelGoalPct: 80,
        serviceLevelMinOffered: 5,
        csatLowPct: 70,
        csatMinResponses: 5,
      }),
      hysteresis: 0.05,
      forMs: () => 0,
      active: () => null,
      agentItems: {},
      reassigned: {},
      pingpongReassignments: 3,
      sla: [],
      names: { queue: (id) => names[id] ?? id, agent: (id) => agents.find((a) => a.id === id)?.name ?? id, agents },
      link: () => undefined,
    };
  }

  it('suggests the move by name with the forecasts, in English and Spanish', () => {
    const [c] = rebalance(ctx());
    expect(c).toMatchObject({ rule: 'rebalance', subject: 'billing', severity: 'warning', value: 200, threshold: 180 });
    expect(c!.suggestion).toMatchObject({
      action: 'move_agent',
      items: [
        { kind: 'agent', id: 'ana' },
        { kind: 'agent', id: 'quinn' },
        { kind: 'agent', id: 'sam' },
      ],
      to_queue: 'billing',
      names: { ana: 'Ana', quinn: 'Quinn', sam: 'Sam' },
    });
    const alert = { rule: 'rebalance', title: '', message: '', details: c!.details, suggestion: c!.suggestion } as unknown as Alert;
    expect(suggestionLines(c!.suggestion!, { lang: 'en' })).toEqual([
      'Move Ana from Returns, Quinn from Quiet, and Sam from Sales to Billing: Billing 42 % → 81 %, Returns 96 % → 93 %, Sales 96 % → 91 %',
    ]);
    const o = { timeZone: 'UTC', now: 0 };
    expect(alertTitle(alert, { ...o, lang: 'en' })).toBe('Move 3 agents to Billing');
    expect(alertMessage(alert, { ...o, lang: 'en' })).toBe(
      'Move Ana from Returns, Quinn from Quiet, and Sam from Sales to Billing: Billing 42 % → 81 %, Returns 96 % → 93 %, Sales 96 % → 91 %.',
    );
    expect(alertTitle(alert, { ...o, lang: 'es' })).toBe('Mover 3 agentes a Billing');
    expect(suggestionLines(c!.suggestion!, { lang: 'es' })).toEqual([
      'Mover a Ana de Returns, Quinn de Quiet y Sam de Sales a Billing: Billing 42 % → 81 %, Returns 96 % → 93 %, Sales 96 % → 91 %',
    ]);
  });

  it('writes the issue’s sentence: agents of one queue together', () => {
    const move = {
      to_queue: 'billing',
      to_queue_name: 'billing',
      agents: [
        { id: 'a', name: 'Ana', from_queues: ['returns'], from_queue_names: ['returns'] },
        { id: 'b', name: 'Bo', from_queues: ['returns'], from_queue_names: ['returns'] },
      ],
      forecast: [
        { queue: 'billing', queue_name: 'billing', before_pct: 42.4, after_pct: 81.2, goal_pct: 80 },
        { queue: 'returns', queue_name: 'returns', before_pct: 97.5, after_pct: 90.3, goal_pct: 80 },
      ],
    };
    expect(staffingMoveText(move, { lang: 'en' })).toBe('Move Ana and Bo from returns to billing: billing 42 % → 81 %, returns 97 % → 90 %');
    expect(staffingMoveText(move, { lang: 'es' })).toBe('Mover a Ana y Bo de returns a billing: billing 42 % → 81 %, returns 97 % → 90 %');
  });
});

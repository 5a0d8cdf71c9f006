// The board's derivations: threshold levels, layout, panels, agent/SLA/alert lists and sparkline points.
import { describe, expect, it } from 'vitest';
import type { AgentView, SlaItem } from '@pulse/contracts';
import { bestGrid, listCapacity, pageCount, tileDensity } from '../src/board/layout.ts';
import { capLevel, levelOf, minSampleFor, sampledLevel, thresholdsFor, tileLevel, worstLevel, type BoardConfigResponse } from '../src/board/levels.ts';
import { queueNamer } from '../src/board/names.ts';
import { DEFAULT_THRESHOLDS } from '@pulse/contracts/board';
import { panelGrid } from '../src/board/panelGrid.ts';
import { agentList } from '../src/board/agents.ts';
import { remainingNow, slaCounts, slaRows } from '../src/board/sla.ts';
import { activeAlerts, agentNamer, tickerAlerts, tickerSuggestion } from '../src/board/alerts.ts';
import { channelScope, queueScope } from '@pulse/metrics/browser';
import { scopeKey, sparkPoints, sparkTable } from '../src/board/trend.ts';
import { pageAt } from '../src/hooks/usePage.ts';
import { boardAt } from '../src/hooks/useRotation.ts';
import { en, es } from '../src/i18n/messages.ts';
import { alert, scope, win } from './fixtures.ts';

describe('levels', () => {
  it('colours a window figure only on its minimum sample, caps at-risk at amber, and takes a tile’s level from its waits first', () => {
    const sl = { amber: 80, red: 70, direction: 'below' as const };
    expect(sampledLevel(sl, 0, 4, 5)).toBe('neutral');
    expect(sampledLevel(sl, 0, 5, 5)).toBe('red');
    expect(capLevel('red', 'amber')).toBe('amber');
    expect(capLevel('green', 'amber')).toBe('green');
    // waits make a tile critical; a red service level or backlog only a warning; other figures do not count
    expect(tileLevel(['red', 'green'], ['neutral'])).toBe('red');
    expect(tileLevel(['green', 'green'], ['red'])).toBe('amber');
    expect(tileLevel(['green', 'amber'], ['red'])).toBe('amber');
    expect(tileLevel(['green', 'green'], ['amber'])).toBe('green');
    expect(minSampleFor(null, 'x')).toEqual({ offered: 5, csat_responses: 5 });
    const config: BoardConfigResponse = {
      time_zone: 'UTC',
      thresholds: { default: {}, byQueue: {} },
      min_sample: { default: { offered: 8, csat_responses: 6 }, byQueue: { vip: { offered: 3, csat_responses: 2 } } },
    };
    expect([minSampleFor(config, 'vip').offered, minSampleFor(config, 'sales').offered]).toEqual([3, 8]);
  });
  it('treats an agent exactly at capacity as working, above it as an error', () => {
    const load = DEFAULT_THRESHOLDS.load_pct;
    expect([levelOf(load, 100), levelOf(load, 400 / 3)]).toEqual(['green', 'red']);
    expect(levelOf(DEFAULT_THRESHOLDS.sla_at_risk, 50)).toBe('amber');
  });
  const above = { amber: 5, red: 10, direction: 'above' as const };
  const below = { amber: 80, red: 70, direction: 'below' as const };
  it('turns amber and red at the thresholds, in either direction; no value is neutral', () => {
    expect([4, 5, 9.9, 10, 50].map((v) => levelOf(above, v))).toEqual(['green', 'amber', 'amber', 'red', 'red']);
    expect([95, 80, 70.1, 70, 0].map((v) => levelOf(below, v))).toEqual(['green', 'amber', 'amber', 'red', 'red']);
    expect(levelOf(above, null)).toBe('neutral');
    expect(levelOf(undefined, 3)).toBe('neutral');
  });
  it('uses a queue’s own thresholds over the defaults', () => {
    const config: BoardConfigResponse = {
      time_zone: 'UTC',
      thresholds: { default: { waiting: above, csat_pct: below }, byQueue: { vip: { waiting: { amber: 1, red: 2, direction: 'above' } } } },
    };
    expect(thresholdsFor(config, 'vip')!.waiting!.red).toBe(2);
    expect(thresholdsFor(config, 'vip')!.csat_pct).toBe(below);
    expect(thresholdsFor(config, 'other')!.waiting).toBe(above);
    expect(thresholdsFor(null, 'vip')).toBeNull();
  });
  it('takes the worst level', () => {
    expect(worstLevel(['green', 'neutral', 'amber'])).toBe('amber');
    expect(worstLevel(['green', 'red', 'amber'])).toBe('red');
    expect(worstLevel([])).toBe('neutral');
  });
});

describe('layout', () => {
  it('fills a 16:9 area with tiles as large as possible', () => {
    expect(bestGrid(1, 1400, 600)).toEqual({ cols: 1, rows: 1 });
    expect(bestGrid(6, 1400, 600)).toEqual({ cols: 3, rows: 2 });
    expect(bestGrid(12, 1400, 600)).toEqual({ cols: 4, rows: 3 });
    const dense = bestGrid(40, 1400, 660, 14, 1.55);
    expect(dense.cols * dense.rows).toBeGreaterThanOrEqual(40);
    expect(dense).toEqual({ cols: 8, rows: 5 });
  });
  it('picks what a tile shows from its size', () => {
    expect(tileDensity(28, 17)).toBe('full');
    expect(tileDensity(28, 16)).toBe('compact');
    expect(tileDensity(18, 12)).toBe('compact');
    expect(tileDensity(18, 10)).toBe('mini');
    expect(tileDensity(10, 7.5)).toBe('mini');
  });
  it('counts list items per page and pages', () => {
    expect(listCapacity(1000, 200, 300, 40, 10)).toEqual({ cols: 3, rows: 4, perPage: 12 });
    expect(pageCount(300, 12)).toBe(25);
    expect(pageCount(0, 12)).toBe(1);
    expect(pageCount(5, 0)).toBe(1);
  });
  it('turns pages and boards with the clock, the same on every screen', () => {
    expect([0, 9_999, 10_000, 29_999, 30_000].map((t) => pageAt(t, 3, 10))).toEqual([0, 0, 1, 2, 0]);
    expect(pageAt(123_456, 1, 10)).toBe(0);
    expect([0, 30_000, 60_000].map((t) => boardAt(t, 2, 30, 0))).toEqual([0, 1, 0]);
    expect(boardAt(0, 3, 30, -1)).toBe(2);
  });
  it('places the panels, giving missing panels’ room to the others', () => {
    expect(panelGrid(['queues', 'agents', 'sla', 'alerts'])).toEqual({
      areas: '"queues sla" "agents sla" "alerts alerts"',
      columns: 'minmax(0, 1fr) var(--side-w)',
      rows: 'minmax(0, 1fr) var(--agents-h) auto',
    });
    expect(panelGrid(['queues'])).toEqual({ areas: '"queues"', columns: 'minmax(0, 1fr)', rows: 'minmax(0, 1fr)' });
    expect(panelGrid(['sla', 'alerts']).areas).toBe('"sla" "alerts"');
    expect(panelGrid(['agents', 'alerts']).rows).toBe('minmax(0, 1fr) auto');
  });
});

const agent = (id: string, status: AgentView['status'], queues: string[], name = id): AgentView => ({
  id,
  name,
  status,
  status_since: null,
  queues,
  active_chats: 0,
  chat_capacity: 3,
  load_pct: 0,
  open_tickets: 0,
  handled_today: 0,
  timeline: [],
});
const item = (ticket_id: string, remaining_s: number | null, queue: string | null = 'q'): SlaItem => ({
  ticket_id,
  target: 'first_reply',
  due_at: remaining_s === null ? null : '2025-01-01T10:00:00.000Z',
  remaining_s,
  queue,
  priority: 'urgent',
  agent_id: null,
});

describe('lists', () => {
  it('lists online then away agents of the board’s queues by name, and counts the offline', () => {
    const list = agentList(
      [
        agent('3', 'away', ['a'], 'Zoe'),
        agent('1', 'online', ['a'], 'Mia'),
        agent('2', 'offline', ['a']),
        agent('4', 'online', ['b'], 'Al'),
        agent('5', 'online', ['a', 'b'], 'Bo'),
      ],
      ['a'],
    );
    expect(list.listed.map((a) => a.name)).toEqual(['Bo', 'Mia', 'Zoe']);
    expect([list.online, list.away, list.offline]).toEqual([2, 1, 1]);
  });
  it('orders SLA rows: breached within the hour (most overdue first), then at risk (least time left, paused last), then long overdue', () => {
    const rows = slaRows(
      {
        breached: [item('B1', -10), item('B2', -300), item('OLD', -2 * 86_400 - 4 * 3_600), item('H2', -7_200)],
        at_risk: [item('R1', null), item('R2', 120), item('R3', 30), item('X', 5, 'other')],
      },
      ['q'],
    );
    expect(rows.map((r) => `${r.group}:${r.item.ticket_id}`)).toEqual([
      'recent:B2',
      'recent:B1',
      'at_risk:R3',
      'at_risk:R2',
      'at_risk:R1',
      'overdue:OLD',
      'overdue:H2',
    ]);
    expect(slaCounts(rows)).toEqual({ recent: 2, at_risk: 3, overdue: 2 });
    expect(slaRows({ breached: [], at_risk: [item('X', 5, 'other'), item('N', 5, null)] }, null)).toHaveLength(2);
  });
  it('shows one row per ticket, with its worst target and how many more', () => {
    const t = (target: SlaItem['target'], remaining: number | null): SlaItem => ({ ...item('T', remaining), target });
    const rows = slaRows({ breached: [t('resolution', -30), t('first_reply', -900)], at_risk: [t('next_reply', 60)] }, null);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'breached', group: 'recent', others: 2, item: { target: 'first_reply' } });
    const risk = slaRows({ breached: [], at_risk: [t('resolution', 600), t('first_reply', 120)] }, null);
    expect(risk.map((r) => [r.state, r.item.target, r.others])).toEqual([['at_risk', 'first_reply', 1]]);
  });
  it('counts an SLA target down from its due time on the corrected client clock', () => {
    expect(remainingNow('2025-01-01T10:00:00.000Z', 2_000, Date.parse('2025-01-01T09:59:32.000Z'))).toBe(30);
    expect(remainingNow('2025-01-01T10:00:00.000Z', 0, Date.parse('2025-01-01T10:01:00.000Z'))).toBe(-60);
    expect(remainingNow(null, 0, 0)).toBeNull();
  });
  it('shows firing and acknowledged alerts of the board’s queues, critical and firing first', () => {
    const alerts = [
      alert({ id: 'w', severity: 'warning', scope: { queue: 'a' } }),
      alert({ id: 'c-ack', severity: 'critical', state: 'acknowledged', scope: { queue: 'a' } }),
      alert({ id: 'c', severity: 'critical', scope: { queue: 'a' } }),
      alert({ id: 'r', state: 'resolved' }),
      alert({ id: 'other', scope: { queue: 'b' } }),
      alert({ id: 'global', scope: {} }),
    ];
    expect(activeAlerts(alerts, ['a']).map((a) => a.id)).toEqual(['c', 'c-ack', 'global', 'w']);
  });
  it('carries queue and agent alerts on the ticker, not one per ticket', () => {
    const alerts = [
      alert({ id: 'ticket', rule: 'sla_breach', scope: { queue: 'a', ticket_id: 'T-1' } }),
      alert({ id: 'pingpong', rule: 'ticket_pingpong', scope: { ticket_id: 'T-2' } }),
      alert({ id: 'rollup', rule: 'sla_breach', scope: { queue: 'a' } }),
      alert({ id: 'agent', rule: 'agent_stranded', severity: 'critical', scope: { agent_id: 'x' } }),
      alert({ id: 'wait', rule: 'queue_wait', scope: { queue: 'a' } }),
    ];
    expect(tickerAlerts(alerts, null).map((a) => a.id)).toEqual(['agent', 'rollup', 'wait']);
  });
  it('puts a suggestion into whole per-item lines with agent names, two at most and the rest counted', () => {
    const name = agentNamer([agent('a1', 'online', [], 'Ana'), agent('a2', 'online', [], 'Luis')]);
    const reassign = alert({
      rule: 'agent_stranded',
      suggestion: {
        action: 'reassign',
        items: [
          { kind: 'ticket', id: 'T-1', to_agent_ids: ['a2'] },
          { kind: 'chat', id: 'C-9' },
        ],
        from_agent_id: 'a1',
        to_agent_ids: ['a2', 'x9'],
      },
    });
    expect(tickerSuggestion(reassign, 'en', 'en', name)).toEqual({ lines: ['Ticket T-1 → Luis', 'Chat C-9 → Luis or x9'], more: null });
    expect(tickerSuggestion(reassign, 'es', 'es', name)).toEqual({ lines: ['Ticket T-1 → Luis', 'Chat C-9 → Luis o x9'], more: null });
    const move = alert({
      rule: 'rebalance',
      suggestion: { action: 'move_agent', items: [{ kind: 'agent', id: 'a2' }], from_queue: 'sales', to_queue: 'billing' },
    });
    expect(tickerSuggestion(move, 'en', 'en', name)).toEqual({ lines: ['Move Luis from sales to billing'], more: null });
    expect(tickerSuggestion(alert(), 'en', 'en', name)).toBeNull();
  });
  it('names queues by their display names and never cuts a line before the names it proposes', () => {
    const config: BoardConfigResponse = { time_zone: 'UTC', thresholds: { default: {}, byQueue: {} }, queue_names: { billing: 'Billing', sales: 'Sales' } };
    const queue = queueNamer(config);
    expect([queue('billing'), queue('vip'), queue('constructor')]).toEqual(['Billing', 'vip', 'constructor']);
    const name = agentNamer([]);
    const move = alert({
      rule: 'rebalance',
      suggestion: {
        action: 'move_agent',
        items: ['a1', 'a2', 'a3'].map((id) => ({ kind: 'agent' as const, id })),
        from_queue: 'sales',
        to_queue: 'billing',
        names: { a1: 'Ada Okafor', a2: 'Ben Tanaka', a3: 'Chloe Nilsen' },
      },
    });
    expect(tickerSuggestion(move, 'en', 'en', name, queue)).toEqual({
      lines: ['Move Ada Okafor, Ben Tanaka, and Chloe Nilsen from Sales to Billing'],
      more: null,
    });
    const many = alert({
      rule: 'agent_stranded',
      suggestion: {
        action: 'reassign',
        items: ['T-1', 'T-2', 'T-3', 'T-4', 'T-5'].map((id) => ({ kind: 'ticket' as const, id, queue: 'billing', to_agent_ids: ['y', 'z'] })),
        from_agent_id: 'x',
        to_agent_ids: ['y'],
        names: { x: 'Ana', y: 'Luis', z: 'Marta' },
      },
    });
    expect(tickerSuggestion(many, 'en', 'en', name, queue)).toEqual({
      lines: ['Ticket T-1 (Billing) → Luis or Marta', 'Ticket T-2 (Billing) → Luis or Marta'],
      more: 'and 3 more',
    });
    expect(tickerSuggestion(many, 'es', 'es', name, queue)).toEqual({
      lines: ['Ticket T-1 (Billing) → Luis o Marta', 'Ticket T-2 (Billing) → Luis o Marta'],
      more: 'y 3 más',
    });
  });
});

describe('sparklines', () => {
  it('takes one point per minute of a scope, stacking abandons on answers', () => {
    const trend = {
      at: '',
      minutes: ['2025-01-01T10:00:00.000Z', '2025-01-01T10:01:00.000Z'],
      series: { 'q:a': [win({ answered: 3, abandoned: 1, service_level_pct: 75 }), win()] },
    };
    expect(sparkPoints(trend, 'q:a', 'offered').map((p) => [p.v, p.w])).toEqual([
      [3, 1],
      [0, 0],
    ]);
    expect(sparkPoints(trend, 'q:a', 'service_level').map((p) => p.v)).toEqual([75, null]);
    expect(sparkPoints(trend, 'q:none', 'offered').map((p) => p.v)).toEqual([0, 0]);
  });

  it("finds a queue's and a channel's points under the live-state model's scopes", () => {
    const trend = {
      at: '',
      minutes: ['2025-01-01T10:00:00.000Z'],
      series: { [queueScope('billing')]: [win({ answered: 4 })], [channelScope('voice')]: [win({ answered: 2, abandoned: 1 })] },
    };
    const tiles = [
      { kind: 'queue' as const, name: 'billing', metrics: scope() },
      { kind: 'channel' as const, name: 'voice', metrics: scope() },
    ];
    const table = sparkTable(trend, tiles, 'offered');
    expect([...table.keys()]).toEqual(['q:billing', 'c:voice']);
    expect(tiles.map((t) => table.get(scopeKey(t))?.map((p) => [p.v, p.w]))).toEqual([[[4, 0]], [[2, 1]]]);
  });
});

describe('messages', () => {
  it('has every English label in Spanish too', () => {
    const shape = (m: object): string[] =>
      Object.entries(m)
        .flatMap(([k, v]) => (typeof v === 'object' ? shape(v).map((s) => `${k}.${s}`) : [k]))
        .sort();
    expect(shape(es)).toEqual(shape(en));
  });
});

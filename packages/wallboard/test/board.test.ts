// The board's derivations: threshold levels, layout, panels, agent/SLA/alert lists and sparkline points.
import { describe, expect, it } from 'vitest';
import type { AgentView, SlaItem } from '@pulse/contracts';
import { bestGrid, listCapacity, pageCount, tileDensity } from '../src/board/layout.ts';
import { levelOf, thresholdsFor, worstLevel, type BoardConfigResponse } from '../src/board/levels.ts';
import { panelGrid } from '../src/board/panelGrid.ts';
import { agentList } from '../src/board/agents.ts';
import { remainingNow, slaRows } from '../src/board/sla.ts';
import { activeAlerts, agentNamer, suggestionText } from '../src/board/alerts.ts';
import { sparkPoints } from '../src/board/trend.ts';
import { pageAt } from '../src/hooks/usePage.ts';
import { boardAt } from '../src/hooks/useRotation.ts';
import { en, es } from '../src/i18n/messages.ts';
import { alert, win } from './fixtures.ts';

describe('levels', () => {
  const above = { amber: 5, red: 10, direction: 'above' as const };
  const below = { amber: 80, red: 70, direction: 'below' as const };
  it('turns amber and red at the thresholds, in either direction; no value is neutral', () => {
    expect([4, 5, 9.9, 10, 50].map((v) => levelOf(above, v))).toEqual(['green', 'amber', 'amber', 'red', 'red']);
    expect([95, 80, 70.1, 70, 0].map((v) => levelOf(below, v))).toEqual(['green', 'amber', 'amber', 'red', 'red']);
    expect(levelOf(above, null)).toBe('neutral');
    expect(levelOf(undefined, 3)).toBe('neutral');
  });
  it('uses a queue’s own thresholds over the defaults', () => {
    const config: BoardConfigResponse = { time_zone: 'UTC', thresholds: { default: { waiting: above, csat_pct: below }, byQueue: { vip: { waiting: { amber: 1, red: 2, direction: 'above' } } } } };
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
    expect(tileDensity(18, 10)).toBe('compact');
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
  id, name, status, status_since: null, queues, active_chats: 0, chat_capacity: 3, load_pct: 0, open_tickets: 0, handled_today: 0, timeline: [],
});
const item = (ticket_id: string, remaining_s: number | null, queue: string | null = 'q'): SlaItem => ({
  ticket_id, target: 'first_reply', due_at: remaining_s === null ? null : '2025-01-01T10:00:00.000Z', remaining_s, queue, priority: 'urgent', agent_id: null,
});

describe('lists', () => {
  it('lists online then away agents of the board’s queues by name, and counts the offline', () => {
    const list = agentList([agent('3', 'away', ['a'], 'Zoe'), agent('1', 'online', ['a'], 'Mia'), agent('2', 'offline', ['a']), agent('4', 'online', ['b'], 'Al'), agent('5', 'online', ['a', 'b'], 'Bo')], ['a']);
    expect(list.listed.map((a) => a.name)).toEqual(['Bo', 'Mia', 'Zoe']);
    expect([list.online, list.away, list.offline]).toEqual([2, 1, 1]);
  });
  it('orders SLA rows: most overdue first, then least time left, paused last', () => {
    const rows = slaRows({ breached: [item('B1', -10), item('B2', -300)], at_risk: [item('R1', null), item('R2', 120), item('R3', 30), item('X', 5, 'other')] }, ['q']);
    expect(rows.map((r) => `${r.state}:${r.item.ticket_id}`)).toEqual(['breached:B2', 'breached:B1', 'at_risk:R3', 'at_risk:R2', 'at_risk:R1']);
    expect(slaRows({ breached: [], at_risk: [item('X', 5, 'other'), item('N', 5, null)] }, null)).toHaveLength(2);
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
  it('puts reassignment suggestions into words with agent names', () => {
    const name = agentNamer([agent('a1', 'online', [], 'Ana'), agent('a2', 'online', [], 'Luis')]);
    const reassign = alert({ rule: 'agent_stranded', suggestion: { action: 'reassign', items: [{ kind: 'ticket', id: 'T-1' }, { kind: 'chat', id: 'C-9' }], from_agent_id: 'a1', to_agent_ids: ['a2', 'x9'] } });
    expect(suggestionText(reassign, en, name)).toBe('Reassign T-1, C-9 from Ana to Luis, x9');
    expect(suggestionText(reassign, es, name)).toBe('Reasignar T-1, C-9 de Ana a Luis, x9');
    const move = alert({ rule: 'rebalance', suggestion: { action: 'move_agent', items: [{ kind: 'agent', id: 'a2' }], from_queue: 'sales', to_queue: 'billing' } });
    expect(suggestionText(move, en, name)).toBe('Move Luis from sales to billing');
    expect(suggestionText(alert(), en, name)).toBeNull();
  });
});

describe('sparklines', () => {
  it('takes one point per minute of a scope, stacking abandons on answers', () => {
    const trend = { at: '', minutes: ['2025-01-01T10:00:00.000Z', '2025-01-01T10:01:00.000Z'], series: { 'q:a': [win({ answered: 3, abandoned: 1, service_level_pct: 75 }), win()] } };
    expect(sparkPoints(trend, 'q:a', 'offered').map((p) => [p.v, p.w])).toEqual([[3, 1], [0, 0]]);
    expect(sparkPoints(trend, 'q:a', 'service_level').map((p) => p.v)).toEqual([75, null]);
    expect(sparkPoints(trend, 'q:none', 'offered').map((p) => p.v)).toEqual([0, 0]);
  });
});

describe('messages', () => {
  it('has every English label in Spanish too', () => {
    const shape = (m: object): string[] => Object.entries(m).flatMap(([k, v]) => (typeof v === 'object' ? shape(v).map((s) => `${k}.${s}`) : [k])).sort();
    expect(shape(es)).toEqual(shape(en));
  });
});

// Structural sharing of live snapshots: unchanged parts keep their identity (so memoized tiles and rows skip
// an update), changed parts are the new objects, and nothing of the new snapshot is lost.
import { describe, expect, it } from 'vitest';
import type { AgentView, Snapshot } from '@pulse/contracts';
import { shareLiveData, shareSnapshot } from '../src/live/share.ts';
import { alert, scope, snap, win } from './fixtures.ts';

const agent = (id: string, active = 0): AgentView => ({
  id,
  name: id,
  status: 'online',
  status_since: '2025-01-01T09:00:00.000Z',
  queues: ['a'],
  active_chats: active,
  chat_capacity: 3,
  load_pct: (100 * active) / 3,
  open_tickets: 0,
  handled_today: 0,
  timeline: [{ status: 'online', at: '2025-01-01T09:00:00.000Z' }],
});
const copy = (s: Snapshot): Snapshot => JSON.parse(JSON.stringify(s));

describe('snapshot sharing', () => {
  const before = snap(
    { a: scope({ waiting: 1 }), b: scope({ waiting: 2, windows: { '15m': win({ answered: 3 }), '60m': win(), today: win() } }) },
    {
      agents: [agent('x'), agent('y')],
      alerts: [alert()],
      sla: { breached: [], at_risk: [{ ticket_id: 't', target: 'first_reply', due_at: 'd', remaining_s: 60, queue: 'a', priority: 'high', agent_id: null }] },
    },
  );

  it('keeps every unchanged part of an equal snapshot', () => {
    const after = shareSnapshot(before, copy(before));
    expect(after.queues).toBe(before.queues);
    expect(after.agents).toBe(before.agents);
    expect(after.alerts).toBe(before.alerts);
    expect(after.sla).toBe(before.sla);
    expect(after.overall).toBe(before.overall);
  });

  it('replaces only what changed', () => {
    const next = copy(before);
    next.at = '2025-01-01T10:00:01.000Z';
    next.queues.b!.windows['15m'].answered = 4;
    next.agents[1] = agent('y', 2);
    next.sla.at_risk[0]!.remaining_s = 59;
    const after = shareSnapshot(before, next);
    expect(after.at).toBe(next.at);
    expect(after.queues).not.toBe(before.queues);
    expect(after.queues.a).toBe(before.queues.a);
    expect(after.queues.b).toBe(next.queues.b);
    expect(after.agents[0]).toBe(before.agents[0]);
    expect(after.agents[1]!.active_chats).toBe(2);
    expect(after.sla.at_risk[0]!.remaining_s).toBe(59);
    expect(after.alerts).toBe(before.alerts);
    expect(JSON.parse(JSON.stringify(after))).toEqual(next);
  });

  it('sees a figure that was null get a value, and a value become null, as changes', () => {
    const next = copy(before);
    next.queues.b!.windows['15m'].asa_s = 12; // null → a number: typeof null is 'object', yet it is a value
    next.queues.a!.utilization_pct = 50;
    next.overall.windows.today.csat_pct = 80;
    next.sla.at_risk[0]!.agent_id = 'x';
    const after = shareSnapshot(before, next);
    expect(after.queues.b).toBe(next.queues.b);
    expect(after.queues.b!.windows['15m'].asa_s).toBe(12);
    expect(after.queues.a!.utilization_pct).toBe(50);
    expect(after.overall.windows.today.csat_pct).toBe(80);
    expect(after.sla.at_risk[0]!.agent_id).toBe('x');
    const back = shareSnapshot(after, copy(before));
    expect(back.queues.b!.windows['15m'].asa_s).toBeNull();
    expect(back.queues.a!.utilization_pct).toBeNull();
    expect(back.overall.windows.today.csat_pct).toBeNull();
    expect(back.sla.at_risk[0]!.agent_id).toBeNull();
  });

  it('notices queues, agents and alerts coming and going', () => {
    const next = copy(before);
    delete next.queues.a;
    next.agents.pop();
    next.alerts = [];
    const after = shareSnapshot(before, next);
    expect(Object.keys(after.queues)).toEqual(['b']);
    expect(after.agents).toHaveLength(1);
    expect(after.alerts).toEqual([]);
  });

  it('is react-query’s structural sharing for LiveData, taking the new arrival time', () => {
    const data = shareLiveData({ snapshot: before, receivedAt: 1 }, { snapshot: copy(before), receivedAt: 2 });
    expect(data.receivedAt).toBe(2);
    expect(data.snapshot.queues).toBe(before.queues);
    expect(shareLiveData(undefined, { snapshot: before, receivedAt: 3 }).snapshot).toBe(before);
  });

  it('passes a snapshot of an unexpected shape through instead of throwing', () => {
    const odd = { ...copy(before), sla: null } as unknown as Snapshot;
    expect(shareLiveData({ snapshot: before, receivedAt: 1 }, { snapshot: odd, receivedAt: 2 }).snapshot).toBe(odd);
  });
});

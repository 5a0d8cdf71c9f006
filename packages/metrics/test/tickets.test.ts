// Ticket, CSAT and agent metrics of SPEC §2 with hand-computed values.
import { describe, expect, it } from 'vitest';
import type { PulseEvent } from '@pulse/contracts';
import { DEFAULT_METRIC_SETTINGS, referenceSnapshot } from '../src/index.ts';

const T = Date.UTC(2026, 0, 5, 10, 30, 0); // Monday 10:30:00 UTC
const min = (m: number) => T + m * 60_000;
let n = 0;
const ev = (type: string, ts: number, fields: Record<string, unknown>) => ({ id: `t${n++}`, type, ts, ...fields }) as PulseEvent;
const create = (id: string, ts: number, extra: Record<string, unknown> = {}) =>
  ev('ticket.created', ts, { ticket_id: id, queue: 'support', channel: 'email', ...extra });
const reply = (id: string, ts: number, agent = 'a1') => ev('ticket.agent_replied', ts, { ticket_id: id, agent_id: agent });
const status = (id: string, ts: number, s: string) => ev('ticket.status_changed', ts, { ticket_id: id, status: s });
const assign = (id: string, ts: number, agent: string | null) => ev('ticket.assigned', ts, { ticket_id: id, agent_id: agent });

describe('ticket metrics', () => {
  const events = [
    create('t1', min(-40)), // unassigned, 40 min old
    create('t2', min(-20)), // unassigned, 20 min old
    create('t3', min(-30), { agent_id: 'a1' }),
    reply('t3', min(-28)), // FRT 120 s
    status('t3', min(-10), 'solved'), // solved by a1, one agent, never reopened → FCR
    create('t4', min(-50)),
    assign('t4', min(-49), 'a1'),
    reply('t4', min(-45)), // FRT 300 s
    assign('t4', min(-44), 'a2'), // reassignment
    status('t4', min(-8), 'solved'), // a second agent → not FCR
    create('t5', min(-12), { agent_id: 'a2' }),
    reply('t5', min(-11), 'a2'), // FRT 60 s
    status('t5', min(-9), 'solved'),
    status('t5', min(-7), 'open'), // reopened
    status('t5', min(-6), 'solved'), // solved again: a reopen → not FCR
    ev('csat.rated', min(-5), { ticket_id: 't3', rating: 2 }),
    ev('csat.rated', min(-4), { ticket_id: 't3', rating: 5 }), // latest rating counts: good
    ev('csat.rated', min(-3), { ticket_id: 't4', score: 'bad' }),
  ];

  it('counts unsolved and unassigned tickets and the oldest unassigned', async () => {
    const s = await referenceSnapshot(events, T, DEFAULT_METRIC_SETTINGS);
    expect(s.overall.unsolved_tickets).toBe(2); // t1, t2
    expect(s.overall.unassigned_tickets).toBe(2);
    expect(s.overall.oldest_unassigned_s).toBe(2400);
  });

  it('computes created, solved, first reply time (mean and nearest-rank p90), reassignments, FCR and CSAT', async () => {
    const s = await referenceSnapshot(events, T, DEFAULT_METRIC_SETTINGS);
    const w60 = s.overall.windows['60m'];
    expect(w60.created).toBe(5);
    expect(w60.solved).toBe(3); // t3, t4, t5 — t5 once, at its final solve
    expect(w60.frt_avg_s).toBe((120 + 300 + 60) / 3);
    expect(w60.frt_p90_s).toBe(300); // values 60, 120, 300: the smallest with ≥ 90 % at or below it
    expect(w60.reassignments).toBe(1);
    expect(w60.fcr_pct).toBe((100 * 1) / 3);
    expect(w60.csat_pct).toBe(50); // t3 good (latest), t4 bad
    expect(w60.csat_responses).toBe(2);
    // 15m (from 10:16): created t5 (10:18); solved t3 (10:20), t4 (10:22), t5 (10:24); FRT of t5 only
    const w15 = s.overall.windows['15m'];
    expect(w15.created).toBe(1);
    expect(w15.frt_avg_s).toBe(60);
    expect(w15.frt_p90_s).toBe(60);
  });

  it('shows agents open tickets and what they handled today', async () => {
    const withAgents = [
      ...events,
      ev('agent.status_changed', min(-60), { agent_id: 'a1', status: 'online', queues: ['support'] }),
      ev('agent.status_changed', min(-60), { agent_id: 'a2', status: 'online', queues: ['support'] }),
      create('t6', min(-2), { agent_id: 'a2' }),
    ];
    const s = await referenceSnapshot(withAgents, T, DEFAULT_METRIC_SETTINGS);
    const byId = Object.fromEntries(s.agents.map((a) => [a.id, a]));
    expect(byId.a1?.open_tickets).toBe(0);
    expect(byId.a1?.handled_today).toBe(1); // t3
    expect(byId.a2?.open_tickets).toBe(1); // t6
    expect(byId.a2?.handled_today).toBe(2); // t4 (assigned to a2 when solved), t5
  });
});

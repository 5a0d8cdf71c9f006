// SLA targets of SPEC §2, hand-computed: at risk at 25 % left, breached when due, met when fulfilled in
// time, a breach recorded once at its due moment, the resolution clock paused while pending, VIP targets,
// business hours across a weekend.
import { describe, expect, it } from 'vitest';
import type { PulseEvent } from '@pulse/contracts';
import { DEFAULT_METRIC_SETTINGS, DEFAULT_SLA_POLICY, referenceSnapshot, type MetricSettings } from '../src/index.ts';

const T = Date.UTC(2026, 0, 5, 10, 30, 0); // Monday 10:30:00 UTC
const min = (m: number) => T + m * 60_000;
let n = 0;
const ev = (type: string, ts: number, fields: Record<string, unknown>) => ({ id: `s${n++}`, type, ts, ...fields }) as PulseEvent;
const created = (ticket: string, ts: number, priority: string, extra: Record<string, unknown> = {}) =>
  ev('ticket.created', ts, { ticket_id: ticket, queue: 'support', channel: 'email', priority, ...extra });

describe('SLA targets in calendar time', () => {
  const events = [
    // A: urgent, no reply: first reply due after 15 min, at T−5 min → breached, 300 s overdue
    created('A', min(-20), 'urgent'),
    // B: high, replied after 40 min (met at T−10), then a customer reply at T−100 s opens next_reply (120 min)
    created('B', min(-50), 'high'),
    ev('ticket.agent_replied', min(-10), { ticket_id: 'B', agent_id: 'ag' }),
    ev('ticket.customer_replied', T - 100_000, { ticket_id: 'B' }),
    // C: normal, 200 min old without reply: first reply (240 min) at risk since 180 min, 40 min left
    created('C', min(-200), 'normal', { agent_id: 'ag' }),
    // D: urgent, pending after 10 min: the resolution clock is paused; first reply breached at T−45
    created('D', min(-60), 'urgent'),
    ev('ticket.status_changed', min(-50), { ticket_id: 'D', status: 'pending' }),
    // E: urgent VIP: half the targets, first reply due after 7.5 min → breached, 150 s overdue
    created('E', min(-10), 'urgent', { requester: { id: 'r1', tier: 'vip' } }),
    // F: low, solved after 25 min without a reply: resolution met at T−5; its first reply stops being tracked
    created('F', min(-30), 'low'),
    ev('ticket.status_changed', min(-5), { ticket_id: 'F', status: 'solved' }),
  ];

  it('lists breached targets, most overdue first, and targets at risk', async () => {
    const s = await referenceSnapshot(events, T, DEFAULT_METRIC_SETTINGS);
    expect(s.sla.breached).toEqual([
      {
        ticket_id: 'D',
        target: 'first_reply',
        due_at: new Date(min(-45)).toISOString(),
        remaining_s: -2700,
        queue: 'support',
        priority: 'urgent',
        agent_id: null,
      },
      {
        ticket_id: 'A',
        target: 'first_reply',
        due_at: new Date(min(-5)).toISOString(),
        remaining_s: -300,
        queue: 'support',
        priority: 'urgent',
        agent_id: null,
      },
      {
        ticket_id: 'E',
        target: 'first_reply',
        due_at: new Date(T - 150_000).toISOString(),
        remaining_s: -150,
        queue: 'support',
        priority: 'urgent',
        agent_id: null,
      },
    ]);
    expect(s.sla.at_risk).toEqual([
      {
        ticket_id: 'C',
        target: 'first_reply',
        due_at: new Date(min(40)).toISOString(),
        remaining_s: 2400,
        queue: 'support',
        priority: 'normal',
        agent_id: 'ag',
      },
    ]);
    expect(s.overall.sla_breached).toBe(3);
    expect(s.overall.sla_at_risk).toBe(1);
    expect(s.queues.support?.sla_breached).toBe(3);
    expect(s.channels.email?.sla_at_risk).toBe(1);
  });

  it('counts met and breached targets by the moment each was met or breached', async () => {
    const s = await referenceSnapshot(events, T, DEFAULT_METRIC_SETTINGS);
    // 15m (from 10:16): breaches of A (10:25) and E (10:27:30); met: B first reply (10:20), F resolution (10:25)
    expect(s.overall.windows['15m'].sla_achievement_pct).toBe(50);
    // 60m (from 09:31) adds D's breach at 09:45
    expect(s.overall.windows['60m'].sla_achievement_pct).toBe(40);
  });

  it('becomes at risk and breached as time passes, without any event', async () => {
    // C's first reply is due at T+40: at T+39 still at risk; at T+40 breached, recorded at its due moment
    const before = await referenceSnapshot(events, min(39), DEFAULT_METRIC_SETTINGS);
    expect(before.sla.at_risk.map((i) => i.ticket_id)).toContain('C');
    const after = await referenceSnapshot(events, min(40), DEFAULT_METRIC_SETTINGS);
    expect(after.sla.breached.find((i) => i.ticket_id === 'C')).toMatchObject({ remaining_s: 0 });
    expect(after.sla.at_risk.map((i) => i.ticket_id)).not.toContain('C');
  });

  it('records a breach once, at its due moment, even when the target is fulfilled later', async () => {
    const late = [...events, ev('ticket.agent_replied', min(2), { ticket_id: 'A', agent_id: 'ag' })];
    const s = await referenceSnapshot(late, min(3), DEFAULT_METRIC_SETTINGS);
    expect(s.sla.breached.map((i) => i.ticket_id)).not.toContain('A');
    // A's breach (10:25) stays and its late reply is no met: 15m from 10:19 → breached A, E; met B (10:20), F (10:25)
    expect(s.overall.windows['15m'].sla_achievement_pct).toBe(50);
  });

  it('pauses the resolution clock while pending and resumes it after', async () => {
    // D: 10 min ran before pending (T−50); back to open at T: 230 min left → due T+230, at risk from T+170
    const resumed = [...events, ev('ticket.status_changed', T, { ticket_id: 'D', status: 'open' })];
    const s = await referenceSnapshot(resumed, min(171), DEFAULT_METRIC_SETTINGS);
    expect(s.sla.at_risk.find((i) => i.ticket_id === 'D' && i.target === 'resolution')).toMatchObject({
      due_at: new Date(min(230)).toISOString(),
      remaining_s: 59 * 60,
    });
  });

  it('takes tighter VIP targets and per-queue policies from the settings', async () => {
    const settings: MetricSettings = {
      ...DEFAULT_METRIC_SETTINGS,
      sla: {
        default: DEFAULT_SLA_POLICY,
        byQueue: { vip: { ...DEFAULT_SLA_POLICY, targets: { ...DEFAULT_SLA_POLICY.targets, normal: { first_reply: 5, next_reply: 10, resolution: 60 } } } },
      },
    };
    const s = await referenceSnapshot([ev('ticket.created', min(-6), { ticket_id: 'Q', queue: 'vip', channel: 'web' })], T, settings);
    expect(s.sla.breached).toEqual([
      { ticket_id: 'Q', target: 'first_reply', due_at: new Date(min(-1)).toISOString(), remaining_s: -60, queue: 'vip', priority: 'normal', agent_id: null },
    ]);
  });
});

describe('SLA targets in business hours', () => {
  const settings: MetricSettings = {
    ...DEFAULT_METRIC_SETTINGS,
    sla: {
      default: {
        ...DEFAULT_SLA_POLICY,
        calendar: {
          kind: 'business',
          hours: {
            timeZone: 'Europe/Madrid',
            week: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']], thu: [['09:00', '17:00']], fri: [['09:00', '17:00']] },
            holidays: ['2026-01-06'],
          },
        },
      },
      byQueue: {},
    },
  };
  // Friday 2026-01-02 16:50 in Madrid (UTC+1) = 15:50Z: an urgent ticket (first reply 15 business minutes)
  const fri = Date.UTC(2026, 0, 2, 15, 50);
  const events = [ev('ticket.created', fri, { ticket_id: 'W', queue: 'support', channel: 'email', priority: 'urgent' })];

  it('counts only business minutes: across the weekend the first reply is due Monday 09:05', async () => {
    const sat = await referenceSnapshot(events, Date.UTC(2026, 0, 3, 11, 0), settings);
    expect(sat.sla.breached).toEqual([]);
    expect(sat.sla.at_risk).toEqual([]);
    // 11.25 min used at Monday 09:01:15 (08:01:15Z): at risk from then, due at 09:05 (08:05Z)
    const mon = await referenceSnapshot(events, Date.UTC(2026, 0, 5, 8, 2), settings);
    expect(mon.sla.at_risk).toEqual([
      { ticket_id: 'W', target: 'first_reply', due_at: '2026-01-05T08:05:00.000Z', remaining_s: 180, queue: 'support', priority: 'urgent', agent_id: null },
    ]);
    const late = await referenceSnapshot(events, Date.UTC(2026, 0, 5, 8, 6), settings);
    expect(late.sla.breached.map((i) => i.due_at)).toEqual(['2026-01-05T08:05:00.000Z']);
  });

  it('skips a holiday: a Monday ticket at 16:55 is due on Wednesday after Tuesday 6 January', async () => {
    const mon = Date.UTC(2026, 0, 5, 15, 55); // 16:55 Madrid
    const s = await referenceSnapshot(
      [ev('ticket.created', mon, { ticket_id: 'H', queue: 'support', channel: 'email', priority: 'urgent' })],
      Date.UTC(2026, 0, 7, 9, 0),
      settings,
    );
    // 5 min on Monday, Tuesday is a holiday, 10 min on Wednesday from 09:00 → due 09:10 Madrid (08:10Z)
    expect(s.sla.breached[0]).toMatchObject({ ticket_id: 'H', due_at: '2026-01-07T08:10:00.000Z' });
  });

  it('counts real minutes on the day the clocks change (Madrid springs forward on Sunday 29 March 2026)', async () => {
    const daily = {
      ...settings,
      sla: {
        ...settings.sla,
        default: {
          ...settings.sla.default,
          calendar: {
            kind: 'business' as const,
            hours: {
              timeZone: 'Europe/Madrid',
              holidays: [],
              week: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['09:00', '17:00']]])),
            },
          },
        },
      },
    };
    // normal priority, first reply 240 min: created Saturday 15:00 (+01:00 = 14:00Z); 2 h left that day,
    // 2 h on Sunday from 09:00 local, which is now +02:00 (07:00Z) → due Sunday 11:00 local = 09:00Z
    const sat = Date.UTC(2026, 2, 28, 14, 0);
    const s = await referenceSnapshot(
      [ev('ticket.created', sat, { ticket_id: 'D1', queue: 'support', channel: 'web' })],
      Date.UTC(2026, 2, 29, 12, 0),
      daily as MetricSettings,
    );
    expect(s.sla.breached.find((i) => i.ticket_id === 'D1' && i.target === 'first_reply')?.due_at).toBe('2026-03-29T09:00:00.000Z');
  });
});

// Alerts end to end (SPEC §4), through a real server on a real Redis, delivered to a real local webhook:
// `for` durations in the state's own time with their defaults, clearing that must hold as long, SLA roll-ups
// per queue (delivered when they open, worsen by the step, clear), a breach superseding its at-risk entry,
// paused clocks, quiet old events, snoozes, silences, acknowledgements with notes, history in ClickHouse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocal, type Alert, type Silence } from '@pulse/contracts';
import { verify } from '../../packages/server/src/alerts/notify/signature.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';

const SECRET = 'test-webhook-secret';
const ZONE = 'Europe/Madrid';
let t: TestPulse;
let hook: Receiver;
/** when the file started: the delayed conditions below are measured from their events' times */
let t0 = 0;
const FQ_REQUESTED = () => t0 - 58_000; // waits past 2 × T (4 s) at t0 − 54 s: its 60 s `for` ends at t0 + 6 s
const DAN_OFFLINE = () => t0 - 100_000; // agent_stranded's 120 s `for` ends at t0 + 20 s

beforeAll(async () => {
  hook = await startReceiver();
  t = await startTestPulse({
    timeZone: ZONE,
    publicUrl: 'http://board.test/?token=viewer',
    queueNames: { wq: 'Web queue' },
    helpdeskLinkTemplate: 'https://acme.zendesk.com/agent/tickets/{id}',
    live: { serviceLevelSeconds: { wq: 2, fq: 2 } }, // queue_wait at 4 s (warning) and 12 s (critical)
    alerts: {
      evaluateIntervalMs: 200,
      groupWindowMs: 300,
      escalateAfterMs: 1500,
      delivery: { baseDelayMs: 100, maxDelayMs: 400 },
      channels: [{ type: 'webhook', name: 'ops-hook', url: hook.url, secret: SECRET }],
    },
  });
  t0 = Date.now();
  await postEvents(t.url, [
    { id: 'f-ag', type: 'agent.status_changed', ts: t0 - 600_000, agent_id: 'ag-fq', status: 'online', queues: ['fq'], name: 'Fatima' },
    { id: 'f-c1', type: 'chat.requested', ts: FQ_REQUESTED(), chat_id: 'fc1', queue: 'fq' },
    { id: 'd-on', type: 'agent.status_changed', ts: t0 - 600_000, agent_id: 'dan', status: 'online', queues: ['dq'], name: 'Dan Ochoa' },
    { id: 'd-t1', type: 'ticket.created', ts: t0 - 300_000, ticket_id: 'dt1', queue: 'dq', channel: 'email', priority: 'low', agent_id: 'dan' },
    { id: 'd-off', type: 'agent.status_changed', ts: DAN_OFFLINE(), agent_id: 'dan', status: 'offline' },
  ]);
});
afterAll(async () => {
  await t?.close();
  await hook?.close();
});

const alerts = async (state?: string): Promise<Alert[]> => (await getJson(t.url, `/v1/alerts${state ? `?state=${state}` : ''}`)).body.alerts;
const find = async (rule: string, pred: (a: Alert) => boolean = () => true) => (await alerts()).find((a) => a.rule === rule && pred(a));
const byId = async (id: string) => (await alerts()).find((a) => a.id === id);
const delivered = () => hook.received.filter((r) => r.status === 200).flatMap((r) => JSON.parse(r.body).changes as { event: string; alert: Alert }[]);
const eventsOf = (id: string) =>
  delivered()
    .filter((c) => c.alert.id === id)
    .map((c) => c.event);
/** …leaving out escalations (critical alerts unacknowledged for 1.5 s here) */
const notEscalated = (id: string) => eventsOf(id).filter((e) => e !== 'escalated');
const post = (path: string, token: string, body?: unknown) =>
  fetch(`${t.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const urgentTicket = (id: string, queue: string, createdAt: number, extra: Record<string, unknown> = {}) => ({
  id: `e-${id}`,
  type: 'ticket.created',
  ts: createdAt,
  ticket_id: id,
  queue,
  channel: 'email',
  priority: 'urgent',
  ...extra,
});

describe('`for`: a condition fires once it has held for its rule’s duration, in the state’s own time', () => {
  it('fires queue_wait at once for a wait that passed 2 × T more than 60 s ago, and later for one that has not yet', async () => {
    const now = Date.now();
    await postEvents(t.url, [
      { id: 'w-a1', type: 'agent.status_changed', ts: now - 600_000, agent_id: 'ag-wq', status: 'online', queues: ['wq'], name: 'Wendy' },
      { id: 'w-a2', type: 'agent.status_changed', ts: now - 600_000, agent_id: 'ag-idle', status: 'online', queues: ['spare'], name: 'Ivan' },
      { id: 'w-c1', type: 'chat.requested', ts: now - 70_000, chat_id: 'wc1', queue: 'wq' },
    ]);
    const warning = await eventually(
      () => find('queue_wait', (a) => a.scope.queue === 'wq'),
      (a) => a !== undefined,
      5000,
    );
    expect(warning).toMatchObject({
      severity: 'warning',
      state: 'firing',
      threshold: 4,
      scope: { queue: 'wq' },
      since: new Date(now - 70_000 + 4000).toISOString(),
    });
    expect(Date.parse(warning!.started_at) - now).toBeLessThan(2000);
    expect(warning!.title).toMatch(/^Long wait in Web queue: 1 min 1\d s$/);
    expect(warning!.message).toContain(`1 waiting in Web queue, the longest since ${formatLocal(now - 70_000, { lang: 'en', timeZone: ZONE, now })} (1 min 1`);

    // fq's chat passed 4 s at t0 − 54 s: nothing before t0 + 6 s, then queue_wait at that moment
    const fq = await eventually(
      () => find('queue_wait', (a) => a.scope.queue === 'fq'),
      (a) => a !== undefined,
      15_000,
    );
    const due = FQ_REQUESTED() + 4000 + 60_000;
    expect(Date.parse(fq!.started_at) - due).toBeGreaterThanOrEqual(0);
    expect(Date.parse(fq!.started_at) - due).toBeLessThan(1500);
    expect(Math.abs(Date.parse(fq!.since!) - (FQ_REQUESTED() + 4000))).toBeLessThanOrEqual(1);

    // wq's wait passes 6 × T (12 s) plus the 60 s `for` at 72 s: critical; the idle agent of 'spare' is suggested
    const critical = await eventually(
      () => byId(warning!.id),
      (a) => a?.severity === 'critical',
      10_000,
    );
    expect(critical!.threshold).toBe(12);
    const rebalance = await eventually(
      () => find('rebalance', (a) => a.scope.queue === 'wq'),
      (a) => a !== undefined,
    );
    expect(rebalance!.suggestion).toEqual({
      action: 'move_agent',
      items: [{ kind: 'agent', id: 'ag-idle' }],
      from_queue: 'spare',
      to_queue: 'wq',
      names: { 'ag-idle': 'Ivan' },
      queue_names: { wq: 'Web queue' },
    });
    expect(rebalance!.title).toBe('Move idle agents from spare to Web queue');

    // unacknowledged for 1.5 s: escalated, once; every delivery signed
    const escalated = await eventually(
      () => byId(warning!.id),
      (a) => a?.escalated_at != null,
      5000,
    );
    expect(Date.parse(escalated!.escalated_at!) - Date.parse(critical!.fired_at!)).toBeGreaterThanOrEqual(1500);
    await eventually(
      async () => eventsOf(warning!.id),
      (e) => e.includes('escalated'),
    );
    expect(eventsOf(warning!.id)).toEqual(['firing', 'firing', 'escalated']);
    for (const r of hook.received) expect(verify(SECRET, r.body, String(r.headers['x-signature']), Date.now())).toBe(true);
  });

  it('fires agent_stranded 120 s after the agent’s status change, not 120 s after Pulse heard of it', async () => {
    const dan = await eventually(
      () => find('agent_stranded', (a) => a.scope.agent_id === 'dan'),
      (a) => a !== undefined,
      30_000,
    );
    const due = DAN_OFFLINE() + 120_000;
    expect(Date.parse(dan!.started_at) - due).toBeGreaterThanOrEqual(0);
    expect(Date.parse(dan!.started_at) - due).toBeLessThan(1500);
    expect(dan!.since).toBe(new Date(DAN_OFFLINE()).toISOString());
  });
});

describe('clearing holds as long as `for` (no flapping)', () => {
  it('keeps a queue_wait alert through a short clearing and resolves it 60 s after the wait cleared for good', async () => {
    const alert = (await find('queue_wait', (a) => a.scope.queue === 'wq' && a.state === 'firing'))!;
    await postEvents(t.url, { id: 'w-c1a', type: 'chat.answered', ts: Date.now(), chat_id: 'wc1', agent_id: 'ag-wq' });
    const clearing = await eventually(
      () => byId(alert.id),
      (a) => a?.clearing_since != null,
      5000,
    );
    expect(clearing!.state).toBe('firing');
    await sleep(3000);
    expect((await byId(alert.id))!.state).toBe('firing');

    // the wait is back within the 60 s: the same alert goes on, nothing is delivered again
    await postEvents(t.url, { id: 'w-c2', type: 'chat.requested', ts: Date.now() - 30_000, chat_id: 'wc2', queue: 'wq' });
    await eventually(
      () => byId(alert.id),
      (a) => a?.clearing_since === null,
      5000,
    );
    const answered = Date.now();
    await postEvents(t.url, { id: 'w-c2a', type: 'chat.answered', ts: answered, chat_id: 'wc2', agent_id: 'ag-wq' });
    await sleep(55_000);
    expect((await byId(alert.id))!.state).toBe('firing');
    const resolved = await eventually(
      () => byId(alert.id),
      (a) => a?.state === 'resolved',
      10_000,
    );
    expect(Date.parse(resolved!.resolved_at!) - answered).toBeGreaterThanOrEqual(60_000);
    expect(Date.parse(resolved!.resolved_at!) - answered).toBeLessThan(62_000);
    await eventually(
      async () => eventsOf(alert.id),
      (e) => e.includes('resolved'),
    );
    expect(eventsOf(alert.id)).toEqual(['firing', 'firing', 'escalated', 'resolved']);
    expect((await alerts()).filter((a) => a.rule === 'queue_wait' && a.scope.queue === 'wq')).toHaveLength(1);
  }, 90_000);
});

describe('agent_stranded in people’s words, with a suggestion per item, and "Resolve" as a snooze', () => {
  it('names the agent, the local time and whom to give each ticket to', async () => {
    const now = Date.now();
    const offline = now - 125_000;
    await postEvents(t.url, [
      { id: 'c-on', type: 'agent.status_changed', ts: now - 3600_000, agent_id: 'agent-021', status: 'online', queues: ['returns'], name: 'Chloe Martin' },
      { id: 'c-ana', type: 'agent.status_changed', ts: now - 3600_000, agent_id: 'agent-011', status: 'online', queues: ['returns'], name: 'Ana Ruiz' },
      { id: 'c-bo', type: 'agent.status_changed', ts: now - 3600_000, agent_id: 'agent-017', status: 'online', queues: ['sales'], name: 'Bo Li' },
      { id: 'c-t1', type: 'ticket.created', ts: now - 1800_000, ticket_id: 'rt1', queue: 'returns', channel: 'email', priority: 'low', agent_id: 'agent-021' },
      { id: 'c-off', type: 'agent.status_changed', ts: offline, agent_id: 'agent-021', status: 'offline' },
    ]);
    const a = await eventually(
      () => find('agent_stranded', (x) => x.scope.agent_id === 'agent-021'),
      (x) => x !== undefined,
      5000,
    );
    expect(a!.title).toBe('Chloe Martin is offline holding 1 ticket with open SLA targets');
    expect(a!.message).toMatch(
      new RegExp(
        `^Chloe Martin has been offline since ${formatLocal(offline, { lang: 'en', timeZone: ZONE, now })} \\(2 min \\d+ s ago\\) holding 1 ticket with open SLA targets\\.$`,
      ),
    );
    expect(a!.suggestion).toEqual({
      action: 'reassign',
      items: [{ kind: 'ticket', id: 'rt1', queue: 'returns', to_agent_ids: ['agent-011'], url: 'https://acme.zendesk.com/agent/tickets/rt1' }],
      from_agent_id: 'agent-021',
      to_agent_ids: ['agent-011'],
      names: { 'agent-021': 'Chloe Martin', 'agent-011': 'Ana Ruiz' },
    });
    expect(`${a!.title} ${a!.message}`).not.toMatch(/agent-0|T\d\d:\d\d:\d\d/);
  });

  it('snoozes instead of resolving while the agent is still offline, and fires again when the snooze ends', async () => {
    const a = (await find('agent_stranded', (x) => x.scope.agent_id === 'agent-021'))!;
    expect((await post(`/v1/alerts/${a.id}/resolve`, TOKENS.viewer)).status).toBe(403);
    const before = Date.now();
    const res = await post(`/v1/alerts/${a.id}/resolve`, TOKENS.lead);
    expect(res.status).toBe(200);
    const snoozed = (await res.json()) as Alert;
    expect(snoozed).toMatchObject({ state: 'snoozed', snoozed_by: 'lead', acknowledged_by: 'lead', resolved_at: null });
    expect(Date.parse(snoozed.snoozed_until!) - before).toBeGreaterThanOrEqual(15 * 60_000);
    expect(Date.parse(snoozed.snoozed_until!) - before).toBeLessThan(15 * 60_000 + 2000);
    // not on the boards while snoozed
    expect(((await getJson(t.url, '/v1/live')).body.alerts as Alert[]).some((x) => x.id === a.id)).toBe(false);

    const hour = (await (await post(`/v1/alerts/${a.id}/snooze`, TOKENS.lead, { until: '1h' })).json()) as Alert;
    expect(Date.parse(hour.snoozed_until!) - Date.now()).toBeGreaterThan(3600_000 - 2000);
    const settings = (await getJson(t.url, '/v1/alerts/settings')).body;
    const shift = (await (await post(`/v1/alerts/${a.id}/snooze`, TOKENS.lead, { until: 'shift' })).json()) as Alert;
    expect(shift.snoozed_until).toBe(settings.shift_end);
    expect((await post(`/v1/alerts/${a.id}/snooze`, TOKENS.lead, { until: 'tomorrow-ish' })).status).toBe(400);

    const end = Date.now() + 2000;
    expect((await post(`/v1/alerts/${a.id}/snooze`, TOKENS.lead, { until: new Date(end).toISOString() })).status).toBe(200);
    const again = await eventually(
      () => byId(a.id),
      (x) => x?.state === 'firing',
      6000,
    );
    expect(Date.parse(again!.fired_at!) - end).toBeGreaterThanOrEqual(0);
    expect(again).toMatchObject({ snoozed_until: null, acknowledged_by: null });
    await eventually(
      async () => eventsOf(a.id),
      (e) => e.filter((x) => x === 'firing').length === 2,
    );
    expect(eventsOf(a.id)).toEqual(['firing', 'firing']);
  });

  it('resolves by hand once the condition has cleared', async () => {
    const a = (await find('agent_stranded', (x) => x.scope.agent_id === 'agent-021'))!;
    await postEvents(t.url, { id: 'c-back', type: 'agent.status_changed', ts: Date.now(), agent_id: 'agent-021', status: 'online' });
    await eventually(
      () => byId(a.id),
      (x) => x?.clearing_since != null,
      5000,
    );
    const r = (await (await post(`/v1/alerts/${a.id}/resolve`, TOKENS.lead)).json()) as Alert;
    expect(r.state).toBe('resolved');
    expect((await post(`/v1/alerts/${a.id}/resolve`, TOKENS.lead)).status).toBe(409);
  });
});

describe('agent_stranded counts only tickets whose SLA clock runs (SPEC §4: "tickets with unmet targets")', () => {
  it('says 3 for an agent away holding 3 running and 5 paused tickets, and raises nothing for one holding only paused tickets', async () => {
    const now = Date.now();
    const away = now - 125_000; // past agent_stranded's 120 s `for`: fires at once
    const running = ['sv-r1', 'sv-r2', 'sv-r3'];
    const paused = ['sv-p1', 'sv-p2', 'sv-p3', 'sv-p4', 'sv-p5'];
    const ticket = (id: string, agent: string) => ({
      id: `e-${id}`,
      type: 'ticket.created',
      ts: now - 3600_000,
      ticket_id: id,
      queue: 'bq',
      channel: 'email',
      priority: 'low',
      agent_id: agent,
    });
    // replied to, then pending: first reply met, resolution paused, no next reply owed
    const pause = (id: string, agent: string) => [
      ticket(id, agent),
      { id: `r-${id}`, type: 'ticket.agent_replied', ts: now - 3000_000, ticket_id: id, agent_id: agent },
      { id: `p-${id}`, type: 'ticket.status_changed', ts: now - 2900_000, ticket_id: id, status: 'pending' },
    ];
    await postEvents(t.url, [
      { id: 'sv-on', type: 'agent.status_changed', ts: now - 7200_000, agent_id: 'sven', status: 'online', queues: ['bq'], name: 'Sven Ferreira' },
      { id: 've-on', type: 'agent.status_changed', ts: now - 7200_000, agent_id: 'vera', status: 'online', queues: ['bq'], name: 'Vera Lind' },
      { id: 'bo-on', type: 'agent.status_changed', ts: now - 7200_000, agent_id: 'bea', status: 'online', queues: ['bq'], name: 'Bea Ortiz' },
      ...running.map((id) => ticket(id, 'sven')),
      ...paused.flatMap((id) => pause(id, 'sven')),
      ...['ve-p1', 've-p2'].flatMap((id) => pause(id, 'vera')),
      { id: 'sv-away', type: 'agent.status_changed', ts: away, agent_id: 'sven', status: 'away' },
      { id: 've-away', type: 'agent.status_changed', ts: away, agent_id: 'vera', status: 'away' },
    ]);
    const sven = await eventually(
      () => find('agent_stranded', (x) => x.scope.agent_id === 'sven'),
      (x) => x !== undefined,
      5000,
    );
    expect(sven).toMatchObject({ severity: 'critical', state: 'firing', value: 3, threshold: 0 });
    expect(sven!.title).toBe('Sven Ferreira is away holding 3 tickets with open SLA targets');
    expect(sven!.suggestion!.items.map((i) => i.id)).toEqual(running);
    expect(sven!.suggestion!.items.every((i) => i.to_agent_ids?.[0] === 'bea')).toBe(true);
    // both were evaluated together: Vera, holding only paused tickets, has no alert
    expect((await alerts()).filter((x) => x.rule === 'agent_stranded' && x.scope.agent_id === 'vera')).toEqual([]);
    // the board lists the agents' open tickets unchanged (8 and 2): only the alert looks at running clocks
    const agents = (await getJson(t.url, '/v1/live?queue=bq')).body.agents as { id: string; open_tickets: number }[];
    expect(
      agents
        .filter((a) => a.id !== 'bea')
        .map((a) => [a.id, a.open_tickets])
        .sort(),
    ).toEqual([
      ['sven', 8],
      ['vera', 2],
    ]);
  });
});

describe('SLA roll-ups', () => {
  it('rolls breaches of one queue into one alert, delivered when it opens, when it grows by 5 and when it clears', async () => {
    const created = Date.now() - 16 * 60_000;
    const ids = Array.from({ length: 13 }, (_, i) => `sq-${String(i).padStart(2, '0')}`);
    await postEvents(
      t.url,
      ids.slice(0, 6).map((id, i) => urgentTicket(id, 'sq', created - i * 1000)),
    );
    const a = await eventually(
      () => find('sla_breach', (x) => x.scope.queue === 'sq'),
      (x) => x?.items?.length === 6,
    );
    expect(a).toMatchObject({ severity: 'critical', state: 'firing', scope: { queue: 'sq' }, value: 6, notified_count: 6 });
    expect(a!.items!.map((i) => i.ticket_id)).toEqual(ids.slice(0, 6).reverse()); // most overdue first
    expect(a!.items![0]).toMatchObject({
      target: 'first_reply',
      due_at: new Date(created - 5000 + 15 * 60_000).toISOString(),
      url: 'https://acme.zendesk.com/agent/tickets/sq-05',
    });
    await eventually(
      async () => eventsOf(a!.id),
      (e) => e.length === 1,
    );

    await postEvents(
      t.url,
      ids.slice(6, 11).map((id) => urgentTicket(id, 'sq', created)),
    );
    await eventually(
      async () => eventsOf(a!.id),
      (e) => e.includes('worsened'),
    );
    await postEvents(
      t.url,
      ids.slice(11).map((id) => urgentTicket(id, 'sq', created)),
    );
    const thirteen = await eventually(
      () => byId(a!.id),
      (x) => x?.items?.length === 13,
    );
    expect(thirteen!.title).toMatch(/^sq: 13 first replies breached, oldest 1 min( \d+ s)?$/);
    expect(thirteen!.notified_count).toBe(11);
    await sleep(1000);
    expect(notEscalated(a!.id)).toEqual(['firing', 'worsened']);
    const worsened = delivered().find((c) => c.alert.id === a!.id && c.event === 'worsened')!;
    expect(worsened.alert.items).toHaveLength(11);

    // never one alert per ticket
    expect((await alerts()).filter((x) => x.rule.startsWith('sla_') && x.scope.ticket_id !== undefined)).toEqual([]);

    // replied (late): the breaches are fulfilled, the roll-up clears
    await postEvents(
      t.url,
      ids.map((id) => ({ id: `r-${id}`, type: 'ticket.agent_replied', ts: Date.now(), ticket_id: id, agent_id: 'ag-wq' })),
    );
    await eventually(
      () => byId(a!.id),
      (x) => x?.state === 'resolved',
    );
    await eventually(
      async () => eventsOf(a!.id),
      (e) => e.includes('resolved'),
    );
    expect(notEscalated(a!.id)).toEqual(['firing', 'worsened', 'resolved']);
  });

  it('moves an at-risk entry to the breach roll-up when it breaches: superseded, never resolved; paused clocks raise nothing', async () => {
    const now = Date.now();
    await postEvents(t.url, [
      urgentTicket('p-risk', 'pq', now - 15 * 60_000 + 4000), // at risk since 3 min 41 s ago, due in 4 s
      urgentTicket('p-paused', 'pq', now - 200 * 60_000, { agent_id: 'ag-wq' }),
      { id: 'pp-r', type: 'ticket.agent_replied', ts: now - 199 * 60_000, ticket_id: 'p-paused', agent_id: 'ag-wq' },
      { id: 'pp-p', type: 'ticket.status_changed', ts: now - 10 * 60_000, ticket_id: 'p-paused', status: 'pending' },
    ]);
    const risk = await eventually(
      () => find('sla_at_risk', (x) => x.scope.queue === 'pq'),
      (x) => x !== undefined,
      5000,
    );
    expect(risk!.items!.map((i) => [i.ticket_id, i.target])).toEqual([['p-risk', 'first_reply']]);
    const live = (await getJson(t.url, '/v1/live?queue=pq')).body;
    expect(live.sla.at_risk.map((i: { ticket_id: string }) => i.ticket_id)).toContain('p-paused'); // listed on the board, paused

    const superseded = await eventually(
      () => byId(risk!.id),
      (x) => x?.state === 'superseded',
      10_000,
    );
    const breach = (await find('sla_breach', (x) => x.scope.queue === 'pq'))!;
    expect(superseded).toMatchObject({ state: 'superseded', superseded_by: breach.id, resolved_at: null });
    expect(breach.items!.map((i) => i.ticket_id)).toEqual(['p-risk']);
    await eventually(
      async () => eventsOf(breach.id),
      (e) => e.includes('firing'),
    );
    expect(eventsOf(risk!.id)).toEqual(['firing']);
  });
});

describe('flaps', () => {
  it('holds an alert that fired again within 10 min of its predecessor’s end until it has been clear for 10 min', async () => {
    const atRisk = (id: string) => urgentTicket(id, 'flq', Date.now() - 12 * 60_000); // at risk, due in 3 min
    const reply = (id: string) => ({ id: `r-${id}`, type: 'ticket.agent_replied', ts: Date.now(), ticket_id: id, agent_id: 'ag-wq' });
    await postEvents(t.url, atRisk('fl-1'));
    const first = await eventually(
      () => find('sla_at_risk', (x) => x.scope.queue === 'flq'),
      (x) => x !== undefined,
      5000,
    );
    expect(first!.flaps).toBe(0);
    await postEvents(t.url, reply('fl-1'));
    await eventually(
      () => byId(first!.id),
      (x) => x?.state === 'resolved',
      5000,
    ); // `for` 0: at once

    await postEvents(t.url, atRisk('fl-2'));
    const second = await eventually(
      () => find('sla_at_risk', (x) => x.scope.queue === 'flq' && x.state === 'firing'),
      (x) => x !== undefined,
      5000,
    );
    expect(second!.flaps).toBe(1);
    await postEvents(t.url, reply('fl-2'));
    await eventually(
      () => byId(second!.id),
      (x) => x?.clearing_since != null,
      5000,
    );
    await sleep(3000);
    expect((await byId(second!.id))!.state).toBe('firing');
    // the next at-risk ticket continues the same alert: nothing fires or is delivered again
    await postEvents(t.url, atRisk('fl-3'));
    const again = await eventually(
      () => byId(second!.id),
      (x) => x?.items?.[0]?.ticket_id === 'fl-3',
      5000,
    );
    expect(again).toMatchObject({ state: 'firing', clearing_since: null });
    expect((await alerts()).filter((x) => x.rule === 'sla_at_risk' && x.scope.queue === 'flq')).toHaveLength(2);
    expect(eventsOf(second!.id)).toEqual(['firing']);
  });
});

describe('old events (replays, backfill) update state but never notify', () => {
  it('keeps quiet alerts for a replayed old ticket and an agent offline for days, and delivers the first fresh breach', async () => {
    const now = Date.now();
    await postEvents(t.url, [
      urgentTicket('old-1', 'oldq', now - 3 * 86_400_000),
      { id: 'o-on', type: 'agent.status_changed', ts: now - 4 * 86_400_000, agent_id: 'olga', status: 'online', queues: ['oldq'], name: 'Olga' },
      { id: 'o-t', type: 'ticket.created', ts: now - 4 * 86_400_000, ticket_id: 'old-2', queue: 'oldq', channel: 'email', priority: 'low', agent_id: 'olga' },
      { id: 'o-off', type: 'agent.status_changed', ts: now - 2 * 86_400_000, agent_id: 'olga', status: 'offline' },
    ]);
    const breach = await eventually(
      () => find('sla_breach', (x) => x.scope.queue === 'oldq'),
      (x) => x !== undefined,
      5000,
    );
    const stranded = await eventually(
      () => find('agent_stranded', (x) => x.scope.agent_id === 'olga'),
      (x) => x !== undefined,
      5000,
    );
    expect(breach).toMatchObject({ state: 'firing', quiet: true, notified: false });
    expect(breach!.items!.find((i) => i.ticket_id === 'old-1')!.quiet).toBe(true);
    expect(stranded).toMatchObject({ state: 'firing', quiet: true, notified: false });
    await sleep(1000);
    expect(eventsOf(breach!.id)).toEqual([]);
    expect(eventsOf(stranded!.id)).toEqual([]);

    await postEvents(t.url, urgentTicket('fresh-1', 'oldq', Date.now() - 16 * 60_000));
    await eventually(
      async () => eventsOf(breach!.id),
      (e) => e.length > 0,
    );
    expect(notEscalated(breach!.id)).toEqual(['firing']);
    const now2 = (await byId(breach!.id))!;
    expect(now2).toMatchObject({ quiet: false, notified: true, notified_count: 1 });
  });
});

describe('a breach that a fresh change puts in the past is news', () => {
  it('delivers a ticket whose priority was raised now past its target, and keeps quiet one raised days ago (a replay)', async () => {
    const now = Date.now();
    await postEvents(t.url, [
      // raised to urgent now: its first reply was due (urgent) long ago, but nobody could know before this change
      { id: 'x-c1', type: 'ticket.created', ts: now - 2 * 3600_000, ticket_id: 'esc-1', queue: 'escq', channel: 'email', priority: 'low' },
      { id: 'x-u1', type: 'ticket.updated', ts: now - 1000, ticket_id: 'esc-1', priority: 'urgent' },
      // the same story, replayed from three days ago
      { id: 'x-c2', type: 'ticket.created', ts: now - 3 * 86_400_000, ticket_id: 'esc-2', queue: 'escq', channel: 'email', priority: 'low' },
      { id: 'x-u2', type: 'ticket.updated', ts: now - 3 * 86_400_000 + 7200_000, ticket_id: 'esc-2', priority: 'urgent' },
    ]);
    const breach = await eventually(
      () => find('sla_breach', (x) => x.scope.queue === 'escq'),
      (x) => x !== undefined,
      5000,
    );
    // urgent: a first reply within 15 min and a resolution within 4 h (esc-1's resolution is not yet due)
    expect(breach!.items!.map((i) => [i.ticket_id, i.target, i.quiet ?? false])).toEqual([
      ['esc-2', 'first_reply', true],
      ['esc-2', 'resolution', true],
      ['esc-1', 'first_reply', false],
    ]);
    expect(breach).toMatchObject({ state: 'firing', quiet: false });
    await eventually(
      async () => eventsOf(breach!.id),
      (e) => e.length > 0,
    );
    expect(notEscalated(breach!.id)).toEqual(['firing']);
    expect(await byId(breach!.id)).toMatchObject({ notified: true, notified_count: 1 });
  });
});

describe('silences', () => {
  let silence: Silence;

  it('are added by leads with a reason and an end, and checked', async () => {
    const ends = Date.now() + 10 * 60_000;
    expect((await post('/v1/alerts/silences', TOKENS.viewer, { queue: 'silq', reason: 'x', ends_at: ends })).status).toBe(403);
    expect((await post('/v1/alerts/silences', TOKENS.lead, { reason: 'nothing to match', ends_at: ends })).status).toBe(400);
    expect((await post('/v1/alerts/silences', TOKENS.lead, { queue: 'silq', reason: 'past', ends_at: Date.now() - 1000 })).status).toBe(400);
    expect((await post('/v1/alerts/silences', TOKENS.lead, { queue: 'silq', ends_at: ends })).status).toBe(400);
    const res = await post('/v1/alerts/silences', TOKENS.lead, { queue: 'silq', reason: 'maintenance window', ends_at: new Date(ends).toISOString() });
    expect(res.status).toBe(201);
    silence = (await res.json()) as Silence;
    expect(silence).toMatchObject({ queue: 'silq', reason: 'maintenance window', ends_at: new Date(ends).toISOString(), created_by: 'lead' });
    expect(silence.id).toMatch(/^si_/);
    expect((await getJson(t.url, '/v1/alerts/silences', TOKENS.lead)).body.silences).toEqual([silence]);
    // the silence key expires at its end in Redis
    const { Redis } = await import('ioredis');
    const r = new Redis(t.redis.url);
    const pttl = await r.pttl(`pulse:alerts:silence:${silence.id}`);
    r.disconnect();
    expect(pttl).toBeGreaterThan(10 * 60_000 - 5000);
    expect(pttl).toBeLessThanOrEqual(10 * 60_000);
  });

  it('keep matching alerts but deliver nothing until removed; then the open alert is delivered', async () => {
    await postEvents(t.url, urgentTicket('sil-1', 'silq', Date.now() - 16 * 60_000));
    const a = await eventually(
      () => find('sla_breach', (x) => x.scope.queue === 'silq'),
      (x) => x !== undefined,
      5000,
    );
    expect(a).toMatchObject({ state: 'firing', silenced_by: [silence.id], notified: false });
    await sleep(1000);
    expect(eventsOf(a!.id)).toEqual([]);

    const del = await fetch(`${t.url}/v1/alerts/silences/${silence.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKENS.lead}` } });
    expect(del.status).toBe(204);
    expect((await fetch(`${t.url}/v1/alerts/silences/${silence.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKENS.lead}` } })).status).toBe(
      404,
    );
    expect((await getJson(t.url, '/v1/alerts/silences', TOKENS.lead)).body.silences).toEqual([]);
    await eventually(
      async () => eventsOf(a!.id),
      (e) => e.length > 0,
      5000,
    );
    expect(notEscalated(a!.id)).toEqual(['firing']);
  });

  it('match by agent and rule', async () => {
    const now = Date.now();
    const s = (await (
      await post('/v1/alerts/silences', TOKENS.lead, { agent_id: 'sam', rule: 'agent_stranded', reason: 'on leave', ends_at: now + 600_000 })
    ).json()) as Silence;
    await postEvents(t.url, [
      { id: 's-on', type: 'agent.status_changed', ts: now - 3600_000, agent_id: 'sam', status: 'online', queues: ['samq'], name: 'Sam' },
      { id: 's-t', type: 'ticket.created', ts: now - 600_000, ticket_id: 'st1', queue: 'samq', channel: 'email', priority: 'low', agent_id: 'sam' },
      { id: 's-off', type: 'agent.status_changed', ts: now - 130_000, agent_id: 'sam', status: 'away' },
    ]);
    const a = await eventually(
      () => find('agent_stranded', (x) => x.scope.agent_id === 'sam'),
      (x) => x !== undefined,
      5000,
    );
    expect(a!.silenced_by).toEqual([s.id]);
    await sleep(1000);
    expect(eventsOf(a!.id)).toEqual([]);
  });
});

describe('acknowledging', () => {
  it('records who, when and an optional note; one or many at once', async () => {
    const now = Date.now();
    await postEvents(t.url, [
      urgentTicket('k-1', 'kq1', now - 16 * 60_000),
      urgentTicket('k-2', 'kq2', now - 16 * 60_000),
      urgentTicket('k-3', 'kq3', now - 16 * 60_000),
    ]);
    const [a1, a2, a3] = await Promise.all(
      ['kq1', 'kq2', 'kq3'].map((q) =>
        eventually(
          () => find('sla_breach', (x) => x.scope.queue === q),
          (x) => x !== undefined,
          5000,
        ),
      ),
    );
    expect((await post(`/v1/alerts/${a1!.id}/ack`, TOKENS.viewer)).status).toBe(403);
    const res = await post(`/v1/alerts/${a1!.id}/ack`, TOKENS.lead, { note: 'Calling the customer back' });
    expect(res.status).toBe(200);
    const acked = (await res.json()) as Alert;
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledged_by: 'lead', ack_note: 'Calling the customer back' });
    expect(Math.abs(Date.parse(acked.acknowledged_at!) - Date.now())).toBeLessThan(5000);
    expect((await post(`/v1/alerts/${a1!.id}/ack`, TOKENS.lead)).status).toBe(409);
    expect((await post('/v1/alerts/al_nope/ack', TOKENS.lead)).status).toBe(404);
    expect((await post(`/v1/alerts/${a1!.id}/ack`, TOKENS.lead, { note: 'x'.repeat(1001) })).status).toBe(400);

    const bulk = await post('/v1/alerts/ack', TOKENS.lead, { ids: [a2!.id, a3!.id, 'al_nope'], note: 'on it' });
    expect(bulk.status).toBe(200);
    const { results } = (await bulk.json()) as { results: { ok: boolean; status?: number; alert?: Alert }[] };
    expect(results.map((r) => [r.ok, r.status ?? 200, r.alert?.state ?? null, r.alert?.ack_note ?? null])).toEqual([
      [true, 200, 'acknowledged', 'on it'],
      [true, 200, 'acknowledged', 'on it'],
      [false, 404, null, null],
    ]);
    // acknowledged: no escalation even after the escalation delay
    await sleep(1800);
    expect((await byId(a1!.id))!.escalated_at).toBeNull();
  });

  it('shows firing and acknowledged alerts in the live snapshot, never snoozed or resolved ones', async () => {
    const live = (await getJson(t.url, '/v1/live')).body.alerts as Alert[];
    expect(live.length).toBeGreaterThan(0);
    expect(new Set(live.map((a) => a.state))).toEqual(new Set(['firing', 'acknowledged']));
  });

  it('writes every change of an alert to ClickHouse', async () => {
    const a = (await find('sla_breach', (x) => x.scope.queue === 'kq1'))!;
    await post(`/v1/alerts/${a.id}/resolve`, TOKENS.lead, { until: '1h' });
    const rows = await eventually(
      async () => {
        const rs = await t.pulse.history!.query({
          query: 'SELECT event, state FROM pulse.alert_changes FINAL WHERE alert_id = {id:String} ORDER BY at, event',
          query_params: { id: a.id },
          format: 'JSONEachRow',
        });
        return rs.json<{ event: string; state: string }>();
      },
      (r) => r.length >= 3,
    );
    expect(rows).toEqual([
      { event: 'firing', state: 'firing' },
      { event: 'acknowledged', state: 'acknowledged' },
      { event: 'snoozed', state: 'snoozed' },
    ]);
  });
});

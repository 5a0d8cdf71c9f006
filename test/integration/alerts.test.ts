// Alerts end to end (SPEC §4): rules fire from live state, escalate, resolve by themselves; leads
// acknowledge and resolve; deliveries reach real local webhook, Slack and SMTP servers; history in ClickHouse.
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '@pulse/contracts';
import { verify } from '../../packages/server/src/alerts/notify/signature.ts';
import { freePort } from '../support/ports.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';

const SECRET = 'test-webhook-secret';
let t: TestPulse;
let hook: Receiver;
let slack: Receiver;
let smtp: SMTPServer;
const mails: { subject: string; text: string }[] = [];

beforeAll(async () => {
  hook = await startReceiver();
  slack = await startReceiver();
  const smtpPort = await freePort();
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        const subject = /^Subject: (.*)$/m.exec(raw)?.[1] ?? '';
        mails.push({ subject, text: raw });
        cb();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', () => r()));
  t = await startTestPulse({
    publicUrl: 'http://board.test/?token=viewer',
    live: { serviceLevelSeconds: { wq: 2 } }, // queue_wait at 4 s (warning) and 12 s (critical)
    alerts: {
      evaluateIntervalMs: 200,
      groupWindowMs: 300,
      escalateAfterMs: 1500,
      delivery: { baseDelayMs: 100, maxDelayMs: 400 },
      channels: [
        { type: 'webhook', name: 'ops-hook', url: hook.url, secret: SECRET },
        { type: 'slack', name: 'ops-slack', url: slack.url },
        { type: 'email', name: 'ops-mail', smtp: { host: '127.0.0.1', port: smtpPort }, from: 'pulse@test', to: ['lead@test'] },
      ],
    },
  });
});
afterAll(async () => {
  await t?.close();
  await hook?.close();
  await slack?.close();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
});

const alerts = async (state?: string): Promise<Alert[]> =>
  (await getJson(t.url, `/v1/alerts${state ? `?state=${state}` : ''}`)).body.alerts;
const find = async (rule: string, pred: (a: Alert) => boolean = () => true) => (await alerts()).find((a) => a.rule === rule && pred(a));
const hookChanges = () =>
  hook.received.filter((r) => r.status === 200).flatMap((r) => (JSON.parse(r.body).changes as { event: string; alert: Alert }[]));
const post = (path: string, token: string) => fetch(`${t.url}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

describe('a long wait: fire, escalate, suggest, resolve, deliver', () => {
  it('runs the whole lifecycle and delivers each step to every channel', async () => {
    const now = Date.now();
    await postEvents(t.url, [
      { id: 'w-a1', type: 'agent.status_changed', ts: now - 60_000, agent_id: 'ag-wq', status: 'online', queues: ['wq'], name: 'Wendy' },
      { id: 'w-a2', type: 'agent.status_changed', ts: now - 60_000, agent_id: 'ag-idle', status: 'online', queues: ['spare'], name: 'Ivan' },
      { id: 'w-c1', type: 'chat.requested', ts: now - 5_000, chat_id: 'wc1', queue: 'wq' },
    ]);
    const warning = await eventually(() => find('queue_wait', (a) => a.scope.queue === 'wq'), (a) => a !== undefined);
    expect(warning).toMatchObject({ severity: 'warning', state: 'firing', threshold: 4, scope: { queue: 'wq' } });

    // a second chat that has waited 13 s makes it critical, and the idle agent of 'spare' is suggested
    await postEvents(t.url, { id: 'w-c2', type: 'chat.requested', ts: Date.now() - 13_000, chat_id: 'wc2', queue: 'wq' });
    const critical = await eventually(() => find('queue_wait', (a) => a.id === warning!.id), (a) => a?.severity === 'critical');
    expect(critical!.threshold).toBe(12);
    const rebalance = await eventually(() => find('rebalance', (a) => a.scope.queue === 'wq'), (a) => a !== undefined);
    expect(rebalance!.suggestion).toEqual({ action: 'move_agent', items: [{ kind: 'agent', id: 'ag-idle' }], from_queue: 'spare', to_queue: 'wq' });

    // unacknowledged for 1.5 s: escalated, once
    const escalated = await eventually(() => find('queue_wait', (a) => a.id === warning!.id), (a) => a?.escalated_at != null, 5000);
    expect(Date.parse(escalated!.escalated_at!) - Date.parse(critical!.started_at)).toBeGreaterThanOrEqual(1500);

    // the chats are answered: both alerts resolve by themselves
    await postEvents(t.url, [
      { id: 'w-c1a', type: 'chat.answered', ts: Date.now(), chat_id: 'wc1', agent_id: 'ag-wq' },
      { id: 'w-c2a', type: 'chat.answered', ts: Date.now(), chat_id: 'wc2', agent_id: 'ag-wq' },
    ]);
    const resolved = await eventually(() => find('queue_wait', (a) => a.id === warning!.id), (a) => a?.state === 'resolved');
    expect(resolved!.resolved_at).not.toBeNull();
    await eventually(() => find('rebalance', (a) => a.id === rebalance!.id), (a) => a?.state === 'resolved');

    // the webhook got firing, escalated and resolved for it, each request signed
    const events = await eventually(
      async () => hookChanges().filter((c) => c.alert.id === warning!.id).map((c) => c.event),
      (e) => e.includes('resolved'),
    );
    expect(events).toEqual(['firing', 'firing', 'escalated', 'resolved']);
    for (const r of hook.received) {
      expect(verify(SECRET, r.body, String(r.headers['x-signature']), Date.now())).toBe(true);
    }
    expect(verify('wrong-secret', hook.received[0].body, String(hook.received[0].headers['x-signature']), Date.now())).toBe(false);

    // Slack: readable lines — what, where, how bad, the suggestion with names, a link to the board
    const slackText = await eventually(
      async () => slack.received.map((r) => JSON.stringify(JSON.parse(r.body))).join('\n'),
      (s) => s.includes('RESOLVED'),
    );
    expect(slackText).toContain('FIRING critical: Long wait in wq');
    expect(slackText).toContain('(queue wq)');
    expect(slackText).toContain('Suggest: move agent ag-idle from spare to wq');
    expect(slackText).toContain('<http://board.test/?token=viewer|Open the board>');
    // e-mail through SMTP
    await eventually(async () => mails.length, (n) => n > 0);
    expect(mails[0].subject).toMatch(/^\[Pulse\] \d+ alerts?/);
  });
});

describe('leads acknowledge and resolve', () => {
  it('records who acknowledged and when; refuses viewers; a resolved alert does not fire again while its condition holds', async () => {
    await postEvents(t.url, { id: 'k-t1', type: 'ticket.created', ts: Date.now() - 16 * 60_000, ticket_id: 'kt1', queue: 'kq', channel: 'email', priority: 'urgent' });
    const a = await eventually(() => find('sla_breach', (x) => x.scope.ticket_id === 'kt1'), (x) => x !== undefined);
    expect(a).toMatchObject({ severity: 'critical', state: 'firing', scope: { ticket_id: 'kt1', queue: 'kq' } });

    expect((await post(`/v1/alerts/${a!.id}/ack`, TOKENS.viewer)).status).toBe(403);
    const ack = await post(`/v1/alerts/${a!.id}/ack`, TOKENS.lead);
    expect(ack.status).toBe(200);
    const acked = (await ack.json()) as Alert;
    expect(acked).toMatchObject({ state: 'acknowledged', acknowledged_by: 'lead' });
    expect(Math.abs(Date.parse(acked.acknowledged_at!) - Date.now())).toBeLessThan(5000);
    expect((await post(`/v1/alerts/${a!.id}/ack`, TOKENS.lead)).status).toBe(409);
    expect((await post('/v1/alerts/al_nope/ack', TOKENS.lead)).status).toBe(404);

    // acknowledged: no escalation even after the escalation delay
    await new Promise((r) => setTimeout(r, 1800));
    expect((await find('sla_breach', (x) => x.id === a!.id))!.escalated_at).toBeNull();

    const res = await post(`/v1/alerts/${a!.id}/resolve`, TOKENS.lead);
    expect(res.status).toBe(200);
    expect(((await res.json()) as Alert).state).toBe('resolved');
    await new Promise((r) => setTimeout(r, 800));
    const again = (await alerts()).filter((x) => x.rule === 'sla_breach' && x.scope.ticket_id === 'kt1');
    expect(again.map((x) => x.state)).toEqual(['resolved']);
  });

  it('groups a storm of breaches into one message listing them', async () => {
    const now = Date.now();
    await postEvents(
      t.url,
      Array.from({ length: 6 }, (_, i) => ({ id: `st-${i}`, type: 'ticket.created', ts: now - 16 * 60_000, ticket_id: `storm-${i}`, queue: 'sq', channel: 'web', priority: 'urgent' })),
    );
    const message = await eventually(
      async () =>
        hook.received
          .map((r) => JSON.parse(r.body).changes as { event: string; alert: Alert }[])
          .find((cs) => cs.some((c) => c.alert.scope.ticket_id?.startsWith('storm-'))),
      (cs) => cs !== undefined,
    );
    const storm = message!.filter((c) => c.alert.rule === 'sla_breach' && c.alert.scope.ticket_id?.startsWith('storm-'));
    expect(storm.map((c) => c.alert.scope.ticket_id).sort()).toEqual(['storm-0', 'storm-1', 'storm-2', 'storm-3', 'storm-4', 'storm-5']);
  });

  it('shows active alerts in the live snapshot', async () => {
    const live = await getJson(t.url, '/v1/live');
    const rules = (live.body.alerts as Alert[]).map((a) => a.rule);
    expect(rules).toContain('sla_breach');
    expect((live.body.alerts as Alert[]).every((a) => a.state !== 'resolved')).toBe(true);
  });

  it('writes every change of an alert to ClickHouse', async () => {
    const a = (await alerts('resolved')).find((x) => x.scope.ticket_id === 'kt1')!;
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
      { event: 'resolved', state: 'resolved' },
    ]);
  });
});

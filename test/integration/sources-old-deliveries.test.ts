// Issue 21: a help desk that redelivers a weeks-old event (a replay after an outage, a backfill) updates
// live state and history, but fires no notification: the alert it raises is quiet (alerts.quietAfterMs,
// docs/alerts.md "Noise control"). A fresh breach in the same queue is delivered. Through the Zendesk
// source, to a real server with ClickHouse (chDB) and a real local webhook receiving the alerts.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert } from '@pulse/contracts';
import { eventually, getJson, startTestPulse, type TestPulse } from '../support/pulse.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';

const SECRET = 'b2xkLWRlbGl2ZXJpZXMtemVuZGVzay1zZWNyZXQ';
const QUEUE = '98738';

let t: TestPulse;
let hook: Receiver;
beforeAll(async () => {
  hook = await startReceiver();
  t = await startTestPulse({
    workers: { live: true, history: true },
    alerts: {
      evaluateIntervalMs: 200,
      groupWindowMs: 300,
      delivery: { baseDelayMs: 100, maxDelayMs: 400 },
      channels: [{ type: 'webhook', name: 'ops-hook', url: hook.url, secret: 'old-deliveries-hook-secret' }],
    },
    sources: { zendesk: { secret: SECRET } },
  });
});
afterAll(async () => {
  await t?.close();
  await hook?.close();
});

const iso = (ms: number) => new Date(ms).toISOString();

/** Zendesk's ticket.created event for an urgent, unassigned ticket created at `createdAt`, delivered now. */
async function redeliver(ticket: string, eventId: string, createdAt: number, invocation: string) {
  const p = JSON.parse(readFileSync(new URL('../fixtures/sources/zendesk/event-ticket-created.json', import.meta.url), 'utf8')).payload;
  Object.assign(p, { id: eventId, time: iso(createdAt), subject: `zen:ticket:${ticket}` });
  Object.assign(p.detail, { id: ticket, priority: 'URGENT', status: 'OPEN', created_at: iso(createdAt), updated_at: iso(createdAt) });
  const body = JSON.stringify(p);
  const ts = iso(Date.now()).replace(/\.\d{3}Z$/, 'Z');
  const res = await fetch(`${t.url}/v1/sources/zendesk`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zendesk-webhook-signature': createHmac('sha256', SECRET)
        .update(ts + body)
        .digest('base64'),
      'x-zendesk-webhook-signature-timestamp': ts,
      'x-zendesk-webhook-invocation-id': invocation,
    },
    body,
  });
  return { status: res.status, body: await res.json() };
}

const breachOfQueue = async () => ((await getJson(t.url, '/v1/alerts')).body.alerts as Alert[]).find((a) => a.rule === 'sla_breach' && a.scope.queue === QUEUE);
const delivered = (id: string) =>
  hook.received
    .filter((r) => r.status === 200)
    .flatMap((r) => JSON.parse(r.body).changes as { event: string; alert: Alert }[])
    .filter((c) => c.alert.id === id)
    .map((c) => c.event);

describe('a weeks-old Zendesk event, delivered again', () => {
  const threeWeeksAgo = Date.now() - 21 * 86_400_000;

  it('is stored in history with its own time', async () => {
    const r = await redeliver('38001', '01JOLD00000000000000000001', threeWeeksAgo, '8600000001');
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 1, duplicates: 0, ignored: 0, events: ['zd-38001-01JOLD00000000000000000001-created'] });
    const rows = await eventually(
      async () => {
        const rs = await t.pulse.history!.query({
          query: 'SELECT id, queue, toInt64(toUnixTimestamp64Milli(ts)) AS ts FROM pulse.events FINAL WHERE ticket_id = {ticket:String}',
          query_params: { ticket: 'zd-38001' },
          format: 'JSONEachRow',
        });
        return rs.json<{ id: string; queue: string; ts: string | number }>();
      },
      (rows) => rows.length === 1,
    );
    expect(rows.map((r) => ({ ...r, ts: Number(r.ts) }))).toEqual([{ id: 'zd-38001-01JOLD00000000000000000001-created', queue: QUEUE, ts: threeWeeksAgo }]);
  });

  it('updates live state: its breached targets show, under a quiet alert that is never delivered', async () => {
    const live = await eventually(
      () => getJson(t.url, '/v1/live'),
      (res) => res.body.queues?.[QUEUE]?.sla_breached === 2,
    );
    // an urgent ticket unanswered for three weeks: first reply (15 min) and resolution (4 h) are both overdue
    expect(live.body.queues[QUEUE]).toMatchObject({ unsolved_tickets: 1, unassigned_tickets: 1, sla_breached: 2 });
    const breach = await eventually(breachOfQueue, (a) => a?.items?.length === 2, 5000);
    expect(breach).toMatchObject({ state: 'firing', quiet: true, notified: false });
    expect(breach!.items!.map((i) => [i.ticket_id, i.target, i.quiet]).sort()).toEqual([
      ['zd-38001', 'first_reply', true],
      ['zd-38001', 'resolution', true],
    ]);
    await sleep(1500);
    expect(delivered(breach!.id)).toEqual([]);
  });

  it('does not hold back a fresh breach in the same queue: that one is delivered', async () => {
    const r = await redeliver('38002', '01JNEW00000000000000000001', Date.now() - 16 * 60_000, '8600000002');
    expect(r.body.accepted).toBe(1);
    const breach = (await breachOfQueue())!;
    await eventually(
      async () => delivered(breach.id),
      (events) => events.includes('firing'),
    );
    expect(delivered(breach.id).filter((e) => e !== 'escalated')).toEqual(['firing']);
    expect(await breachOfQueue()).toMatchObject({ quiet: false, notified: true });
  });
});

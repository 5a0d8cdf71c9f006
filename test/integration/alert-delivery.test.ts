// Alert delivery is retried with backoff, recorded, and survives a restart of the service mid-retry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backoffMs, type Delivery } from '../../packages/server/src/alerts/notify/deliveries.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';

let redis: TestRedis;
let hook: Receiver;
let t: TestPulse;
const settings = () => ({
  workers: { live: true, history: false },
  alerts: {
    evaluateIntervalMs: 200,
    groupWindowMs: 200,
    delivery: { baseDelayMs: 200, maxDelayMs: 800, maxAttempts: 20 },
    channels: [{ type: 'webhook', name: 'hook', url: hook.url, secret: 'delivery-secret' }],
  },
});

beforeAll(async () => {
  redis = await startRedis();
  hook = await startReceiver();
  t = await startTestPulse(settings(), redis);
});
afterAll(async () => {
  await t?.close();
  await hook?.close();
  await redis?.stop();
});

const deliveries = async (): Promise<Delivery[]> =>
  (await getJson(t.url, '/v1/alerts/deliveries', TOKENS.lead)).body.deliveries;
const breach = (id: string) => ({
  id,
  type: 'ticket.created',
  ts: Date.now() - 16 * 60_000,
  ticket_id: `tk-${id}`,
  queue: 'dq',
  channel: 'email',
  priority: 'urgent',
});

describe('alert delivery', () => {
  it('backs off exponentially with jitter, capped', () => {
    expect([1, 2, 3, 4, 5].map((a) => backoffMs(a, 1000, 10_000, 0.5))).toEqual([1000, 2000, 4000, 8000, 10_000]);
    expect(backoffMs(3, 1000, 10_000, 0)).toBe(2000);
    expect(backoffMs(3, 1000, 10_000, 0.999)).toBe(5996);
  });

  it('retries a failing webhook until it answers, and records every attempt', async () => {
    hook.failNext(2);
    await postEvents(t.url, breach('r1'));
    const d = await eventually(
      async () => (await deliveries()).find((x) => x.body.includes('tk-r1')),
      (x) => x?.status === 'delivered',
      10_000,
    );
    expect(d!.attempts).toBe(3);
    expect(d!.log.map((l) => l.ok)).toEqual([false, false, true]);
    expect(d!.log.map((l) => l.status)).toEqual([500, 500, 200]);
    const bodies = hook.received.filter((r) => r.body.includes('tk-r1'));
    expect(bodies.map((r) => r.status)).toEqual([500, 500, 200]);
    expect(new Set(bodies.map((r) => r.body)).size).toBe(1);
    // the waits between attempts grew: base 200 ms, then 400 ms, each ±50 %
    const gap1 = bodies[1].at - bodies[0].at;
    const gap2 = bodies[2].at - bodies[1].at;
    expect(gap1).toBeGreaterThanOrEqual(100);
    expect(gap2).toBeGreaterThanOrEqual(200);
  });

  it('never blocks ingest while a delivery is failing', async () => {
    await hook.close();
    await postEvents(t.url, breach('blocked'));
    const started = Date.now();
    const r = await postEvents(t.url, { id: 'free-1', type: 'chat.requested', ts: Date.now(), chat_id: 'free', queue: 'dq' });
    expect(r.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(2000);
    await hook.listen();
    await eventually(async () => (await deliveries()).find((x) => x.body.includes('tk-blocked')), (x) => x?.status === 'delivered', 10_000);
  });

  it('completes a pending delivery after the service restarts mid-retry', async () => {
    await hook.close();
    await postEvents(t.url, breach('restart'));
    await eventually(
      async () => (await deliveries()).find((x) => x.body.includes('tk-restart')),
      (x) => x !== undefined && x.attempts >= 1 && x.status === 'pending',
      10_000,
    );
    await t.pulse.stop();
    await hook.listen();
    t = await startTestPulse(settings(), redis);
    const d = await eventually(
      async () => (await deliveries()).find((x) => x.body.includes('tk-restart')),
      (x) => x?.status === 'delivered',
      10_000,
    );
    expect(d!.attempts).toBeGreaterThanOrEqual(2);
    expect(hook.received.filter((r) => r.body.includes('tk-restart') && r.status === 200)).toHaveLength(1);
  });
});

describe('Slack messages', () => {
  let slackRedis: TestRedis;
  let slack: Receiver;
  let sp: TestPulse;
  beforeAll(async () => {
    slackRedis = await startRedis();
    slack = await startReceiver();
    sp = await startTestPulse(
      {
        workers: { live: true, history: false },
        alerts: {
          evaluateIntervalMs: 200,
          groupWindowMs: 200,
          delivery: { baseDelayMs: 200, maxDelayMs: 800 },
          channels: [{ type: 'slack', name: 'slack', url: slack.url }],
        },
      },
      slackRedis,
    );
  });
  afterAll(async () => {
    await sp?.close();
    await slack?.close();
    await slackRedis?.stop();
  });

  it('escapes &, < and > of queue and agent names, so a queue named <!channel> pages nobody', async () => {
    const created = Date.now() - 16 * 60_000;
    await postEvents(sp.url, {
      id: 'sl-1',
      type: 'ticket.created',
      ts: created,
      ticket_id: 'tk-s1',
      queue: '<!channel>',
      channel: 'email',
      priority: 'urgent',
      agent_id: '<@U01>&co',
    });
    const got = await eventually(
      async () => slack.received.find((r) => r.body.includes('tk-s1')),
      (r) => r !== undefined,
      10_000,
    );
    const body = JSON.parse(got!.body) as { text: string; blocks: { type: string; text?: { type: string; text: string } }[] };
    const line = body.blocks[1].text!.text;
    const overdue = /overdue by (\d+:\d{2});/.exec(line)?.[1];
    expect(line).toBe(
      `🔴 FIRING critical: SLA breached: first reply of ticket tk-s1 (queue &lt;!channel&gt;, agent &lt;@U01&gt;&amp;co). ` +
        `The first reply of ticket tk-s1 (urgent, &lt;!channel&gt;) was due at ${new Date(created + 15 * 60_000).toISOString()}; ` +
        `overdue by ${overdue}; assigned to &lt;@U01&gt;&amp;co.`,
    );
    expect(body.blocks[1].text!.type).toBe('mrkdwn');
    expect(got!.body).not.toContain('<!channel>');
    expect(got!.body).not.toContain('<@U01>');
    expect(body.text).toBe('Pulse: 1 alert (1 critical)');
  });
});

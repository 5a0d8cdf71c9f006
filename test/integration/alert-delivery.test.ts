// Alert delivery is retried with backoff, recorded, and survives a restart of the service mid-retry; messages
// are grouped by queue, written in each channel's language with names and local times, and escaped for Slack
// mrkdwn and HTML e-mail.
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatLocal, type Alert } from '@pulse/contracts';
import { freePort } from '../support/ports.ts';
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

const deliveries = async (): Promise<Delivery[]> => (await getJson(t.url, '/v1/alerts/deliveries', TOKENS.lead)).body.deliveries;
// each in a queue of its own: breaches of one queue roll up into one alert, delivered once
const breach = (id: string) => ({
  id,
  type: 'ticket.created',
  ts: Date.now() - 16 * 60_000,
  ticket_id: `tk-${id}`,
  queue: `dq-${id}`,
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
    // every attempt names the same delivery, so a receiver can drop one it already has
    expect(bodies.map((r) => r.headers['x-pulse-delivery'])).toEqual([d!.id, d!.id, d!.id]);
    // the waits between attempts grew: base 200 ms, then 400 ms, each ±50 %
    const gap1 = bodies[1]!.at - bodies[0]!.at;
    const gap2 = bodies[2]!.at - bodies[1]!.at;
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
    await eventually(
      async () => (await deliveries()).find((x) => x.body.includes('tk-blocked')),
      (x) => x?.status === 'delivered',
      10_000,
    );
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

describe('messages: grouped by queue, in each channel’s language, escaped', () => {
  const ZONE = 'Europe/Madrid';
  let mRedis: TestRedis;
  let mHook: Receiver;
  let slackEn: Receiver;
  let slackEs: Receiver;
  let smtp: SMTPServer;
  let mp: TestPulse;
  const mails: string[] = [];
  type Block = { type: string; text?: { type: string; text: string }; elements?: { text: string }[] };
  const formatOffsetOf = (at: number) =>
    new Intl.DateTimeFormat('en', { timeZone: ZONE, timeZoneName: 'shortOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')!.value;
  const slackBodies = (r: Receiver) => r.received.map((x) => JSON.parse(x.body) as { text: string; blocks: Block[] });
  const hookBodies = () =>
    mHook.received.map(
      (x) =>
        JSON.parse(x.body) as {
          queue: string | null;
          lang: string;
          changes: { event: string; alert: Alert; text: { title: string; message: string; suggestion: string[] } }[];
        },
    );

  beforeAll(async () => {
    mRedis = await startRedis();
    mHook = await startReceiver();
    slackEn = await startReceiver();
    slackEs = await startReceiver();
    const smtpPort = await freePort();
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, cb) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
        stream.on('end', () => {
          mails.push(raw);
          cb();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', () => r()));
    mp = await startTestPulse(
      {
        workers: { live: true, history: false },
        timeZone: ZONE,
        queueNames: { ga: 'Group A', gb: 'Group B' },
        helpdeskLinkTemplate: 'https://acme.zendesk.com/agent/tickets/{id}',
        alerts: {
          evaluateIntervalMs: 200,
          groupWindowMs: 500,
          rollupStep: 3, // not the default 5
          delivery: { baseDelayMs: 200, maxDelayMs: 800 },
          channels: [
            { type: 'webhook', name: 'hook', url: mHook.url, secret: 'messages-secret' },
            { type: 'slack', name: 'leads-en', url: slackEn.url },
            { type: 'slack', name: 'leads-es', url: slackEs.url, lang: 'es' },
            { type: 'email', name: 'mail', smtp: { host: '127.0.0.1', port: smtpPort }, from: 'pulse@test', to: ['lead@test'] },
          ],
        },
      },
      mRedis,
    );
  });
  afterAll(async () => {
    await mp?.close();
    for (const r of [mHook, slackEn, slackEs]) await r?.close();
    await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
    await mRedis?.stop();
  });

  it('tells the page where alerts go', async () => {
    const s = (await getJson(mp.url, '/v1/alerts/settings')).body;
    expect(s.channels).toEqual([
      { name: 'hook', type: 'webhook', lang: 'en' },
      { name: 'leads-en', type: 'slack', lang: 'en' },
      { name: 'leads-es', type: 'slack', lang: 'es' },
      { name: 'mail', type: 'email', lang: 'en' },
    ]);
    expect(s).toMatchObject({ time_zone: ZONE, lang: 'en', snooze: ['15m', '1h', 'shift'], queue_names: { ga: 'Group A', gb: 'Group B' } });
    expect(Date.parse(s.shift_end)).toBeGreaterThan(Date.now());
  });

  it('sends one message per queue, naming people and queues, with each ticket’s candidates', async () => {
    const now = Date.now();
    await postEvents(mp.url, [
      { id: 'g-ana', type: 'agent.status_changed', ts: now - 3600_000, agent_id: 'agent-011', status: 'online', queues: ['ga'], name: 'Ana Ruiz' },
      { id: 'g-chl', type: 'agent.status_changed', ts: now - 3600_000, agent_id: 'agent-021', status: 'online', queues: ['ga'], name: 'Chloe Martin' },
      { id: 'g-t1', type: 'ticket.created', ts: now - 600_000, ticket_id: 'ga-7', queue: 'ga', channel: 'email', priority: 'low', agent_id: 'agent-021' },
      { id: 'g-off', type: 'agent.status_changed', ts: now - 125_000, agent_id: 'agent-021', status: 'offline' },
      { id: 'g-b1', type: 'ticket.created', ts: now - 16 * 60_000, ticket_id: 'gb-1', queue: 'gb', channel: 'email', priority: 'urgent' },
    ]);
    const bodies = await eventually(
      async () => hookBodies(),
      (b) => new Set(b.map((x) => x.queue)).size >= 2,
      10_000,
    );
    const ga = bodies.find((b) => b.queue === 'ga')!;
    const gb = bodies.find((b) => b.queue === 'gb')!;
    expect(ga.changes.map((c) => [c.event, c.alert.rule])).toEqual([['firing', 'agent_stranded']]);
    expect(gb.changes.map((c) => [c.event, c.alert.rule])).toEqual([['firing', 'sla_breach']]);
    expect(ga.lang).toBe('en');
    expect(ga.changes[0]?.text.title).toBe('Chloe Martin is offline holding 1 ticket with open SLA targets');
    expect(ga.changes[0]?.text.suggestion).toEqual(['Ticket ga-7 (Group A) → Ana Ruiz']);
    const deliveries = (await getJson(mp.url, '/v1/alerts/deliveries', TOKENS.lead)).body.deliveries as Delivery[];
    expect(new Set(deliveries.map((d) => `${d.channel} ${d.queue}`))).toEqual(
      new Set(['hook ga', 'hook gb', 'leads-en ga', 'leads-en gb', 'leads-es ga', 'leads-es gb', 'mail ga', 'mail gb']),
    );

    const en = await eventually(
      async () => slackBodies(slackEn),
      (b) => b.length >= 2,
      10_000,
    );
    const enGa = en.find((b) => b.blocks[0]!.text!.text.includes('Group A'))!;
    expect(enGa.blocks[0]?.text?.text).toBe('Pulse · Group A: 1 alert (1 critical)');
    const offline = formatLocal(now - 125_000, { lang: 'en', timeZone: ZONE, now });
    expect(enGa.blocks[1]?.text?.text).toMatch(
      new RegExp(
        `^🔴 FIRING critical: Chloe Martin is offline holding 1 ticket with open SLA targets\\. Chloe Martin has been offline since ${offline} \\(2 min \\d+ s ago\\) holding 1 ticket with open SLA targets\\.\\n→ Ticket ga-7 \\(Group A\\) → Ana Ruiz$`,
      ),
    );
    expect(JSON.stringify(en)).not.toMatch(/agent-0\d\d|\d{4}-\d\d-\d\dT/);
    expect(enGa.blocks.filter((b) => b.type === 'context').map((b) => b.elements?.[0]?.text)).toEqual([`Times in Europe/Madrid (${formatOffsetOf(now)}).`]);

    const es = await eventually(
      async () => slackBodies(slackEs),
      (b) => b.length >= 2,
      10_000,
    );
    const esGa = es.find((b) => b.blocks[0]!.text!.text.includes('Group A'))!;
    expect(esGa.blocks[0]?.text?.text).toBe('Pulse · Group A: 1 alerta (1 crítica)');
    const desde = formatLocal(now - 125_000, { lang: 'es', timeZone: ZONE, now });
    expect(esGa.blocks[1]?.text?.text).toMatch(
      new RegExp(
        `^🔴 ACTIVA crítica: Chloe Martin se ha desconectado con 1 ticket con objetivos de SLA pendientes\\. Chloe Martin se desconectó a las ${desde} \\(hace 2 min \\d+ s\\) con 1 ticket con objetivos de SLA pendientes\\.\\n→ Ticket ga-7 \\(Group A\\) → Ana Ruiz$`,
      ),
    );
  });

  it('delivers a roll-up again when it has grown by the configured step (3), not per ticket', async () => {
    const breach = (id: string) => ({
      id: `w-${id}`,
      type: 'ticket.created',
      ts: Date.now() - 16 * 60_000,
      ticket_id: id,
      queue: 'gw',
      channel: 'email',
      priority: 'urgent',
    });
    const gw = () =>
      hookBodies()
        .filter((b) => b.queue === 'gw')
        .flatMap((b) => b.changes.map((c) => [c.event, c.alert.items?.length ?? 0] as const));
    await postEvents(mp.url, breach('gw-1'));
    await eventually(
      async () => gw(),
      (c) => c.length === 1,
      10_000,
    );
    // 3 tickets: 2 more than delivered, under the step: nothing
    await postEvents(mp.url, [breach('gw-2'), breach('gw-3')]);
    await eventually(
      () => getJson(mp.url, '/v1/alerts'),
      (r) => (r.body.alerts as Alert[]).some((a) => a.scope.queue === 'gw' && a.items?.length === 3),
      10_000,
    );
    await new Promise((r) => setTimeout(r, 1500)); // past the 500 ms group window and a delivery
    expect(gw()).toEqual([['firing', 1]]);
    // the 4th: 3 more than delivered
    await postEvents(mp.url, breach('gw-4'));
    await eventually(
      async () => gw(),
      (c) => c.length === 2,
      10_000,
    );
    expect(gw()).toEqual([
      ['firing', 1],
      ['worsened', 4],
    ]);
  });

  it('escapes &, < and > of queue and agent names in Slack, so a queue named <!channel> pages nobody', async () => {
    const created = Date.now() - 16 * 60_000;
    await postEvents(mp.url, {
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
      async () => slackEn.received.find((r) => r.body.includes('tk-s1')),
      (r) => r !== undefined,
      10_000,
    );
    const body = JSON.parse(got!.body) as { text: string; blocks: Block[] };
    const line = body.blocks[1]!.text!.text;
    const oldest = /oldest (1 min(?: \d+ s)?)\./.exec(line)?.[1];
    const due = formatLocal(created + 15 * 60_000, { lang: 'en', timeZone: ZONE, now: Date.now() });
    expect(line).toBe(
      `🔴 FIRING critical: &lt;!channel&gt;: 1 first reply breached, oldest ${oldest}. ` +
        `Ticket tk-s1 (first reply, urgent, &lt;@U01&gt;&amp;co) due ${due} (${oldest} ago).`,
    );
    expect(body.blocks[1]?.text?.type).toBe('mrkdwn');
    expect(body.blocks[0]?.text?.text).toBe('Pulse · &lt;!channel&gt;: 1 alert (1 critical)');
    expect(body.text).toBe('Pulse · &lt;!channel&gt;: 1 alert (1 critical)');
    expect(got!.body).not.toContain('<!channel>');
    expect(got!.body).not.toContain('<@U01>');
  });

  it('escapes HTML in e-mail and links each ticket to the help desk', async () => {
    await postEvents(mp.url, {
      id: 'h-1',
      type: 'ticket.created',
      ts: Date.now() - 16 * 60_000,
      ticket_id: 'tk-h1',
      queue: '<b onmouseover="x">Q</b>',
      channel: 'email',
      priority: 'urgent',
    });
    // quoted-printable, as nodemailer sends it
    const decode = (raw: string) =>
      decodeURIComponent(
        raw
          .replace(/%/g, '%25')
          .replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, '%$1'),
      );
    const mail = await eventually(
      async () => mails.map(decode).find((m) => m.includes('tk-h1')),
      (m) => m !== undefined,
      10_000,
    );
    const html = mail!.slice(mail!.indexOf('Content-Type: text/html'));
    expect(html).toContain('<h2>Pulse · &lt;b onmouseover=&quot;x&quot;&gt;Q&lt;/b&gt;: 1 alert (1 critical)</h2>');
    expect(html).toContain('<a href="https://acme.zendesk.com/agent/tickets/tk-h1">tk-h1</a>');
    expect(html).not.toContain('<b onmouseover');
    // the text part is plain text: names as they are
    const text = mail!.slice(mail!.indexOf('Content-Type: text/plain'), mail!.indexOf('Content-Type: text/html'));
    expect(text).toContain('🔴 FIRING critical: <b onmouseover="x">Q</b>: 1 first reply breached');
  });
});

// Issue 21: help-desk data the way its users think of it. One Zendesk group is one queue whichever
// payload names it, shown by its name; agents appear with the names their payloads give; Chatwoot agents'
// availability comes from its API (a local server stands in for it), and Zendesk agents, whose help desk
// sends no presence, count as online while they hold work. Real server, real HTTP, real Redis.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChatwootApi, type FakeChatwootApi } from '../support/chatwoot-api.ts';
import { eventually, getJson, startTestPulse, type TestPulse } from '../support/pulse.ts';

const SECRET = 'bmFtZXMtYW5kLXByZXNlbmNlLXplbmRlc2stc2VjcmV0';
const TOKEN = 'cw-names-presence-token-0001';
const API_TOKEN = 'cw-api-access-token-4e1f';
const BILLING = '14520128806301';
const RETURNS = '360009990000';
const ESCALATIONS = '360007770000';

let t: TestPulse;
let api: FakeChatwootApi;
let redis: Redis;
beforeAll(async () => {
  api = await startChatwootApi(3, [
    { id: 1, name: 'John Smith', available_name: 'John', availability_status: 'online' },
    { id: 2, name: 'Priya', availability_status: 'busy' },
  ]);
  t = await startTestPulse({
    workers: { live: true, history: false },
    alerts: { enabled: true },
    queueNames: { [RETURNS]: 'Returns & Exchanges' },
    sources: {
      zendesk: { secret: SECRET, groups: { Escalations: 'escalations' } },
      chatwoot: {
        token: TOKEN,
        inboxes: { '1': { queue: 'web-support' } },
        presence: { url: `${api.url}/`, accountId: 3, apiToken: API_TOKEN, intervalMs: 1000 },
      },
    },
  });
  redis = new Redis(t.redis.url);
});
afterAll(async () => {
  redis?.disconnect();
  await t?.close();
  await api?.close();
});

const fixture = (source: string, name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/sources/${source}/${name}.json`, import.meta.url), 'utf8')).payload;
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

async function zendesk(body: unknown, invocation?: string): Promise<{ status: number; body: any }> {
  const text = JSON.stringify(body);
  const ts = iso(Date.now());
  const res = await fetch(`${t.url}/v1/sources/zendesk`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-zendesk-webhook-signature': createHmac('sha256', SECRET)
        .update(ts + text)
        .digest('base64'),
      'x-zendesk-webhook-signature-timestamp': ts,
      ...(invocation ? { 'x-zendesk-webhook-invocation-id': invocation } : {}),
    },
    body: text,
  });
  return { status: res.status, body: await res.json() };
}

async function chatwoot(body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${t.url}/v1/sources/chatwoot/${TOKEN}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

/** A Zendesk ticket event for `ticket`, now, in `group` (by id only, as event subscriptions name it). */
function ticketEvent(name: string, id: string, ticket: string, group: string) {
  const p = fixture('zendesk', name);
  const now = iso(Date.now());
  Object.assign(p, { id, time: now, subject: `zen:ticket:${ticket}` });
  Object.assign(p.detail, { id: ticket, group_id: group, created_at: now, updated_at: now, tags: [] });
  return p;
}

/** A trigger body for `ticket`, now, naming its group by id and name. */
function trigger(name: string, ticket: string, group: { id: string; name: string }, over: Record<string, unknown> = {}) {
  const p = fixture('zendesk', name);
  const now = iso(Date.now());
  Object.assign(p.ticket, { id: ticket, created_at: now, updated_at: now, group_id: group.id, group: group.name, tags: '', ...over });
  return p;
}

async function storedEvents(): Promise<Record<string, unknown>[]> {
  const entries = await redis.xrange(`${t.pulse.config.redis.prefix}events`, '-', '+');
  return entries.flatMap(([, f]) => JSON.parse(f[f.indexOf('e') + 1]!) as Record<string, unknown>[]);
}
const byId = async (id: string) => (await storedEvents()).find((e) => e.id === id);
const live = () => getJson(t.url, '/v1/live').then((r) => r.body);
const agent = async (id: string) => (await live()).agents.find((a: { id: string }) => a.id === id);
/** The display names two surfaces give: the alerts page's settings and the board's configuration (they must agree). */
async function queueNames(): Promise<Record<string, string>> {
  const [alerts, board] = await Promise.all([getJson(t.url, '/v1/alerts/settings'), getJson(t.url, '/v1/board/config')]);
  expect(board.body.queue_names).toEqual(alerts.body.queue_names);
  return alerts.body.queue_names;
}

describe('one Zendesk group is one queue, whichever payload names it', () => {
  it('maps a group named by id (event subscription) and by id and name (trigger) to the same queue', async () => {
    const event = await zendesk(ticketEvent('event-ticket-created', '01JGROUP0000000000000000A1', '37001', BILLING));
    expect((await byId(event.body.events[0]))!.queue).toBe(BILLING);
    const created = await zendesk(trigger('trigger-ticket-created', '37002', { id: BILLING, name: 'Billing' }), '8500000001');
    expect((await byId(created.body.events[0]))!.queue).toBe(BILLING);
    // the ticket the event created, updated by a trigger that names the group: it stays in its queue
    const updated = await zendesk(trigger('trigger-ticket-updated', '37001', { id: BILLING, name: 'Billing' }), '8500000002');
    expect((await byId(updated.body.events[0]))!.queue).toBe(BILLING);

    const snap = await eventually(live, (s) => s.queues?.[BILLING]?.unsolved_tickets === 2);
    expect(snap.queues[BILLING].unsolved_tickets).toBe(2);
    expect(Object.keys(snap.queues)).not.toContain('Billing');
  });

  it('shows the queue by the group name it learned', async () => {
    expect((await queueNames())[BILLING]).toBe('Billing');
    expect(await redis.hget(`${t.pulse.config.redis.prefix}sources:zendesk-groups`, BILLING)).toBe('Billing');
  });

  it('lets the configuration override: a configured display name stays, a group mapped by name stays mapped', async () => {
    await zendesk(trigger('trigger-ticket-created', '37003', { id: RETURNS, name: 'Returns' }), '8500000003');
    expect((await queueNames())[RETURNS]).toBe('Returns & Exchanges');

    // `groups: { Escalations: escalations }`: a trigger names the group; an event subscription only gives its id
    const named = await zendesk(trigger('trigger-ticket-created', '37004', { id: ESCALATIONS, name: 'Escalations' }), '8500000004');
    expect((await byId(named.body.events[0]))!.queue).toBe('escalations');
    const byIdOnly = await zendesk(ticketEvent('event-ticket-created', '01JGROUP0000000000000000A5', '37005', ESCALATIONS));
    expect((await byId(byIdOnly.body.events[0]))!.queue).toBe('escalations');
    expect(Object.hasOwn(await queueNames(), ESCALATIONS)).toBe(false);
  });
});

describe('agents appear with names; without presence from their help desk, agents with work count as online', () => {
  it('names a Zendesk agent by the author of a comment, and counts them online while they hold a ticket', async () => {
    await zendesk(ticketEvent('event-ticket-reassigned', '01JAGENT0000000000000000A1', '37001', BILLING));
    await zendesk(ticketEvent('event-ticket-comment-added-agent', '01JAGENT0000000000000000A2', '37001', BILLING));
    const bea = await eventually(
      () => agent('zd-agent-235399'),
      (a) => a?.open_tickets === 1,
    );
    expect(bea).toEqual({
      id: 'zd-agent-235399',
      name: 'Bea Agent',
      status: 'online',
      status_since: null,
      queues: [BILLING],
      active_chats: 0,
      chat_capacity: 3,
      load_pct: 0,
      open_tickets: 1,
      handled_today: 0,
      timeline: [],
      presence: 'inferred',
    });
  });

  it('names a Zendesk assignee from a trigger body ({{ticket.assignee.name}})', async () => {
    await zendesk(trigger('trigger-ticket-assigned', '37002', { id: BILLING, name: 'Billing' }), '8500000010');
    const max = await eventually(
      () => agent('zd-agent-777'),
      (a) => a?.open_tickets === 1,
    );
    expect(max).toMatchObject({ name: 'Max Power', status: 'online', queues: [BILLING], open_tickets: 1, presence: 'inferred' });
    const snap = await live();
    expect(snap.queues[BILLING].agents_online).toBe(2);
  });

  it('drops an inferred agent once they hold no work', async () => {
    const solved = ticketEvent('event-ticket-status-changed', '01JAGENT0000000000000000A3', '37002', BILLING);
    await zendesk(solved);
    await eventually(
      () => agent('zd-agent-777'),
      (a) => a === undefined,
    );
    expect((await live()).queues[BILLING].agents_online).toBe(1);
  });
});

describe("Chatwoot presence: its agents' availability, polled from the API", () => {
  it('reads GET /api/v1/accounts/3/agents with the API token and shows each agent with its status and name', async () => {
    const john = await eventually(
      () => agent('cw-agent-1'),
      (a) => a !== undefined,
    );
    expect(john).toMatchObject({ name: 'John', status: 'online', queues: [], timeline: [{ status: 'online' }] });
    expect(john.presence).toBeUndefined();
    expect(await agent('cw-agent-2')).toMatchObject({ name: 'Priya', status: 'away' });
    expect(api.requests.length).toBeGreaterThan(0);
    expect(new Set(api.requests.map((r) => `${r.path} ${r.token}`))).toEqual(new Set([`/api/v1/accounts/3/agents ${API_TOKEN}`]));
  });

  it('gives an agent the queues their conversations were in', async () => {
    const c = fixture('chatwoot', 'conversation-created');
    const now = Date.now() / 1000;
    Object.assign(c, { id: 90, created_at: now, updated_at: now, labels: [] });
    c.meta.assignee = { id: 1, name: 'John Smith', available_name: 'John', type: 'user' };
    c.meta.assignee_type = 'User';
    expect((await chatwoot(c)).body.events).toEqual(['cw-90-requested']);
    const john = await eventually(
      () => agent('cw-agent-1'),
      (a) => a?.queues.length === 1,
    );
    expect(john).toMatchObject({ status: 'online', queues: ['web-support'] });
    expect((await live()).queues['web-support'].agents_online).toBe(1);
  });

  it('emits a status change once when the availability changes, and nothing while it stays', async () => {
    api.agents[0]!.availability_status = 'offline';
    await eventually(
      () => agent('cw-agent-1'),
      (a) => a?.status === 'offline',
    );
    const polled = api.requests.length;
    await eventually(
      async () => api.requests.length,
      (n) => n >= polled + 2,
      10_000,
    );
    const changes = (await storedEvents()).filter((e) => e.type === 'agent.status_changed');
    expect(changes.map((e) => [e.agent_id, e.status, e.name])).toEqual([
      ['cw-agent-1', 'online', 'John'],
      ['cw-agent-2', 'away', 'Priya'],
      ['cw-agent-1', 'offline', 'John'],
    ]);
  });

  it('counts only agents online: presence from Chatwoot, work for Zendesk agents', async () => {
    const snap = await live();
    expect(snap.agents.map((a: { id: string; status: string; presence?: string }) => [a.id, a.status, a.presence ?? null])).toEqual([
      ['cw-agent-1', 'offline', null],
      ['cw-agent-2', 'away', null],
      ['zd-agent-235399', 'online', 'inferred'],
    ]);
    expect(snap.overall.agents_online).toBe(1);
    expect(snap.overall.agents_away).toBe(1);
  });
});

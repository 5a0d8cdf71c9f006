// Issue 9: Zendesk webhooks in (ticket event subscriptions and trigger bodies), canonical events out.
// Real server, real HTTP, real Redis; payloads are the fixtures under test/fixtures/sources/zendesk,
// written from Zendesk's docs (each names its page). Events are read back from the stream as stored.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSourceCounters } from '../../packages/server/src/sources/plugin.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

const SECRET = 'dGhpcy1pcy10aGUtZXZlbnQtd2ViaG9vay1zZWNyZXQ';
const TRIGGER_SECRET = 'dGhpcy1pcy10aGUtdHJpZ2dlci13ZWJob29rLXNlY3JldA';
const INVOCATION = 'x-zendesk-webhook-invocation-id';

let t: TestPulse;
let redis: Redis;
beforeAll(async () => {
  t = await startTestPulse({
    workers: { live: true, history: false },
    alerts: { enabled: false },
    sources: {
      zendesk: {
        secret: [SECRET, TRIGGER_SECRET],
        groups: { '98738': 'orders', Billing: 'billing', '360005559999': 'tech' },
        agents: { '235399': 'bea', '777': 'max' },
      },
    },
  });
  redis = new Redis(t.redis.url);
});
afterAll(async () => {
  redis?.disconnect();
  await t?.close();
});

const at = (h: number, m: number, s = 0, ms = 0) => Date.UTC(2026, 10, 22, h, m, s, ms);

function fixture(name: string): { source: string; payload: any } {
  return JSON.parse(readFileSync(new URL(`../fixtures/sources/zendesk/${name}.json`, import.meta.url), 'utf8'));
}
const payload = (name: string) => structuredClone(fixture(name).payload);

/** Zendesk's headers: base64(HMAC-SHA256(secret, timestamp + body)), timestamp in RFC 3339. */
function signed(body: string, opts: { secret?: string; when?: number } = {}): Record<string, string> {
  const ts = new Date(opts.when ?? Date.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return {
    'x-zendesk-webhook-signature': createHmac('sha256', opts.secret ?? SECRET)
      .update(ts + body)
      .digest('base64'),
    'x-zendesk-webhook-signature-timestamp': ts,
  };
}

async function post(
  body: unknown,
  opts: { secret?: string; when?: number; headers?: Record<string, string>; unsigned?: boolean; url?: string } = {},
): Promise<{ status: number; body: any }> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${opts.url ?? t.url}/v1/sources/zendesk`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Zendesk Webhook',
      'x-zendesk-account-id': '12514403',
      'x-zendesk-webhook-id': '01F1KRFQ6BG29CNWFR60NK5FNY',
      ...(opts.unsigned ? {} : signed(text, opts)),
      ...opts.headers,
    },
    body: text,
  });
  return { status: res.status, body: await res.json() };
}
const postFixture = (name: string, opts: Parameters<typeof post>[1] = {}) => post(payload(name), opts);
const trigger = (name: string, invocation: string) => postFixture(name, { secret: TRIGGER_SECRET, headers: { [INVOCATION]: invocation } });

async function streamEvents(): Promise<Map<string, Record<string, unknown>>> {
  const entries = await redis.xrange('pulse:events', '-', '+');
  const all = entries.flatMap(([, fields]) => JSON.parse(fields[fields.indexOf('e') + 1]!) as Record<string, unknown>[]);
  return new Map(all.map((e) => [e.id as string, e]));
}
async function stored(ids: string[]) {
  const byId = await streamEvents();
  return ids.map((id) => byId.get(id));
}

describe('signature', () => {
  it('accepts a delivery signed with a configured secret, with no ingest token', async () => {
    const r = await postFixture('event-ticket-created');
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 1, duplicates: 0, ignored: 0, events: ['zd-35436-01JDZ9Q5W3K8T6V2R4M7N1P0XA-created'] });
  });

  it('accepts each configured secret (one per Zendesk webhook)', async () => {
    const r = await trigger('trigger-ticket-created', '8350205582');
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(1);
  });

  it('answers 401 to an unsigned request, even with an ingest token', async () => {
    const r = await postFixture('event-ticket-status-changed', { unsigned: true, headers: { authorization: `Bearer ${TOKENS.ingest}` } });
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('the request is not signed: X-Zendesk-Webhook-Signature and X-Zendesk-Webhook-Signature-Timestamp are required');
  });

  it('answers 401 to a signature made with another secret, or over another body', async () => {
    const wrong = await postFixture('event-ticket-status-changed', { secret: 'not-the-secret' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('bad signature: X-Zendesk-Webhook-Signature does not match the timestamp and body signed with the configured secret');
    const original = JSON.stringify(payload('event-ticket-status-changed'));
    const tampered = await post(original.replace('SOLVED', 'CLOSED'), { headers: signed(original) });
    expect(tampered.status).toBe(401);
    expect(tampered.body.error).toMatch(/^bad signature/);
  });

  it('answers 401 to a replay: a valid signature older than 5 minutes without its invocation id', async () => {
    const r = await postFixture('event-ticket-status-changed', { when: Date.now() - 6 * 60_000 });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatch(
      /^the signature timestamp \S+ is more than 5 minutes old and the request has no X-Zendesk-Webhook-Invocation-Id: a replayed or late delivery is refused$/,
    );
    const fresh = await postFixture('event-ticket-status-changed', { when: Date.now() - 4 * 60_000 });
    expect(fresh.status).toBe(202);
  });

  it('leaves POST /v1/events and its JSON parser as they were', async () => {
    const r = await postEvents(t.url, { id: 'zd-plain-1', type: 'chat.requested', ts: at(8, 0), chat_id: 'c-plain', queue: 'billing' });
    expect(r.status).toBe(202);
  });
});

describe('retries and clock skew', () => {
  // Every attempt of one Zendesk delivery carries the same X-Zendesk-Webhook-Invocation-Id; a retry that
  // keeps its first signing time (or a Zendesk clock behind ours) is admitted within the retry window
  const retried = () => {
    const p = payload('event-ticket-priority-changed');
    Object.assign(p, { id: '01JRETRY0000000000000000A1', subject: 'zen:ticket:36001' });
    p.detail.id = '36001';
    return p;
  };

  it('accepts a delivery signed 40 minutes ago that carries its invocation id; its retry is a duplicate', async () => {
    const before = getSourceCounters().pulse_source_zendesk_late_deliveries_total;
    const when = Date.now() - 40 * 60_000;
    const first = await post(retried(), { when, headers: { [INVOCATION]: '8400000001' } });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ accepted: 1, duplicates: 0, ignored: 0, events: ['zd-36001-01JRETRY0000000000000000A1-updated'] });
    const again = await post(retried(), { when, headers: { [INVOCATION]: '8400000001' } });
    expect(again.body).toEqual({ accepted: 0, duplicates: 1, ignored: 0, events: ['zd-36001-01JRETRY0000000000000000A1-updated'] });
    expect(getSourceCounters().pulse_source_zendesk_late_deliveries_total! - before!).toBe(2);
  });

  it('answers 401 when a signature comes back with another invocation id (a trigger body would map to new event ids)', async () => {
    const p = payload('trigger-ticket-customer-replied');
    p.ticket.id = '36002';
    const when = Date.now() - 2 * 60_000;
    const first = await post(p, { secret: TRIGGER_SECRET, when, headers: { [INVOCATION]: '8400000002' } });
    expect(first.body.events).toEqual(['zd-36002-i8400000002-customer-reply']);
    const replayed = await post(p, { secret: TRIGGER_SECRET, when, headers: { [INVOCATION]: '8400000099' } });
    expect(replayed.status).toBe(401);
    expect(replayed.body.error).toBe(
      'this signature was already used by another delivery than X-Zendesk-Webhook-Invocation-Id 8400000099: a replayed delivery is refused',
    );
    expect((await stored(['zd-36002-i8400000099-customer-reply']))[0]).toBeUndefined();
  });

  it('answers 401 to a delivery signed longer ago than the retry window, and to one signed in the future', async () => {
    const old = await post(retried(), { when: Date.now() - 25 * 3600_000, headers: { [INVOCATION]: '8400000003' } });
    expect(old.status).toBe(401);
    expect(old.body.error).toMatch(/^the signature timestamp \S+ is older than the retry window \(1440 min\): a replayed or late delivery is refused$/);
    const ahead = await post(retried(), { when: Date.now() + 6 * 60_000, headers: { [INVOCATION]: '8400000004' } });
    expect(ahead.status).toBe(401);
    expect(ahead.body.error).toMatch(/^the signature timestamp \S+ is more than 5 minutes in the future: check the clocks$/);
  });
});

describe('ticket event subscriptions map to canonical events', () => {
  const cases: [string, Record<string, unknown>[]][] = [
    [
      'event-ticket-created',
      [
        {
          id: 'zd-35436-01JDZ9Q5W3K8T6V2R4M7N1P0XA-created',
          type: 'ticket.created',
          ts: at(8, 0),
          ticket_id: 'zd-35436',
          queue: 'orders',
          channel: 'email',
          priority: 'high',
          requester: { id: 'zd-user-20978392', tier: 'vip' },
        },
      ],
    ],
    [
      'event-ticket-agent-assignment-changed',
      [{ id: 'zd-35436-01JDZ9R0AA1B2C3D4E5F6G7H8J-assigned', type: 'ticket.assigned', ts: at(8, 1), ticket_id: 'zd-35436', agent_id: 'zd-agent-235324' }],
    ],
    [
      'event-ticket-reassigned',
      [{ id: 'zd-35436-01JDZ9R9ZZ1B2C3D4E5F6G7H8K-assigned', type: 'ticket.assigned', ts: at(8, 2), ticket_id: 'zd-35436', agent_id: 'bea' }],
    ],
    [
      'event-ticket-comment-added-agent',
      [{ id: 'zd-35436-01JDZ9S1CM2B3C4D5E6F7G8H9K-agent-reply', type: 'ticket.agent_replied', ts: at(8, 3), ticket_id: 'zd-35436', agent_id: 'bea' }],
    ],
    [
      'event-ticket-comment-added-requester',
      [{ id: 'zd-35436-01JDZ9S7RQ2B3C4D5E6F7G8H9M-customer-reply', type: 'ticket.customer_replied', ts: at(8, 4), ticket_id: 'zd-35436' }],
    ],
    [
      'event-ticket-priority-changed',
      [{ id: 'zd-35436-01JDZ9T2PR3C4D5E6F7G8H9J0K-updated', type: 'ticket.updated', ts: at(8, 5), ticket_id: 'zd-35436', priority: 'urgent' }],
    ],
    [
      'event-ticket-group-assignment-changed',
      // an unmapped group is a queue of its own, named by its id
      [{ id: 'zd-35436-01JDZ9T8GR3C4D5E6F7G8H9J0M-updated', type: 'ticket.updated', ts: at(8, 6), ticket_id: 'zd-35436', queue: '360001234567' }],
    ],
    [
      'event-ticket-status-changed',
      [{ id: 'zd-35436-01JDZ9V4ST4D5E6F7G8H9J0K1L-status', type: 'ticket.status_changed', ts: at(8, 10), ticket_id: 'zd-35436', status: 'solved' }],
    ],
  ];
  for (const [name, expected] of cases) {
    it(`${name} (${expected.map((e) => e.type).join(', ')})`, async () => {
      const r = await postFixture(name);
      expect(r.status).toBe(202);
      expect(r.body.events).toEqual(expected.map((e) => e.id));
      expect(await stored(expected.map((e) => e.id as string))).toEqual(expected);
    });
  }

  it('ignores a private comment (an internal note is not a reply)', async () => {
    const r = await postFixture('event-ticket-comment-added-private');
    expect(r.body).toEqual({
      accepted: 0,
      duplicates: 0,
      ignored: 1,
      events: [],
      notes: ['zen:event-type:ticket.comment_added: a private comment (internal note) is not a reply'],
    });
  });

  it('opens a ticket created as pending with its status', async () => {
    const p = payload('event-ticket-created');
    Object.assign(p, { id: 'f5c2a6e0-pending' });
    Object.assign(p.detail, { id: '35500', status: 'PENDING', assignee_id: '235399', group_id: null, brand_id: '123', tags: [], via: { channel: 'voice' } });
    p.subject = 'zen:ticket:35500';
    const r = await post(p);
    expect(await stored(r.body.events)).toEqual([
      {
        id: 'zd-35500-f5c2a6e0-pending-created',
        type: 'ticket.created',
        ts: at(8, 0),
        ticket_id: 'zd-35500',
        queue: 'default',
        channel: 'phone',
        priority: 'high',
        agent_id: 'bea',
        requester: { id: 'zd-user-20978392', tier: 'standard' },
      },
      { id: 'zd-35500-f5c2a6e0-pending-status', type: 'ticket.status_changed', ts: at(8, 0), ticket_id: 'zd-35500', status: 'pending' },
    ]);
  });
});

describe('trigger bodies map to canonical events', () => {
  const cases: [string, Record<string, unknown>[]][] = [
    [
      'trigger-ticket-created',
      [
        {
          id: 'zd-1234-i8350205582-created',
          type: 'ticket.created',
          ts: at(8, 30, 12),
          ticket_id: 'zd-1234',
          queue: 'billing',
          channel: 'web',
          priority: 'urgent',
          requester: { id: 'zd-user-555001', tier: 'vip' },
        },
      ],
    ],
    ['trigger-ticket-assigned', [{ id: 'zd-1234-i8350205583-assigned', type: 'ticket.assigned', ts: at(8, 31, 40), ticket_id: 'zd-1234', agent_id: 'max' }]],
    [
      'trigger-ticket-updated',
      [
        {
          id: 'zd-1234-i8350205584-updated',
          type: 'ticket.updated',
          ts: at(8, 32),
          ticket_id: 'zd-1234',
          priority: 'high',
          queue: 'tech',
          requester: { id: 'zd-user-555001', tier: 'standard' },
        },
      ],
    ],
    [
      'trigger-ticket-agent-replied',
      [{ id: 'zd-1234-i8350205585-agent-reply', type: 'ticket.agent_replied', ts: at(8, 33, 5), ticket_id: 'zd-1234', agent_id: 'max' }],
    ],
    [
      'trigger-ticket-customer-replied',
      [{ id: 'zd-1234-i8350205586-customer-reply', type: 'ticket.customer_replied', ts: at(8, 34, 20), ticket_id: 'zd-1234' }],
    ],
    [
      'trigger-ticket-status-changed',
      [{ id: 'zd-1234-i8350205587-status', type: 'ticket.status_changed', ts: at(8, 40), ticket_id: 'zd-1234', status: 'solved' }],
    ],
    [
      'trigger-csat-rated',
      [
        {
          id: 'zd-1234-i8350205588-csat-good',
          type: 'csat.rated',
          ts: at(8, 50),
          ticket_id: 'zd-1234',
          score: 'good',
          agent_id: 'max',
          comment: 'Quick and kind, thanks',
        },
      ],
    ],
  ];
  cases.forEach(([name, expected], i) => {
    it(`${name} (${expected.map((e) => e.type).join(', ')})`, async () => {
      const r = await trigger(name, String(8350205582 + i));
      expect(r.status).toBe(202);
      expect(await stored(r.body.events)).toEqual(expected);
    });
  });

  it('takes the seconds from the signature time when the body prints the minute only', async () => {
    const now = Date.now();
    const minute = new Date(Math.floor(now / 60_000) * 60_000).toISOString().replace(/:00\.000Z$/, 'Z');
    const p = payload('trigger-ticket-customer-replied');
    p.ticket.updated_at = minute;
    const r = await post(p, { secret: TRIGGER_SECRET, when: now, headers: { [INVOCATION]: '8350209999' } });
    const [e] = await stored(r.body.events);
    expect(e!.ts).toBe(Math.floor(now / 1000) * 1000);
  });
});

describe('redelivery', () => {
  it('is a duplicate: an event subscription redelivered keeps its Zendesk event id', async () => {
    const first = await postFixture('event-ticket-comment-added-requester');
    expect(first.body.accepted + first.body.duplicates).toBe(1);
    const again = await postFixture('event-ticket-comment-added-requester');
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ accepted: 0, duplicates: 1, ignored: 0, events: ['zd-35436-01JDZ9S7RQ2B3C4D5E6F7G8H9M-customer-reply'] });
  });

  it('is a duplicate: a trigger delivery retried keeps its invocation id, or without one its body', async () => {
    const p = payload('trigger-ticket-agent-replied');
    p.ticket.id = '5555';
    const first = await post(p, { secret: TRIGGER_SECRET, headers: { [INVOCATION]: '9000000001' } });
    const retry = await post(p, { secret: TRIGGER_SECRET, headers: { [INVOCATION]: '9000000001' } });
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(retry.body).toEqual({ accepted: 0, duplicates: 1, ignored: 0, events: first.body.events });

    p.ticket.id = '5556';
    const bare = await post(p, { secret: TRIGGER_SECRET });
    const bareAgain = await post(p, { secret: TRIGGER_SECRET });
    expect(bare.body.events[0]).toMatch(/^zd-5556-b[0-9a-f]{16}-agent-reply$/);
    expect(bareAgain.body).toEqual({ accepted: 0, duplicates: 1, ignored: 0, events: bare.body.events });
  });
});

describe('unknown event types', () => {
  it('are ignored with a 202 and counted, not refused', async () => {
    const before = getSourceCounters();
    const user = await postFixture('event-user-active-changed');
    const subject = await postFixture('event-ticket-subject-changed');
    const merged = await trigger('trigger-unknown-event', '8350205599');
    for (const r of [user, subject, merged]) {
      expect(r.status).toBe(202);
      expect(r.body).toMatchObject({ accepted: 0, duplicates: 0, ignored: 1, events: [] });
    }
    expect(user.body.notes).toEqual(['zen:event-type:user.active_changed: not an event Pulse maps']);
    expect(merged.body.notes).toEqual(["pulse_event 'ticket.merged': not an event Pulse maps"]);
    const after = getSourceCounters();
    expect(after.pulse_source_zendesk_unknown_types_total! - before.pulse_source_zendesk_unknown_types_total!).toBe(3);
    expect(after.pulse_source_zendesk_ignored_total! - before.pulse_source_zendesk_ignored_total!).toBe(3);
  });
});

describe('unmappable payloads', () => {
  it('answer 422 naming what could not be mapped, and store nothing', async () => {
    const noTicket = payload('event-ticket-status-changed');
    noTicket.id = 'no-ticket-1';
    delete noTicket.detail.id;
    delete noTicket.subject;
    const a = await post(noTicket);
    expect(a.status).toBe(422);
    expect(a.body).toEqual({
      error: 'could not map the zendesk payload: zen:event-type:ticket.status_changed: the ticket id (detail.id) is missing',
      field: 'detail.id',
    });

    const noAgent = payload('trigger-ticket-agent-replied');
    noAgent.current_user.id = '';
    const b = await post(noAgent, { secret: TRIGGER_SECRET });
    expect(b.status).toBe(422);
    expect(b.body).toEqual({
      error: 'could not map the zendesk payload: trigger ticket.agent_replied: the replying agent (current_user.id) is missing',
      field: 'current_user.id',
    });

    const badPriority = payload('trigger-ticket-updated');
    badPriority.ticket.priority = 'Sky-high';
    const c = await post(badPriority, { secret: TRIGGER_SECRET });
    expect(c.status).toBe(422);
    expect(c.body).toEqual({
      error: "could not map the zendesk payload: ticket.priority: priority 'sky-high' is not one of low, normal, high, urgent",
      field: 'ticket.priority',
    });

    const longQueue = payload('trigger-ticket-updated');
    Object.assign(longQueue.ticket, { id: '7777', group_id: '', group: 'q'.repeat(300) });
    const d = await post(longQueue, { secret: TRIGGER_SECRET });
    expect(d.status).toBe(422);
    expect(d.body).toEqual({ error: 'could not map the zendesk payload to ticket.updated: queue: longer than 256 characters', field: 'queue' });

    const neither = await post({ hello: 'world' });
    expect(neither.status).toBe(422);
    expect(neither.body.field).toBe('type');

    const ids = [...(await streamEvents()).keys()];
    expect(ids.some((id) => id.includes('no-ticket-1') || id.startsWith('zd-7777'))).toBe(false);
  });

  it('answer 400 to a signed body that is not JSON', async () => {
    const r = await post('{"type": "zen:event-type:ticket.created", ');
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^the body is not valid JSON/);
  });
});

describe('live state', () => {
  it('shows a ticket from a trigger in its mapped queue and channel', async () => {
    const p = payload('trigger-ticket-created');
    const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
    Object.assign(p.ticket, { id: '9001', created_at: now, updated_at: now, via: 'Mail', tags: '' });
    const r = await post(p, { secret: TRIGGER_SECRET, headers: { [INVOCATION]: '8350300001' } });
    expect(r.body.accepted).toBe(1);
    const live = await eventually(
      () => getJson(t.url, '/v1/live'),
      (res) => res.body.queues?.billing?.unassigned_tickets === 1,
    );
    expect(live.body.queues.billing.unsolved_tickets).toBe(1);
    expect(live.body.channels.email.unsolved_tickets).toBeGreaterThanOrEqual(1);
  });
});

describe('rate limits', () => {
  it('give the source the ingest budget of its own, not the per-address budget of reads', async () => {
    const limited = await startTestPulse({
      workers: { live: false, history: false },
      alerts: { enabled: false },
      rateLimit: { ingestPerMinute: 3, readPerMinute: 1 },
      sources: { zendesk: { secret: SECRET } },
    });
    try {
      const statuses: number[] = [];
      let last: any;
      for (let i = 0; i < 4; i++) {
        last = await postFixture('event-user-active-changed', { url: limited.url });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([202, 202, 202, 429]);
      expect(last.body.error).toMatch(/^rate limit of 3 requests per minute exceeded for the zendesk source; retry in \d+ s$/);
    } finally {
      await limited.close();
    }
  });
});

describe('a server without a Zendesk secret', () => {
  it('answers 404 saying how to enable the source', async () => {
    const bare = await startTestPulse({ workers: { live: false, history: false }, alerts: { enabled: false } });
    try {
      const r = await postFixture('event-ticket-created', { url: bare.url });
      expect(r.status).toBe(404);
      expect(r.body.error).toBe('the zendesk source is not enabled: set sources.zendesk.secret (PULSE_ZENDESK_SECRET) to the webhook signing secret');
    } finally {
      await bare.close();
    }
  });
});

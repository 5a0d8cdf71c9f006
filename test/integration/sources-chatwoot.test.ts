// Issue 9: Chatwoot webhooks in, canonical events out. Real server, real HTTP, real Redis; payloads are
// the fixtures under test/fixtures/sources/chatwoot, written from Chatwoot's docs and source (each names
// its page). Events are read back from the stream as stored.
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getSourceCounters } from '../../packages/server/src/sources/plugin.ts';
import { eventually, getJson, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

const TOKEN = 'cw-path-token-4f9d2c7e1b8a6035';
const SECRET = 'chatwoot-webhook-signing-secret';

let t: TestPulse;
let redis: Redis;
beforeAll(async () => {
  t = await startTestPulse({
    workers: { live: true, history: false },
    alerts: { enabled: false },
    sources: {
      chatwoot: {
        token: TOKEN,
        secret: SECRET,
        inboxes: { '1': { queue: 'web-support' }, '2': { queue: 'bots' } },
        teams: { '3': 'billing' },
        agents: { '1': 'john' },
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
const sec = (ms: number) => ms / 1000;

function fixture(name: string): { source: string; payload: any } {
  return JSON.parse(readFileSync(new URL(`../fixtures/sources/chatwoot/${name}.json`, import.meta.url), 'utf8'));
}
const payload = (name: string) => structuredClone(fixture(name).payload);

/**
 * Chatwoot's signed headers: `sha256=` + hex HMAC-SHA256(secret, `<unix seconds>.<body>`), and the
 * delivery id that every attempt of one delivery keeps (`delivery: null` leaves it out).
 */
function signed(body: string, opts: Sign = {}): Record<string, string> {
  const ts = String(Math.floor((opts.when ?? Date.now()) / 1000));
  return {
    'x-chatwoot-signature': `sha256=${createHmac('sha256', opts.secret ?? SECRET)
      .update(`${ts}.${body}`)
      .digest('hex')}`,
    'x-chatwoot-timestamp': ts,
    ...(opts.delivery === null ? {} : { 'x-chatwoot-delivery': opts.delivery ?? randomUUID() }),
  };
}
type Sign = { secret?: string; when?: number; delivery?: string | null };

/** Posts to /v1/sources/chatwoot/<token> (the default), or signed to /v1/sources/chatwoot. */
async function post(
  body: unknown,
  opts: { token?: string | null; sign?: Sign; headers?: Record<string, string>; url?: string } = {},
): Promise<{ status: number; body: any }> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const path = opts.token === null ? '/v1/sources/chatwoot' : `/v1/sources/chatwoot/${opts.token ?? TOKEN}`;
  const res = await fetch(`${opts.url ?? t.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(opts.sign ? signed(text, opts.sign) : {}), ...opts.headers },
    body: text,
  });
  return { status: res.status, body: await res.json() };
}
const postFixture = (name: string, opts: Parameters<typeof post>[1] = {}) => post(payload(name), opts);

async function streamEvents(): Promise<Map<string, Record<string, unknown>>> {
  const entries = await redis.xrange('pulse:events', '-', '+');
  const all = entries.flatMap(([, fields]) => JSON.parse(fields[fields.indexOf('e') + 1]!) as Record<string, unknown>[]);
  return new Map(all.map((e) => [e.id as string, e]));
}
async function stored(ids: string[]) {
  const byId = await streamEvents();
  return ids.map((id) => byId.get(id));
}

describe('authentication', () => {
  it('accepts a delivery to the URL with the configured token, with no ingest token', async () => {
    const r = await postFixture('conversation-created');
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 1, duplicates: 0, ignored: 0, events: ['cw-10-requested'] });
  });

  it('accepts a delivery signed with X-Chatwoot-Signature, without a token in the URL', async () => {
    const r = await postFixture('conversation-created-email', { token: null, sign: {} });
    expect(r.status).toBe(202);
    expect(r.body.events).toEqual(['cw-30-created']);
  });

  it('answers 401 to a wrong token, and to no token and no signature', async () => {
    const wrong = await postFixture('conversation-created', { token: 'not-the-token-at-all', headers: { authorization: `Bearer ${TOKENS.ingest}` } });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('unknown source token in the URL');
    const none = await postFixture('conversation-created', { token: null });
    expect(none.status).toBe(401);
    expect(none.body.error).toBe('the request is not signed: X-Chatwoot-Signature and X-Chatwoot-Timestamp are required');
  });

  it('answers 401 to a bad signature, even on the token URL', async () => {
    const bad = await postFixture('conversation-created', { token: null, sign: { secret: 'another-secret' } });
    expect(bad.status).toBe(401);
    expect(bad.body.error).toBe('bad signature: X-Chatwoot-Signature does not match the timestamp and body signed with the configured secret');
    const both = await postFixture('conversation-created', { sign: { secret: 'another-secret' } });
    expect(both.status).toBe(401);
  });

  it('answers 401 to a replay: a valid signature older than 5 minutes without its delivery id', async () => {
    const r = await postFixture('conversation-created', { token: null, sign: { when: Date.now() - 6 * 60_000, delivery: null } });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatch(
      /^the signature timestamp \d+ is more than 5 minutes old and the request has no X-Chatwoot-Delivery: a replayed or late delivery is refused$/,
    );
  });
});

describe('retries and clock skew', () => {
  // Chatwoot signs each attempt when it sends it and keeps X-Chatwoot-Delivery for every attempt of one
  // delivery: a signature older than 5 minutes is a Chatwoot whose clock is behind, or a late retry
  const ended = () => {
    const p = payload('conversation-status-changed-resolved');
    Object.assign(p, { id: 61, updated_at: 1795334400.5 });
    return p;
  };

  it('accepts a delivery signed 20 minutes ago that carries its delivery id; its retry is a duplicate', async () => {
    const before = getSourceCounters().pulse_source_chatwoot_late_deliveries_total;
    const when = Date.now() - 20 * 60_000;
    const first = await post(ended(), { token: null, sign: { when, delivery: 'd-61-a' } });
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ accepted: 1, duplicates: 0, ignored: 0, events: ['cw-61-ended'] });
    const retry = await post(ended(), { token: null, sign: { when, delivery: 'd-61-a' } });
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual({ accepted: 0, duplicates: 1, ignored: 0, events: ['cw-61-ended'] });
    expect(getSourceCounters().pulse_source_chatwoot_late_deliveries_total! - before!).toBe(2);
  });

  it('answers 401 when the same signature comes back as another delivery', async () => {
    const when = Date.now() - 30 * 60_000; // another second than the test before: another signature
    expect((await post(ended(), { token: null, sign: { when, delivery: 'd-61-b' } })).status).toBe(202);
    const replayed = await post(ended(), { token: null, sign: { when, delivery: 'd-61-other' } });
    expect(replayed.status).toBe(401);
    expect(replayed.body.error).toBe('this signature was already used by another delivery than X-Chatwoot-Delivery d-61-other: a replayed delivery is refused');
  });

  it('answers 401 to a delivery signed longer ago than the retry window (24 h)', async () => {
    const r = await post(ended(), { token: null, sign: { when: Date.now() - 25 * 3600_000, delivery: 'd-61-c' } });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatch(/^the signature timestamp \d+ is older than the retry window \(1440 min\): a replayed or late delivery is refused$/);
  });

  it('answers 401 to a signature more than 5 minutes in the future', async () => {
    const r = await post(ended(), { token: null, sign: { when: Date.now() + 6 * 60_000 } });
    expect(r.status).toBe(401);
    expect(r.body.error).toMatch(/^the signature timestamp \d+ is more than 5 minutes in the future: check the clocks$/);
  });
});

describe('a web chat from request to rating', () => {
  const conversation = (name: string) => payload(name);
  const steps: [string, Record<string, unknown>[], number][] = [
    [
      'conversation-created',
      [
        {
          id: 'cw-10-requested',
          type: 'chat.requested',
          ts: at(8, 0),
          chat_id: 'cw-10',
          queue: 'web-support',
          channel: 'chat',
          customer: { id: 'cw-contact-12', tier: 'vip' },
        },
      ],
      0,
    ],
    // an assignment is not an answer: the customer is served by the first agent reply
    ['conversation-updated-assigned', [], 1],
    ['message-created-outgoing', [{ id: 'cw-10-m120-answered', type: 'chat.answered', ts: at(8, 1), chat_id: 'cw-10', agent_id: 'john' }], 0],
    ['message-created-incoming', [], 1],
    ['message-created-private', [], 1],
    [
      'conversation-updated-reassigned',
      [{ id: `cw-10-${sec(at(8, 3, 0, 250))}-t2-agent`, type: 'chat.transferred', ts: at(8, 3, 0, 250), chat_id: 'cw-10', to_agent_id: 'cw-agent-2' }],
      0,
    ],
    [
      'conversation-updated-team',
      [{ id: `cw-10-${sec(at(8, 4, 0, 750))}-t1-queue`, type: 'chat.transferred', ts: at(8, 4, 0, 750), chat_id: 'cw-10', to_queue: 'billing' }],
      1,
    ],
    ['conversation-status-changed-resolved', [{ id: 'cw-10-ended', type: 'chat.ended', ts: at(8, 10, 0, 100), chat_id: 'cw-10' }], 0],
    ['message-updated-csat-unanswered', [], 1],
    [
      'message-updated-csat',
      [{ id: 'cw-10-m130-csat-4', type: 'csat.rated', ts: at(8, 12, 0, 200), chat_id: 'cw-10', rating: 4, agent_id: 'cw-agent-2', comment: 'Great help' }],
      0,
    ],
  ];
  for (const [name, expected, ignored] of steps) {
    it(`${name} → ${expected.map((e) => e.type).join(', ') || 'nothing'}`, async () => {
      const r = await post(conversation(name));
      expect(r.status).toBe(202);
      expect(r.body.events).toEqual(expected.map((e) => e.id));
      expect(r.body.ignored).toBe(ignored);
      expect(await stored(expected.map((e) => e.id as string))).toEqual(expected);
    });
  }

  it('says why a delivery mapped to nothing', async () => {
    const r = await postFixture('message-created-private');
    expect(r.body.notes).toEqual(['message_created: a private note is not a reply']);
    const assigned = await postFixture('conversation-updated-assigned');
    expect(assigned.body.notes).toEqual([
      "conversation_updated: an assignment does not answer a chat (answerOnAssignment is off); the agent's first reply does",
    ]);
    const team = await postFixture('conversation-updated-team');
    expect(team.body.notes).toEqual(['conversation_updated: an unassigned chat keeps its state in Pulse']);
  });
});

describe('a bot inbox: the chat waits from its handoff', () => {
  it('ignores a pending conversation, then requests the chat when it opens', async () => {
    const created = await postFixture('conversation-created-pending');
    expect(created.body).toMatchObject({ accepted: 0, ignored: 1, events: [] });
    const opened = await postFixture('conversation-status-changed-open');
    expect(await stored(opened.body.events)).toEqual([
      {
        id: 'cw-20-requested',
        type: 'chat.requested',
        ts: at(8, 21, 0, 400),
        chat_id: 'cw-20',
        queue: 'bots',
        channel: 'chat',
        customer: { id: 'cw-contact-12', tier: 'standard' },
      },
    ]);
  });
});

describe('an e-mail inbox: conversations are tickets', () => {
  it('maps created, agent reply and resolve to ticket events', async () => {
    const created = await postFixture('conversation-created-email');
    const reply = await postFixture('message-created-email-outgoing');
    const resolved = await postFixture('conversation-status-changed-email-resolved');
    expect(await stored([...created.body.events, ...reply.body.events, ...resolved.body.events])).toEqual([
      {
        id: 'cw-30-created',
        type: 'ticket.created',
        ts: at(8, 30),
        ticket_id: 'cw-30',
        queue: 'inbox-4',
        channel: 'email',
        priority: 'high',
        requester: { id: 'cw-contact-12', tier: 'standard' },
      },
      { id: 'cw-30-m300-agent-reply', type: 'ticket.agent_replied', ts: at(8, 35), ticket_id: 'cw-30', agent_id: 'john' },
      { id: `cw-30-${sec(at(8, 40, 0, 900))}-status-solved`, type: 'ticket.status_changed', ts: at(8, 40, 0, 900), ticket_id: 'cw-30', status: 'solved' },
    ]);
  });
});

describe('redelivery', () => {
  it('is a duplicate, not a second event', async () => {
    await postFixture('message-created-outgoing');
    const again = await postFixture('message-created-outgoing');
    expect(again.status).toBe(202);
    expect(again.body).toEqual({ accepted: 0, duplicates: 1, ignored: 0, events: ['cw-10-m120-answered'] });
    const resolvedTwice = await postFixture('conversation-status-changed-resolved', { token: null, sign: {} });
    expect(resolvedTwice.body).toMatchObject({ accepted: 0, duplicates: 1 });
  });
});

describe('unknown event types', () => {
  it('are ignored with a 202 and counted', async () => {
    const before = getSourceCounters();
    const r = await postFixture('webwidget-triggered');
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 0, duplicates: 0, ignored: 1, events: [], notes: ['webwidget_triggered: not an event Pulse maps'] });
    const typing = await post({ event: 'conversation_typing_on', user: { id: 1 }, conversation: payload('conversation-created'), is_private: false });
    expect(typing.body.ignored).toBe(1);
    const after = getSourceCounters();
    expect(after.pulse_source_chatwoot_unknown_types_total! - before.pulse_source_chatwoot_unknown_types_total!).toBe(2);
  });
});

describe('unmappable payloads', () => {
  it('answer 422 naming what could not be mapped, and store nothing', async () => {
    const noId = payload('conversation-created');
    delete noId.id;
    const a = await post(noId);
    expect(a.status).toBe(422);
    expect(a.body).toEqual({ error: 'could not map the chatwoot payload: the conversation id (id) is missing', field: 'id' });

    const noConversation = payload('message-created-outgoing');
    delete noConversation.conversation;
    const b = await post(noConversation);
    expect(b.status).toBe(422);
    expect(b.body.field).toBe('conversation');

    const badRating = payload('message-updated-csat');
    badRating.id = 999;
    badRating.content_attributes.submitted_values.csat_survey_response.rating = 9;
    const c = await post(badRating);
    expect(c.status).toBe(422);
    expect(c.body).toEqual({
      error: 'could not map the chatwoot payload: message_updated: content_attributes.submitted_values.csat_survey_response.rating must be 1..5, not 9',
      field: 'content_attributes.submitted_values.csat_survey_response.rating',
    });

    const noEvent = await post({ id: 1 });
    expect(noEvent.status).toBe(422);
    expect(noEvent.body.field).toBe('event');

    const ids = [...(await streamEvents()).keys()];
    expect(ids.some((id) => id.includes('m999'))).toBe(false);
  });
});

describe('live state', () => {
  it('shows a new web chat waiting in its inbox queue, on the chat channel', async () => {
    const p = payload('conversation-created');
    Object.assign(p, { id: 41, labels: [], created_at: Math.floor(Date.now() / 1000), updated_at: Date.now() / 1000 });
    const r = await post(p);
    expect(r.body.events).toEqual(['cw-41-requested']);
    const live = await eventually(
      () => getJson(t.url, '/v1/live'),
      (res) => res.body.queues?.['web-support']?.waiting === 1,
    );
    expect(live.body.queues['web-support'].waiting).toBe(1);
    expect(live.body.channels.chat.waiting).toBeGreaterThanOrEqual(1);
  });
});

describe('a chat is answered by the first agent reply, not by its assignment', () => {
  // Chatwoot's auto-assignment creates the conversation already assigned; the customer waits until an
  // agent replies (Chatwoot's own first_reply_created_at is set by that reply: app/models/message.rb)
  it('counts the wait until the reply: 4 min 15 s, not 0 s', async () => {
    const createdS = Math.floor(Date.now() / 1000) - 300;
    const conversation = (over: Record<string, unknown> = {}) => {
      const c = payload('conversation-created');
      Object.assign(c, { id: 71, inbox_id: 7, labels: [], created_at: createdS, updated_at: createdS, timestamp: createdS, ...over });
      c.meta.assignee = { id: 1, name: 'John', available_name: 'John', type: 'user', availability_status: 'online' };
      c.meta.assignee_type = 'User';
      return c;
    };
    const created = await post(conversation());
    expect(created.body).toEqual({ accepted: 1, duplicates: 0, ignored: 0, events: ['cw-71-requested'] });

    const reassigned = payload('conversation-updated-reassigned');
    Object.assign(reassigned, conversation({ updated_at: createdS + 120, first_reply_created_at: null }), {
      event: 'conversation_updated',
      changed_attributes: [{ assignee_id: { previous_value: 1, current_value: 2 } }],
    });
    reassigned.meta.assignee = { id: 2, name: 'Priya', available_name: 'Priya', type: 'user' };
    const r = await post(reassigned);
    expect(r.body).toEqual({
      accepted: 0,
      duplicates: 0,
      ignored: 1,
      events: [],
      notes: ['conversation_updated: reassigned before the first reply; the chat keeps waiting until an agent replies'],
    });

    const reply = payload('message-created-outgoing');
    Object.assign(reply, { id: 710, created_at: new Date((createdS + 255) * 1000).toISOString(), conversation: reassigned });
    reply.inbox = { id: 7, name: 'Sales chat' };
    reply.sender = { id: 2, name: 'Priya Raman', available_name: 'Priya', type: 'user' };
    const answered = await post(reply);
    expect(await stored(answered.body.events)).toEqual([
      { id: 'cw-71-m710-answered', type: 'chat.answered', ts: (createdS + 255) * 1000, chat_id: 'cw-71', agent_id: 'cw-agent-2' },
    ]);

    const live = await eventually(
      () => getJson(t.url, '/v1/live'),
      (res) => res.body.queues?.['inbox-7']?.windows['15m'].answered === 1,
    );
    expect(live.body.queues['inbox-7'].windows['15m']).toMatchObject({ offered: 1, answered: 1, asa_s: 255 });
    expect(live.body.queues['inbox-7'].waiting).toBe(0);
  });

  it('shows the agent who answered by name, online because Chatwoot sends no presence here and the agent holds a chat', async () => {
    const live = await getJson(t.url, '/v1/live');
    const priya = live.body.agents.find((a: { id: string }) => a.id === 'cw-agent-2');
    expect({ ...priya, queues: [...priya.queues].sort() }).toEqual({
      id: 'cw-agent-2',
      name: 'Priya',
      status: 'online',
      status_since: null,
      queues: ['billing', 'inbox-7', 'web-support'],
      active_chats: 1,
      chat_capacity: 3,
      load_pct: 100 / 3,
      open_tickets: 0,
      handled_today: 0,
      timeline: [],
      presence: 'inferred',
    });
    expect(live.body.agents.map((a: { id: string }) => a.id)).toEqual(['cw-agent-2']);
    expect(live.body.overall.agents_online).toBe(1);
    expect(live.body.queues['inbox-7'].agents_online).toBe(1);
  });
});

describe('a server without a Chatwoot token or secret', () => {
  it('answers 404 saying how to enable the source', async () => {
    const bare = await startTestPulse({ workers: { live: false, history: false }, alerts: { enabled: false } });
    try {
      const r = await postFixture('conversation-created', { url: bare.url });
      expect(r.status).toBe(404);
      expect(r.body.error).toBe(
        'the chatwoot source is not enabled: set sources.chatwoot.token (PULSE_CHATWOOT_TOKEN) or sources.chatwoot.secret (PULSE_CHATWOOT_SECRET)',
      );
    } finally {
      await bare.close();
    }
  });
});

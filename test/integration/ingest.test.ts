// SPEC §1: POST /v1/events — shapes of body, per-item errors, limits, duplicates, auth, durability.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
let redis: Redis;
beforeAll(async () => {
  // live and history workers off: these tests read what ingest appended to the stream itself (and no
  // live group applies it, so its backpressure bound is lifted: backpressure.test.ts tests it)
  t = await startTestPulse({ workers: { live: false, history: false }, stream: { maxLiveLagEvents: 1_000_000 } });
  redis = new Redis(t.redis.url);
});
afterAll(async () => {
  redis?.disconnect();
  await t?.close();
});

const ts = '2026-01-05T10:00:00Z';
const requested = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  type: 'chat.requested',
  ts,
  chat_id: `chat-${id}`,
  queue: 'billing',
  ...extra,
});

async function streamEvents(): Promise<{ id: string; ts: number }[]> {
  const entries = await redis.xrange('pulse:events', '-', '+');
  return entries.flatMap(([, fields]) => JSON.parse(fields[fields.indexOf('e') + 1]!));
}

describe('body shapes', () => {
  it('takes one event object', async () => {
    const r = await postEvents(t.url, requested('one-1'));
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 1, duplicates: 0, rejected: [] });
  });

  it('takes a JSON array', async () => {
    const r = await postEvents(t.url, [requested('arr-1'), requested('arr-2')]);
    expect(r.body).toEqual({ accepted: 2, duplicates: 0, rejected: [] });
  });

  it('takes NDJSON, skipping blank lines, and names a bad line by its number', async () => {
    const body = `${JSON.stringify(requested('nd-1'))}\n\n${JSON.stringify(requested('nd-2'))}\n{not json\n`;
    const r = await postEvents(t.url, body, { raw: true, contentType: 'application/x-ndjson' });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ accepted: 2, duplicates: 0, rejected: [{ index: 2, error: 'line 4: not valid JSON' }] });
  });

  it('answers 400 for a body that is not JSON, naming the problem', async () => {
    const r = await postEvents(t.url, '{"id": ', { raw: true });
    expect(r.status).toBe(400);
    expect(r.body.error).toMatch(/^the body is not valid JSON/);
  });

  it('answers 415 for another content type', async () => {
    const r = await postEvents(t.url, 'id=1', { raw: true, contentType: 'application/x-www-form-urlencoded' });
    expect(r.status).toBe(415);
    expect(r.body.error).toBe('Content-Type must be application/json or application/x-ndjson');
  });

  it('answers 400 for an empty batch', async () => {
    const r = await postEvents(t.url, []);
    expect(r.status).toBe(400);
    expect(r.body.error).toBe('the batch holds no events');
  });
});

describe('validation', () => {
  it('accepts the valid events of a batch and lists the rejected ones by index, id and field', async () => {
    const r = await postEvents(t.url, [
      requested('mix-1'),
      requested('mix-2', { channel: 'fax' }),
      { id: 'mix-3', type: 'chat.exploded', ts },
      requested('mix-4', { surprise: true }),
      { id: 'mix-5', type: 'ticket.created', ts, queue: 'billing', channel: 'email' },
      requested('mix-6', { ts: Date.now() + 6 * 60_000 }),
      requested('mix-7', { ts: 'last tuesday' }),
      { type: 'chat.ended', ts, chat_id: 'x' },
      requested('mix-9'),
    ]);
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(2);
    expect(r.body.duplicates).toBe(0);
    expect(r.body.rejected).toEqual([
      { index: 1, id: 'mix-2', error: 'channel: must be one of chat, voice, messaging, social' },
      {
        index: 2,
        id: 'mix-3',
        error:
          "type: unknown event type 'chat.exploded'; expected one of ticket.created, ticket.updated, ticket.assigned, ticket.agent_replied, ticket.customer_replied, ticket.status_changed, chat.requested, chat.answered, chat.transferred, chat.ended, chat.abandoned, csat.rated, agent.status_changed",
      },
      { index: 3, id: 'mix-4', error: 'surprise: unknown field' },
      { index: 4, id: 'mix-5', error: 'ticket_id: is required' },
      { index: 5, id: 'mix-6', error: 'ts: more than 5 minutes in the future' },
      { index: 6, id: 'mix-7', error: 'ts: must be an RFC 3339 string or epoch milliseconds' },
      { index: 7, error: 'id: is required' },
    ]);
    const stored = (await streamEvents()).map((e) => e.id);
    expect(stored).toContain('mix-1');
    expect(stored).toContain('mix-9');
    expect(stored).not.toContain('mix-2');
  });

  it('answers 400 with the rejected list when no event is valid', async () => {
    const r = await postEvents(t.url, [requested('bad-1', { queue: '' }), 42]);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      accepted: 0,
      duplicates: 0,
      rejected: [
        { index: 0, id: 'bad-1', error: 'queue: must not be empty' },
        { index: 1, error: 'event: must be a JSON object' },
      ],
    });
  });

  it('bounds strings: ids 128, names 256, comments 4,096 characters', async () => {
    const r = await postEvents(t.url, [
      requested('x'.repeat(129)),
      requested('long-name', { queue: 'q'.repeat(257) }),
      { id: 'long-comment', type: 'csat.rated', ts, chat_id: 'c', score: 'good', comment: 'c'.repeat(4097) },
      { id: 'ok-comment', type: 'csat.rated', ts, chat_id: 'c', score: 'good', comment: 'c'.repeat(4096) },
    ]);
    expect(r.body.rejected.map((x: { error: string }) => x.error)).toEqual([
      'id: longer than 128 characters',
      'queue: longer than 256 characters',
      'comment: longer than 4096 characters',
    ]);
    expect(r.body.accepted).toBe(1);
  });

  it('normalises ts to epoch milliseconds, from RFC 3339 with an offset or from a number', async () => {
    await postEvents(t.url, [requested('ts-1', { ts: '2026-01-05T11:30:00.250+01:00' }), requested('ts-2', { ts: 1767607200000 })]);
    const byId = new Map((await streamEvents()).map((e) => [e.id, e.ts]));
    expect(byId.get('ts-1')).toBe(Date.UTC(2026, 0, 5, 10, 30, 0, 250));
    expect(byId.get('ts-2')).toBe(1767607200000);
  });
});

describe('poison input', () => {
  const post = async (body: string | Buffer, contentType = 'application/json') => {
    const res = await fetch(`${t.url}/v1/events`, {
      method: 'POST',
      headers: { 'content-type': contentType, authorization: `Bearer ${TOKENS.ingest}` },
      body: body as BodyInit,
    });
    return { status: res.status, body: await res.json() };
  };

  it('rejects a string with a lone surrogate, naming the field, and keeps the rest of the batch', async () => {
    // JSON escapes of lone surrogates: valid JSON and valid UTF-8, but not well-formed Unicode
    const body = `[${JSON.stringify(requested('ws-ok'))},
      {"id": "ws-1", "type": "chat.requested", "ts": "${ts}", "chat_id": "c", "queue": "bil\\ud800ling"},
      {"id": "ws-2", "type": "ticket.created", "ts": "${ts}", "ticket_id": "t", "queue": "q", "channel": "email", "requester": {"id": "\\udc00", "tier": "vip"}},
      {"id": "ws-3", "type": "agent.status_changed", "ts": "${ts}", "agent_id": "a", "status": "online", "queues": ["ok", "\\udfff"]},
      {"id": "ws-\\ud83d", "type": "chat.ended", "ts": "${ts}", "chat_id": "c"},
      {"id": "ws-pair-\\ud83d\\ude00", "type": "chat.ended", "ts": "${ts}", "chat_id": "c\\ud83d\\ude00"}]`;
    const r = await post(body);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      accepted: 2,
      duplicates: 0,
      rejected: [
        { index: 1, id: 'ws-1', error: 'queue: must be well-formed Unicode (it holds a lone surrogate)' },
        { index: 2, id: 'ws-2', error: 'requester.id: must be well-formed Unicode (it holds a lone surrogate)' },
        { index: 3, id: 'ws-3', error: 'queues.1: must be well-formed Unicode (it holds a lone surrogate)' },
        { index: 4, id: 'ws-\ud83d', error: 'id: must be well-formed Unicode (it holds a lone surrogate)' },
      ],
    });
    expect((await streamEvents()).map((e) => e.id)).toContain('ws-pair-😀');
  });

  it('answers 400 for a body that is not UTF-8, naming where, instead of merging two ids into one', async () => {
    // ids "u-\xff" and "u-\xfe": a lenient decoder makes both "u-\ufffd", the second a "duplicate"
    const chat = (idBytes: number[]) => [
      ...Buffer.from('{"id":"u-'),
      ...idBytes,
      ...Buffer.from(`","type":"chat.requested","ts":"${ts}","chat_id":"u","queue":"q"}`),
    ];
    const body = Buffer.from([...Buffer.from('['), ...chat([0xff]), ...Buffer.from(','), ...chat([0xfe]), ...Buffer.from(']')]);
    const r = await post(body);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ error: 'the body is not valid UTF-8 (the bytes at offset 10 are not a UTF-8 character); send UTF-8 encoded JSON' });
    // NDJSON too; an overlong encoding and a UTF-8-encoded surrogate are not UTF-8 either
    const nd = await post(Buffer.from([...chat([0xc0, 0xaf]), 0x0a]), 'application/x-ndjson');
    expect(nd.status).toBe(400);
    expect(nd.body.error).toBe('the body is not valid UTF-8 (the bytes at offset 9 are not a UTF-8 character); send UTF-8 encoded JSON');
    const cesu = await post(Buffer.from(chat([0xed, 0xa0, 0x80])));
    expect(cesu.body.error).toBe('the body is not valid UTF-8 (the bytes at offset 9 are not a UTF-8 character); send UTF-8 encoded JSON');
    expect((await streamEvents()).some((e) => e.id.startsWith('u-'))).toBe(false);
  });

  it('rejects ts older than the configured bound (3 years by default), naming ts and the bound', async () => {
    const day = 86_400_000;
    const r = await postEvents(t.url, [
      requested('old-1', { ts: '1000-01-01T00:00:00Z' }),
      requested('old-2', { ts: 0 }),
      requested('old-3', { ts: Date.now() - 1095 * day - 60_000 }),
      requested('old-ok', { ts: Date.now() - 1094 * day }),
    ]);
    expect(r.status).toBe(202);
    expect(r.body).toEqual({
      accepted: 1,
      duplicates: 0,
      rejected: [
        { index: 0, id: 'old-1', error: 'ts: more than 1095 days in the past' },
        { index: 1, id: 'old-2', error: 'ts: more than 1095 days in the past' },
        { index: 2, id: 'old-3', error: 'ts: more than 1095 days in the past' },
      ],
    });
  });

  it('rejects an RFC 3339 ts that is not a real calendar date or time', async () => {
    const r = await postEvents(t.url, [
      requested('cal-1', { ts: '2026-02-30T10:00:00Z' }),
      requested('cal-2', { ts: '2025-02-29T10:00:00Z' }),
      requested('cal-3', { ts: '2026-04-31T10:00:00+02:00' }),
      requested('cal-4', { ts: '2026-01-05T24:00:00Z' }),
      requested('cal-5', { ts: '2026-01-05T10:00:00+24:00' }),
      requested('cal-ok', { ts: '2024-02-29T10:00:00Z' }),
    ]);
    expect(r.body.rejected).toEqual([
      { index: 0, id: 'cal-1', error: 'ts: 2026-02-30 is not a calendar date' },
      { index: 1, id: 'cal-2', error: 'ts: 2025-02-29 is not a calendar date' },
      { index: 2, id: 'cal-3', error: 'ts: 2026-04-31 is not a calendar date' },
      { index: 3, id: 'cal-4', error: 'ts: 24:00:00 is not a time of day' },
      { index: 4, id: 'cal-5', error: 'ts: 10:00:00 is not a time of day' },
    ]);
    expect(r.body.accepted).toBe(1);
  });

  it('answers 415 for text/plain and for a charset other than UTF-8, naming it', async () => {
    const body = JSON.stringify(requested('cs-1'));
    const plain = await post(body, 'text/plain');
    expect(plain).toEqual({ status: 415, body: { error: 'Content-Type must be application/json or application/x-ndjson' } });
    const latin1 = await post(body, 'application/json; charset=latin1');
    expect(latin1).toEqual({ status: 415, body: { error: "charset 'latin1' is not supported: send the body as UTF-8 (charset=utf-8)" } });
    const nd = await post(body, 'application/x-ndjson; charset="ISO-8859-1"');
    expect(nd).toEqual({ status: 415, body: { error: "charset 'ISO-8859-1' is not supported: send the body as UTF-8 (charset=utf-8)" } });
    expect((await post(body, 'application/json; charset=UTF-8')).status).toBe(202);
    expect((await post(JSON.stringify(requested('cs-2')), 'application/json;charset=utf8')).status).toBe(202);
  });
});

describe('duplicates', () => {
  it('counts a re-sent id as a duplicate and stores it once, within and across batches', async () => {
    const first = await postEvents(t.url, [requested('dup-1'), requested('dup-2'), requested('dup-1')]);
    expect(first.body).toEqual({ accepted: 2, duplicates: 1, rejected: [] });
    const again = await postEvents(t.url, [requested('dup-1'), requested('dup-2'), requested('dup-3')]);
    expect(again.body).toEqual({ accepted: 1, duplicates: 2, rejected: [] });
    const ids = (await streamEvents()).map((e) => e.id).filter((id) => id.startsWith('dup-'));
    expect(ids.sort()).toEqual(['dup-1', 'dup-2', 'dup-3']);
  });
});

describe('limits', () => {
  it('answers 413 for more than 5,000 events, saying the limits, and accepts nothing of it', async () => {
    const batch = Array.from({ length: 5001 }, (_, i) => requested(`big-${i}`));
    const r = await postEvents(t.url, batch);
    expect(r.status).toBe(413);
    expect(r.body.error).toBe('batch of 5001 events is too large: a batch holds at most 5,000 events and 5 MiB');
    expect((await streamEvents()).some((e) => e.id === 'big-0')).toBe(false);
  });

  it('accepts exactly 5,000 events', async () => {
    const batch = Array.from({ length: 5000 }, (_, i) => requested(`fit-${i}`));
    const r = await postEvents(t.url, batch);
    expect(r.status).toBe(202);
    expect(r.body.accepted).toBe(5000);
  });

  it('answers 413 for a body over 5 MiB, saying the limits', async () => {
    const body = JSON.stringify([requested('huge', { chat_id: 'x'.repeat(5 * 1024 * 1024) })]);
    const r = await postEvents(t.url, body, { raw: true });
    expect(r.status).toBe(413);
    expect(r.body.error).toBe('request body too large: a batch holds at most 5,000 events and 5 MiB');
  });
});

describe('authentication', () => {
  it('answers 401 without a token and for an unknown one', async () => {
    expect((await postEvents(t.url, requested('auth-1'), { token: '' })).status).toBe(401);
    const r = await postEvents(t.url, requested('auth-2'), { token: 'not-a-token' });
    expect(r.status).toBe(401);
    expect(r.body.error).toBe('unknown token');
  });

  it('answers 403 for a token of a role that may not send events', async () => {
    const r = await postEvents(t.url, requested('auth-3'), { token: TOKENS.viewer });
    expect(r.status).toBe(403);
    expect(r.body.error).toBe("this token's role (viewer) may not use this surface; it needs ingest");
  });

  it('never lets an ingest token read the live state', async () => {
    const res = await fetch(`${t.url}/v1/live`, { headers: { authorization: `Bearer ${TOKENS.ingest}` } });
    expect(res.status).toBe(403);
  });
});

describe('durability', () => {
  it('has appended the events to the stream before it answers 202, and they survive a kill -9 of Redis', async () => {
    const r = await postEvents(t.url, [requested('dur-1'), requested('dur-2')]);
    expect(r.status).toBe(202);
    const before = (await streamEvents()).filter((e) => e.id.startsWith('dur-')).length;
    expect(before).toBe(2);
    // appendfsync always: the AOF is fsynced before the reply, so a kill right after the 202 loses nothing
    redis.disconnect();
    await t.redis.restart();
    redis = new Redis(t.redis.url);
    const after = (await streamEvents()).filter((e) => e.id.startsWith('dur-')).map((e) => e.id);
    expect(after.sort()).toEqual(['dur-1', 'dur-2']);
    // and the dedup marks survived with them
    const again = await postEvents(t.url, [requested('dur-1')]);
    expect(again.body).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
  });
});

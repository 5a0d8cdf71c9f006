// Poison rows (issue 13): one accepted stream entry that ClickHouse refuses (a lone surrogate in an id or a
// queue), or one batch spread over 150 months, must not stop history. Each insert touches at most a bounded
// number of month partitions; refused rows are found by halving the batch and go to pulse.dead_letters
// (listed for admins, counted in /metrics), the rest is written, every group moves on, /readyz stays ready
// and the stream is trimmed behind the groups. An outage is never dead-lettered: it is retried.
import { createClient, ClickHouseLogLevel } from '@clickhouse/client';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeadLetters } from '../../packages/server/src/history/dead-letters.ts';
import { HistoryWriter } from '../../packages/server/src/history/writer.ts';
import type { StreamEntry } from '../../packages/server/src/stream/consumer.ts';
import { freePort } from '../support/ports.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
let redis: Redis;
const STREAM = 'pulse:events';
const silent = pino({ level: 'silent' });

beforeAll(async () => {
  t = await startTestPulse({ stream: { trimIntervalMs: 200, historyFlushMs: 50 } });
  redis = new Redis(t.redis.url);
});
afterAll(async () => {
  redis?.disconnect();
  await t?.close();
});

/**
 * Appends one entry with the fields the ingest script (redis/lua/ingest.lua) writes: `e` the JSON array of
 * events, `r` the received-at, `n` their count, `c` and `b` the running totals of events and bytes of `e`.
 */
async function append(stream: string, events: object[]): Promise<string> {
  const e = `[${events.map((ev) => JSON.stringify(ev)).join(',')}]`;
  const last = (await redis.xrevrange(stream, '+', '-', 'COUNT', 1))[0]?.[1] ?? [];
  const total = (name: string) => {
    for (let i = 0; i < last.length; i += 2) if (last[i] === name) return Number(last[i + 1]) || 0;
    return 0;
  };
  const n = events.length;
  return (await redis.xadd(stream, '*', 'e', e, 'r', String(Date.now()), 'n', n, 'c', total('c') + n, 'b', total('b') + e.length))!;
}

async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const rs = await t.pulse.history!.query({ query, query_params: params, format: 'JSONEachRow' });
  return rs.json<T>();
}

const countEvents = async (prefix: string) =>
  Number((await rows<{ n: string }>('SELECT count() AS n FROM pulse.events WHERE startsWith(id, {p:String})', { p: prefix }))[0]?.n);

/** Whether every group of a stream has read and acknowledged all of it. */
async function drained(stream: string): Promise<boolean> {
  const info = (await redis.xinfo('STREAM', stream)) as (string | number)[];
  const last = String(info[info.indexOf('last-generated-id') + 1]);
  const groups = (await redis.xinfo('GROUPS', stream)) as (string | number)[][];
  return groups.every((g) => g[g.indexOf('pending') + 1] === 0 && String(g[g.indexOf('last-delivered-id') + 1]) === last);
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  const m = new RegExp(`^${name} (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

describe('poison rows and dead letters', () => {
  it('dead-letters a row ClickHouse refuses, writes the rest, and history, readiness and trimming go on', { timeout: 60_000 }, async () => {
    const ts = Date.now() - 3600_000;
    const before = await metric('pulse_history_dead_letters_total');
    expect(before).toBe(0);
    // straight onto the stream: ingest may refuse lone surrogates, but whatever reaches ClickHouse and is
    // refused must not wedge history
    const poisonEntry = await append(STREAM, [
      { id: 'pz-bad-\ud800', type: 'ticket.created', ts, ticket_id: 'pz-t\ud800', queue: 'pz-q\ud800', channel: 'email' },
      { id: 'pz-good-1', type: 'ticket.created', ts, ticket_id: 'pz-t1', queue: 'pz-queue', channel: 'email' },
    ]);
    // later events, accepted as usual
    const later = [
      { id: 'pz-good-2', type: 'ticket.created', ts, ticket_id: 'pz-t2', queue: 'pz-queue', channel: 'web' },
      { id: 'pz-good-3', type: 'ticket.status_changed', ts: ts + 1000, ticket_id: 'pz-t2', status: 'solved' },
    ];
    expect((await postEvents(t.url, later)).status).toBe(202);

    // the good row of the poisoned entry and the later events are in history
    expect(
      await eventually(
        () => countEvents('pz-good-'),
        (n) => n === 3,
      ),
    ).toBe(3);
    // and the later ticket in the drill-down (through the facts stream, which carried poison too)
    const items = await eventually(
      async () =>
        (await getJson(t.url, `/v1/history/items?kind=ticket&queue=pz-queue&from=${new Date(ts - 60_000).toISOString()}`, TOKENS.manager)).body.items as {
          id: string;
        }[],
      (list) => list?.some((i) => i.id === 'pz-t2'),
    );
    expect(items.map((i) => i.id).sort()).toEqual(['pz-t1', 'pz-t2']);

    // every group of both streams has moved past the poison
    expect(await eventually(() => drained(STREAM), Boolean)).toBe(true);
    expect(await eventually(() => drained('pulse:facts'), Boolean)).toBe(true);

    // ready, and the dead letters counted
    const ready = await eventually(
      async () => (await fetch(`${t.url}/readyz`)).status,
      (s) => s === 200,
    );
    expect(ready).toBe(200);
    expect(await metric('pulse_history_dead_letters_total')).toBeGreaterThanOrEqual(2);

    // admins see each dead letter: its table, the error, the stream entry, the row itself
    expect((await getJson(t.url, '/v1/admin/dead-letters', TOKENS.manager)).status).toBe(403);
    const res = await getJson(t.url, '/v1/admin/dead-letters?limit=500', TOKENS.admin);
    expect(res.status).toBe(200);
    const letters = res.body.dead_letters as { id: string; at: string; table: string; error: string; entry_ids: string[]; row: Record<string, unknown> }[];
    const event = letters.find((l) => l.table === 'pulse.events');
    expect(event).toBeDefined();
    expect(event!.row.id).toBe('pz-bad-\ud800');
    expect(event!.row.queue).toBe('pz-q\ud800');
    expect(event!.entry_ids).toEqual([poisonEntry]);
    expect(event!.error).toMatch(/surrogate/i);
    expect(Number.isNaN(Date.parse(event!.at))).toBe(false);
    // the poisoned ticket's facts (its queue is in every scope name) were refused too, not the others
    const facts = letters.filter((l) => l.table !== 'pulse.events');
    expect(facts.length).toBeGreaterThan(0);
    expect(facts.every((l) => JSON.stringify(l.row).includes('\\ud800'))).toBe(true);
    expect(await metric('pulse_history_dead_letters_total')).toBe(letters.length);

    // the stream is trimmed behind the groups: the poisoned entry is gone from Redis
    expect(
      await eventually(
        async () => (await redis.xrange(STREAM, poisonEntry, poisonEntry)).length,
        (n) => n === 0,
      ),
    ).toBe(0);
  });

  it('pages dead letters newest first with a before cursor', async () => {
    const all = (await getJson(t.url, '/v1/admin/dead-letters', TOKENS.admin)).body;
    expect(all.dead_letters.length).toBeGreaterThanOrEqual(2);
    const first = (await getJson(t.url, '/v1/admin/dead-letters?limit=1', TOKENS.admin)).body;
    expect(first.dead_letters).toEqual([all.dead_letters[0]]);
    expect(typeof first.next).toBe('string');
    const second = (await getJson(t.url, `/v1/admin/dead-letters?limit=1&before=${encodeURIComponent(first.next)}`, TOKENS.admin)).body;
    expect(second.dead_letters).toEqual([all.dead_letters[1]]);
    expect((await getJson(t.url, '/v1/admin/dead-letters?limit=501', TOKENS.admin)).status).toBe(400);
    expect((await getJson(t.url, '/v1/admin/dead-letters?before=nonsense', TOKENS.admin)).status).toBe(400);
  });

  it('writes one valid batch spread over 150 months in full, raw events and facts', { timeout: 60_000 }, async () => {
    const dead = await metric('pulse_history_dead_letters_total');
    const events = Array.from({ length: 150 }, (_, i) => ({
      id: `m150-${i}`,
      type: 'ticket.created',
      ts: Date.UTC(2010, i, 3, 10),
      ticket_id: `m150-t${i}`,
      queue: 'm150',
      channel: 'email',
    }));
    const entry = await append(STREAM, events);
    expect(
      await eventually(
        () => countEvents('m150-'),
        (n) => n === 150,
      ),
    ).toBe(150);
    expect(Number((await rows<{ n: string }>("SELECT uniqExact(toYYYYMM(ts)) AS n FROM pulse.events WHERE startsWith(id, 'm150-')"))[0]?.n)).toBe(150);
    const months = async () =>
      Number((await rows<{ n: string }>("SELECT uniqExact(toYYYYMM(minute)) AS n FROM pulse.metric_deltas WHERE startsWith(item, 'ticket:m150-')"))[0]?.n);
    expect(await eventually(months, (n) => n === 150)).toBe(150);
    expect(await eventually(() => drained(STREAM), Boolean)).toBe(true);
    expect(await eventually(() => drained('pulse:facts'), Boolean)).toBe(true);
    expect(await metric('pulse_history_dead_letters_total')).toBe(dead);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);
    // trimmed once a later entry is past it (the trim keeps the last entry every group has read)
    expect((await postEvents(t.url, [{ id: 'after-m150', type: 'chat.ended', ts: Date.now(), chat_id: 'after-m150' }])).status).toBe(202);
    expect(
      await eventually(
        async () => (await redis.xrange(STREAM, entry, entry)).length,
        (n) => n === 0,
      ),
    ).toBe(0);
  });

  it('keeps a retried batch deduplicated: partition groups and halves keep deterministic tokens', async () => {
    const entries: StreamEntry[] = [
      {
        id: '7-1',
        receivedAt: 1,
        fields: {},
        bytes: 0,
        events: Array.from({ length: 120 }, (_, i) => ({ id: `rt-${i}`, type: 'chat.ended', ts: Date.UTC(2011, i, 1), chat_id: `rt-c${i}` }) as never),
      },
      {
        id: '7-2',
        receivedAt: 1,
        fields: {},
        bytes: 0,
        events: [{ id: `rt-bad-\udbff`, type: 'chat.ended', ts: Date.UTC(2011, 0, 2), chat_id: 'rt-bad' } as never],
      },
    ];
    const deadLetters = new DeadLetters(t.pulse.history!, silent);
    const writer = new HistoryWriter(t.pulse.history!, { deadLetters, maxPartitions: 7 });
    await writer.handle(entries);
    await writer.handle(entries);
    expect(await countEvents('rt-')).toBe(120);
    expect(writer.rowsWritten).toBe(240);
    expect(deadLetters.written).toBe(2);
    const stored = await rows<{ n: string }>("SELECT count() AS n FROM pulse.dead_letters WHERE has(entry_ids, '7-2')");
    expect(Number(stored[0]?.n)).toBe(1);
  });

  it('never dead-letters rows when ClickHouse is unreachable: the batch fails and is retried', async () => {
    const down = createClient({ url: `http://127.0.0.1:${await freePort()}`, log: { level: ClickHouseLogLevel.OFF }, request_timeout: 2000 });
    const deadLetters = new DeadLetters(t.pulse.history!, silent);
    const writer = new HistoryWriter(down, { deadLetters });
    const entries: StreamEntry[] = [
      { id: '8-1', receivedAt: 1, fields: {}, bytes: 0, events: [{ id: 'down-1', type: 'chat.ended', ts: 1_000, chat_id: 'd' } as never] },
    ];
    await expect(writer.handle(entries)).rejects.toThrow(/ECONNREFUSED/);
    expect(deadLetters.written).toBe(0);
    expect(writer.rowsWritten).toBe(0);
    await down.close();
  });
});

// History in ClickHouse (embedded chDB): every accepted event stored exactly once, a retried batch
// deduplicated by its token, migrations recorded, and the stream trimmed only behind both groups.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUPS, keysFor, readMigrations } from '@pulse/server';
import { trimStream } from '../../packages/server/src/stream/trim.ts';
import { HistoryWriter } from '../../packages/server/src/history/writer.ts';
import { eventually, postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
let redis: Redis;
const stream = keysFor('pulse:').stream;

beforeAll(async () => {
  t = await startTestPulse({ stream: { trimIntervalMs: 60_000 } });
  redis = new Redis(t.redis.url);
});
afterAll(async () => {
  redis?.disconnect();
  await t?.close();
});

async function rows<T>(query: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const rs = await t.pulse.history!.query({ query, query_params: params, format: 'JSONEachRow' });
  return rs.json<T>();
}

const count = async (prefix: string) =>
  Number((await rows<{ n: number | string }>('SELECT count() AS n FROM pulse.events FINAL WHERE startsWith(id, {p:String})', { p: prefix }))[0]?.n);

describe('history', () => {
  it('records the applied migrations', async () => {
    const applied = await rows<{ name: string }>('SELECT name FROM pulse.schema_migrations ORDER BY version');
    expect(applied.map((r) => r.name)).toEqual(readMigrations().map((m) => m.name));
  });

  it('stores each accepted event once, with its fields and payload', async () => {
    const ts = Date.UTC(2026, 0, 5, 9, 0, 0);
    const events = [
      { id: 'h-1', type: 'chat.requested', ts, chat_id: 'hc1', queue: 'billing', channel: 'voice' },
      { id: 'h-2', type: 'chat.answered', ts: ts + 5000, chat_id: 'hc1', agent_id: 'ag1' },
      { id: 'h-3', type: 'ticket.created', ts, ticket_id: 'ht1', queue: 'tech', channel: 'email', priority: 'high' },
    ];
    expect((await postEvents(t.url, events)).body.accepted).toBe(3);
    expect((await postEvents(t.url, events)).body.duplicates).toBe(3);
    await eventually(
      () => count('h-'),
      (n) => n >= 3,
    );
    const stored = await rows<Record<string, unknown>>(
      "SELECT id, type, toUnixTimestamp64Milli(ts) AS ms, chat_id, ticket_id, agent_id, queue, channel, payload FROM pulse.events WHERE startsWith(id, 'h-') ORDER BY id",
    );
    expect(stored.map((r) => [r.id, r.type, Number(r.ms), r.chat_id, r.ticket_id, r.agent_id, r.queue, r.channel])).toEqual([
      ['h-1', 'chat.requested', ts, 'hc1', '', '', 'billing', 'voice'],
      ['h-2', 'chat.answered', ts + 5000, 'hc1', '', 'ag1', '', ''],
      ['h-3', 'ticket.created', ts, '', 'ht1', '', 'tech', 'email'],
    ]);
    expect(JSON.parse(stored[2]?.payload as string)).toEqual(events[2]);
  });

  it('stores a batch retried after a failure once (dedup token per batch)', async () => {
    const writer = new HistoryWriter(t.pulse.history!);
    const entries = [
      { id: '1-1', receivedAt: 1, fields: {}, bytes: 0, events: [{ id: 'retry-1', type: 'chat.ended', ts: 1_000, chat_id: 'r' } as never] },
      { id: '1-2', receivedAt: 1, fields: {}, bytes: 0, events: [{ id: 'retry-2', type: 'chat.ended', ts: 2_000, chat_id: 'r' } as never] },
    ];
    await writer.handle(entries);
    await writer.handle(entries);
    const raw = await rows<{ n: number }>("SELECT count() AS n FROM pulse.events WHERE startsWith(id, 'retry-')");
    expect(Number(raw[0]?.n)).toBe(2);
  });

  it('trims the stream only behind both consumer groups', async () => {
    // stop nothing: wait until both groups have acknowledged everything, then trim
    await eventually(
      async () => (await redis.xinfo('GROUPS', stream)) as unknown[][],
      (groups) => groups.every((g) => g[g.indexOf('pending') + 1] === 0),
    );
    await trimStream(redis as never, stream);
    expect(await redis.xlen(stream)).toBeLessThanOrEqual(1);

    // an entry the history group has not acknowledged must stay
    await redis.xgroup('CREATE', stream, 'laggard', '$');
    const id = (await redis.xadd(stream, '*', 'e', '[]', 'r', '0'))!;
    await redis.xreadgroup('GROUP', 'laggard', 'c1', 'COUNT', 10, 'STREAMS', stream, '>');
    await eventually(
      async () => (await redis.xinfo('GROUPS', stream)) as unknown[][],
      (groups) => groups.filter((g) => g[1] === GROUPS.live || g[1] === GROUPS.history).every((g) => g[g.indexOf('last-delivered-id') + 1] === id),
    );
    await trimStream(redis as never, stream);
    const left = await redis.xrange(stream, '-', '+');
    expect(left.map(([entryId]) => entryId)).toContain(id);
    await redis.xack(stream, 'laggard', id);
    await redis.xgroup('DESTROY', stream, 'laggard');
  });
});

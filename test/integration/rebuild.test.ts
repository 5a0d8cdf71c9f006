// When Redis comes back empty, live state is rebuilt from ClickHouse history automatically, without
// doubling history; the snapshot says it is rebuilding meanwhile.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PulseEvent, Snapshot } from '@pulse/contracts';
import { referenceSnapshot } from '@pulse/metrics';
import { metricSettings } from '@pulse/server';
import { eventually, getJson, postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
let redis: Redis;
beforeAll(async () => {
  t = await startTestPulse({ alerts: { enabled: false } });
  redis = new Redis(t.redis.url);
});
afterAll(async () => {
  redis?.disconnect();
  await t?.close();
});

const live = async () => ({ ...((await getJson(t.url, '/v1/live')).body as Snapshot), alerts: [] });
const historyCount = async (query: string) => {
  const rs = await t.pulse.history!.query({ query, format: 'JSONEachRow' });
  return Number((await rs.json<{ n: number | string }>())[0]!.n); // count(): one row
};

describe('rebuild from history', () => {
  it('rebuilds the live state from ClickHouse when Redis loses its data', async () => {
    const now = Date.now();
    const day = 86_400_000;
    const events: PulseEvent[] = [
      { id: 'rb-a1', type: 'agent.status_changed', ts: now - 5 * day, agent_id: 'rb-ag', status: 'online', name: 'Rae', queues: ['rq'], chat_capacity: 4 },
      { id: 'rb-t1', type: 'ticket.created', ts: now - 5 * day, ticket_id: 'rb-old', queue: 'rq', channel: 'email', priority: 'low' },
      { id: 'rb-c1', type: 'chat.requested', ts: now - 90_000, chat_id: 'rb-w', queue: 'rq' },
      { id: 'rb-c2', type: 'chat.requested', ts: now - 60_000, chat_id: 'rb-x', queue: 'rq', channel: 'voice' },
      { id: 'rb-c3', type: 'chat.answered', ts: now - 50_000, chat_id: 'rb-x', agent_id: 'rb-ag' },
      { id: 'rb-c4', type: 'chat.requested', ts: now - 40_000, chat_id: 'rb-y', queue: 'rq' },
      { id: 'rb-c5', type: 'chat.abandoned', ts: now - 20_000, chat_id: 'rb-y' },
      { id: 'rb-t2', type: 'ticket.created', ts: now - 30 * 60_000, ticket_id: 'rb-new', queue: 'rq', channel: 'web', priority: 'urgent' },
    ] as PulseEvent[];
    expect((await postEvents(t.url, events)).body.accepted).toBe(events.length);
    await eventually(
      () => historyCount('SELECT count() AS n FROM pulse.items FINAL'),
      (n) => n === 5,
    );
    await eventually(
      () => historyCount("SELECT count() AS n FROM pulse.events WHERE startsWith(id, 'rb-')"),
      (n) => n === events.length,
    );
    const answeredBefore = await historyCount("SELECT toInt64(sum(value)) AS n FROM pulse.metric_minute WHERE scope = 'all' AND counter = 'answered'");
    const before = await live();
    expect(before.queues.rq).toMatchObject({ waiting: 1, active_chats: 1, unsolved_tickets: 2 });

    // Redis comes back empty
    await redis.flushall();
    const during = await eventually(live, (s) => s.rebuilding === true || s.queues.rq?.waiting === 1, 10_000);
    expect(during.rebuilding === true || during.queues.rq?.waiting === 1).toBe(true);
    const after = await eventually(live, (s) => !s.rebuilding && s.queues.rq?.waiting === 1 && s.agents.length === 1, 15_000);
    const reference = await referenceSnapshot(events, Date.parse(after.at), metricSettings(t.pulse.config));
    expect(after).toEqual(reference);
    // history was not written again by the rebuild
    expect(await historyCount("SELECT toInt64(sum(value)) AS n FROM pulse.metric_minute WHERE scope = 'all' AND counter = 'answered'")).toBe(answeredBefore);

    // and the stream works again: a new event reaches live state and history
    await postEvents(t.url, { id: 'rb-c6', type: 'chat.answered', ts: Date.now(), chat_id: 'rb-w', agent_id: 'rb-ag' });
    await eventually(live, (s) => s.queues.rq?.waiting === 0);
    await eventually(
      () => historyCount("SELECT count() AS n FROM pulse.events WHERE id = 'rb-c6'"),
      (n) => n === 1,
    );
  });
});

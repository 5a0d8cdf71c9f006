// Bounded memory: finished work leaves the live state a day after it ends (configurable), and an agent's
// old events are folded into one checkpoint — without changing any number.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PulseEvent, Snapshot } from '@pulse/contracts';
import { referenceSnapshot } from '@pulse/metrics';
import { metricSettings } from '@pulse/server';
import { afternoonZone } from '../support/afternoon.ts';
import { eventually, getJson, postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
let redis: Redis;
beforeAll(async () => {
  t = await startTestPulse({ timeZone: afternoonZone(), workers: { live: true, history: false }, live: { itemRetentionHours: 2 } });
  redis = new Redis(t.redis.url);
});
afterAll(async () => {
  redis?.disconnect();
  await t?.close();
});

describe('bounded live state', () => {
  it('expires a finished chat the configured time after it ended, and keeps a live one', async () => {
    const end = Date.now() - 60_000;
    await postEvents(t.url, [
      { id: 'm-1', type: 'chat.requested', ts: end - 120_000, chat_id: 'm-done', queue: 'mq' },
      { id: 'm-2', type: 'chat.answered', ts: end - 100_000, chat_id: 'm-done', agent_id: 'ma' },
      { id: 'm-3', type: 'chat.ended', ts: end, chat_id: 'm-done' },
      { id: 'm-4', type: 'chat.requested', ts: end, chat_id: 'm-live', queue: 'mq' },
    ]);
    await eventually(
      () => redis.exists('pulse:live:it:chat:m-done'),
      (n) => n === 1,
    );
    await eventually(
      () => redis.pexpiretime('pulse:live:it:chat:m-done'),
      (v) => v > 0,
    );
    expect(await redis.pexpiretime('pulse:live:it:chat:m-done')).toBe(end + 2 * 3600_000);
    expect(await redis.pexpiretime('pulse:live:it:chat:m-live')).toBe(-1);
  });

  it('folds agent events older than two days into one checkpoint, with the same snapshot', async () => {
    const now = Date.now();
    const day = 24 * 3600_000;
    const events: PulseEvent[] = [
      { id: 'g-1', type: 'agent.status_changed', ts: now - 4 * day, agent_id: 'old-agent', status: 'online', name: 'Olga', queues: ['mq'], chat_capacity: 4 },
      { id: 'g-2', type: 'agent.status_changed', ts: now - 3 * day, agent_id: 'old-agent', status: 'away' },
      { id: 'g-3', type: 'agent.status_changed', ts: now - 3 * day + 1000, agent_id: 'old-agent', status: 'away', queues: ['mq', 'other'] },
      { id: 'g-4', type: 'agent.status_changed', ts: now - 60_000, agent_id: 'old-agent', status: 'online' },
    ];
    await postEvents(t.url, events);
    await eventually(
      () => redis.hexists('pulse:live:it:agent:old-agent', 'g-4'),
      (v) => v === 1,
    );
    const fields = (await redis.hkeys('pulse:live:it:agent:old-agent')).sort();
    expect(fields).toEqual(['_c', '_v', 'g-4', '~checkpoint']);
    const live = (await getJson(t.url, '/v1/live')).body as Snapshot;
    const reference = await referenceSnapshot(events, Date.parse(live.at), metricSettings(t.pulse.config));
    expect(live.agents.find((a) => a.id === 'old-agent')).toEqual(reference.agents.find((a) => a.id === 'old-agent'));
    expect(live.agents.find((a) => a.id === 'old-agent')).toMatchObject({
      name: 'Olga',
      status: 'online',
      queues: ['mq', 'other'],
      chat_capacity: 4,
      status_since: new Date(now - 60_000).toISOString(),
    });
  });

  it('keeps recorded SLA breaches when a much older ticket arrives', async () => {
    const now = Date.now();
    await postEvents(t.url, { id: 'b-a1', type: 'ticket.created', ts: now - 3600_000, ticket_id: 'b-tA', queue: 'bq', channel: 'email', priority: 'urgent' });
    const before = await eventually(
      async () => (await getJson(t.url, '/v1/live')).body as Snapshot,
      (s) => s.queues.bq?.windows.today.sla_achievement_pct === 0,
    );
    expect(before.queues.bq?.sla_breached).toBe(1);
    await postEvents(t.url, {
      id: 'b-b1',
      type: 'ticket.created',
      ts: now - 4 * 24 * 3600_000,
      ticket_id: 'b-tB',
      queue: 'bq',
      channel: 'email',
      priority: 'urgent',
    });
    await eventually(
      () => redis.exists('pulse:live:it:ticket:b-tB'),
      (n) => n === 1,
    );
    const after = (await getJson(t.url, '/v1/live')).body as Snapshot;
    expect(after.queues.bq?.windows.today.sla_achievement_pct).toBe(0);
    expect(await redis.zcard('pulse:live:slabreach:q:bq')).toBeGreaterThanOrEqual(1);
  });
});

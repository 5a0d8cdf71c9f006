// Two server instances on one Redis: events sent to either reach WebSocket clients of both, the consumer
// groups share the work, and alerts are evaluated and delivered once, not twice.
import WebSocket from 'ws';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPatch, type Alert, type LiveMessage, type Snapshot } from '@pulse/contracts';
import { eventually, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { startReceiver, type Receiver } from '../support/receiver.ts';

let redis: TestRedis;
let hook: Receiver;
let a: TestPulse;
let b: TestPulse;
const settings = (id: string, history: boolean) => ({
  instanceId: id,
  workers: { live: true, history },
  alerts: { evaluateIntervalMs: 200, groupWindowMs: 200, channels: [{ type: 'webhook', name: 'hook', url: hook.url, secret: 'scale-secret' }] },
});

beforeAll(async () => {
  redis = await startRedis();
  hook = await startReceiver();
  a = await startTestPulse(settings('instance-a', true), redis);
  b = await startTestPulse(settings('instance-b', false), redis);
});
afterAll(async () => {
  await a?.close();
  await b?.close();
  await hook?.close();
  await redis?.stop();
});

function watch(url: string) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/live/stream?token=${TOKENS.viewer}`);
  const queues: Record<string, number>[] = [];
  let state: Snapshot | null = null;
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as LiveMessage;
    // the snapshot on connect, then patches of what changed (applied as the board does)
    if (m.type === 'snapshot') state = m.snapshot;
    else if (m.type === 'patch' && state) state = applyPatch(state, m);
    else return;
    queues.push(Object.fromEntries(Object.entries(state!.queues).map(([q, v]) => [q, v.waiting])));
  });
  return { ws, seen: (queue: string, waiting: number) => queues.some((q) => q[queue] === waiting) };
}

describe('two instances', () => {
  it('pushes events sent to either instance to the WebSocket clients of both', async () => {
    const onA = watch(a.url);
    const onB = watch(b.url);
    await postEvents(a.url, { id: 'so-1', type: 'chat.requested', ts: Date.now(), chat_id: 'so-1', queue: 'scale' });
    await eventually(async () => onA.seen('scale', 1) && onB.seen('scale', 1), Boolean);
    await postEvents(b.url, { id: 'so-2', type: 'chat.requested', ts: Date.now(), chat_id: 'so-2', queue: 'scale' });
    await eventually(async () => onA.seen('scale', 2) && onB.seen('scale', 2), Boolean);
    onA.ws.close();
    onB.ws.close();
  });

  it('shares the stream between the consumers of both instances', async () => {
    const events = Array.from({ length: 400 }, (_, i) => ({ id: `sh-${i}`, type: 'chat.requested', ts: Date.now(), chat_id: `sh-${i}`, queue: 'share' }));
    for (let i = 0; i < events.length; i += 4) await postEvents(i % 8 === 0 ? a.url : b.url, events.slice(i, i + 4));
    const r = new Redis(redis.url);
    const consumers = await eventually(
      async () => (await r.xinfo('CONSUMERS', 'pulse:events', 'live')) as (string | number)[][],
      (cs) => cs.length === 2,
    );
    r.disconnect();
    expect(consumers.map((c) => c[1]).sort()).toEqual(['instance-a', 'instance-b']);
  });

  it('fires and delivers each alert once', async () => {
    await postEvents(b.url, {
      id: 'so-t',
      type: 'ticket.created',
      ts: Date.now() - 16 * 60_000,
      ticket_id: 'so-t',
      queue: 'scale',
      channel: 'email',
      priority: 'urgent',
    });
    const firing = () =>
      hook.received
        .flatMap((r) => JSON.parse(r.body).changes as { event: string; alert: Alert }[])
        .filter((c) => c.event === 'firing' && c.alert.items?.some((i) => i.ticket_id === 'so-t'));
    await eventually(
      async () => firing().length,
      (n) => n > 0,
    );
    await new Promise((r) => setTimeout(r, 1500));
    expect(firing()).toHaveLength(1);
    const res = await fetch(`${a.url}/v1/alerts?state=firing`, { headers: { authorization: `Bearer ${TOKENS.viewer}` } });
    const alerts = ((await res.json()) as { alerts: Alert[] }).alerts.filter((x) => x.items?.some((i) => i.ticket_id === 'so-t'));
    expect(alerts.map((x) => x.rule)).toEqual(['sla_breach']);
  });
});

// SPEC §2/§3: live state in Redis through the consumer group, exact values, any arrival order,
// GET /v1/live and the WebSocket stream.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveMessage, Snapshot } from '@pulse/contracts';
import { openStream } from '../support/live-stream.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false } });
});
afterAll(async () => {
  await t?.close();
});

const live = async (path = '/v1/live'): Promise<Snapshot> => (await getJson(t.url, path)).body as Snapshot;

/** A small floor: agents ag1 (billing, capacity 2), ag2 (billing+tech, capacity 3) online, ag3 (tech) away;
 * chats ch1 (billing, chat) and ch2 (billing, voice) waiting; ch3 (tech) answered by ag2 after 30 s;
 * ch4 (billing) answered by ag1 after 10 s. */
function floor(T: number) {
  const s = (sec: number) => T - sec * 1000;
  return [
    { id: 'f-a1', type: 'agent.status_changed', ts: s(600), agent_id: 'ag1', status: 'online', name: 'Ana', queues: ['billing'], chat_capacity: 2 },
    { id: 'f-a2', type: 'agent.status_changed', ts: s(600), agent_id: 'ag2', status: 'online', name: 'Ben', queues: ['billing', 'tech'] },
    { id: 'f-a3', type: 'agent.status_changed', ts: s(600), agent_id: 'ag3', status: 'online', name: 'Cy', queues: ['tech'] },
    { id: 'f-a3b', type: 'agent.status_changed', ts: s(300), agent_id: 'ag3', status: 'away' },
    { id: 'f-c1', type: 'chat.requested', ts: s(120), chat_id: 'ch1', queue: 'billing' },
    { id: 'f-c2', type: 'chat.requested', ts: s(50), chat_id: 'ch2', queue: 'billing', channel: 'voice' },
    { id: 'f-c3', type: 'chat.requested', ts: s(200), chat_id: 'ch3', queue: 'tech' },
    { id: 'f-c3a', type: 'chat.answered', ts: s(170), chat_id: 'ch3', agent_id: 'ag2' },
    { id: 'f-c4', type: 'chat.requested', ts: s(100), chat_id: 'ch4', queue: 'billing' },
    { id: 'f-c4a', type: 'chat.answered', ts: s(90), chat_id: 'ch4', agent_id: 'ag1' },
  ];
}

describe('live state of a small floor', () => {
  let T: number;
  let snap: Snapshot;

  beforeAll(async () => {
    T = Date.now();
    // out of order, in three requests, with every event sent twice: answers before their requests
    const events = floor(T).reverse();
    expect((await postEvents(t.url, events.slice(0, 4))).status).toBe(202);
    expect((await postEvents(t.url, events.slice(4))).status).toBe(202);
    const again = await postEvents(t.url, events);
    expect(again.body).toEqual({ accepted: 0, duplicates: 10, rejected: [] });
    snap = await eventually(live, (s) => s.overall.waiting === 2 && s.overall.active_chats === 2 && s.agents.length === 3);
  });

  it('counts waiting chats and the longest wait overall, per queue and per channel', () => {
    const at = Date.parse(snap.at);
    expect(snap.overall.waiting).toBe(2);
    expect(snap.overall.longest_wait_s).toBe((at - (T - 120_000)) / 1000);
    expect(snap.queues.billing?.waiting).toBe(2);
    expect(snap.queues.billing?.longest_wait_s).toBe((at - (T - 120_000)) / 1000);
    expect(snap.queues.tech?.waiting).toBe(0);
    expect(snap.queues.tech?.longest_wait_s).toBe(0);
    expect(snap.channels.chat?.waiting).toBe(1);
    expect(snap.channels.voice?.waiting).toBe(1);
    expect(snap.channels.voice?.longest_wait_s).toBe((at - (T - 50_000)) / 1000);
  });

  it('counts active chats and utilization of online agents', () => {
    expect(snap.overall.active_chats).toBe(2);
    expect(snap.queues.billing?.active_chats).toBe(1);
    expect(snap.queues.tech?.active_chats).toBe(1);
    expect(snap.channels.chat?.active_chats).toBe(2);
    // online: ag1 1 of 2, ag2 1 of 3 → 100 × 2 ÷ 5
    expect(snap.overall.utilization_pct).toBe(40);
    expect(snap.queues.billing?.utilization_pct).toBe(40);
    // tech lists ag2 (online, 1 of 3) and ag3 (away: not counted)
    expect(snap.queues.tech?.utilization_pct).toBe((100 * 1) / 3);
    expect(snap.overall.agents_online).toBe(2);
    expect(snap.overall.agents_away).toBe(1);
    expect(snap.queues.tech?.agents_online).toBe(1);
    expect(snap.queues.tech?.agents_away).toBe(1);
  });

  it('shows each agent with status, since, load and today timeline', () => {
    const byId = Object.fromEntries(snap.agents.map((a) => [a.id, a]));
    expect(byId.ag1).toMatchObject({ name: 'Ana', status: 'online', active_chats: 1, chat_capacity: 2, load_pct: 50, queues: ['billing'] });
    expect(byId.ag2).toMatchObject({ name: 'Ben', status: 'online', active_chats: 1, chat_capacity: 3, load_pct: 100 / 3 });
    expect(byId.ag3).toMatchObject({ status: 'away', status_since: new Date(T - 300_000).toISOString(), active_chats: 0 });
  });

  it('computes the 15m window of the answered chats: ASA and service level', () => {
    const w = snap.overall.windows['15m'];
    expect(w.offered).toBe(2);
    expect(w.answered).toBe(2);
    expect(w.abandoned).toBe(0);
    expect(w.asa_s).toBe(20);
    expect(w.service_level_pct).toBe(100);
    expect(w.abandon_rate_pct).toBe(0);
    expect(w.csat_pct).toBeNull();
    expect(snap.queues.tech?.windows['15m'].asa_s).toBe(30);
  });

  it('narrows the snapshot to one queue or channel', async () => {
    const billing = await live('/v1/live?queue=billing');
    expect(Object.keys(billing.queues)).toEqual(['billing']);
    expect(billing.agents.map((a) => a.id)).toEqual(['ag1', 'ag2']);
    const voice = await live('/v1/live?channel=voice');
    expect(Object.keys(voice.channels)).toEqual(['voice']);
  });

  it('answers an abandon: the chat stops waiting', async () => {
    await postEvents(t.url, { id: 'f-c1x', type: 'chat.abandoned', ts: T + 1000, chat_id: 'ch1' });
    const s = await eventually(live, (v) => v.overall.waiting === 1);
    expect(s.queues.billing?.waiting).toBe(1);
    expect(s.queues.billing?.longest_wait_s).toBe((Date.parse(s.at) - (T - 50_000)) / 1000);
    expect(s.overall.windows['15m'].abandoned).toBe(1);
  });
});

describe('surfaces', () => {
  it('requires a viewer token for the snapshot', async () => {
    expect((await fetch(`${t.url}/v1/live`)).status).toBe(401);
    const res = await fetch(`${t.url}/v1/live?token=${TOKENS.viewer}`);
    expect(res.status).toBe(200);
  });

  it('refuses a WebSocket without a valid token before the upgrade', async () => {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/live/stream`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws.on('open', () => resolve(101));
      ws.on('error', () => {});
    });
    expect(status).toBe(401);
  });

  it('streams the snapshot on connect, then a change within 1 s of the event', async () => {
    const s = openStream(t.url, 'queue=ws-queue');
    await s.ready;
    const [m0] = s.messages;
    expect(m0).toBeDefined();
    const first = m0!.msg;
    expect(first.type).toBe('snapshot');
    expect(first.type === 'snapshot' && first.snapshot.queues['ws-queue']).toBeUndefined();

    const sentAt = Date.now();
    await postEvents(t.url, { id: 'ws-1', type: 'chat.requested', ts: sentAt, chat_id: 'ws-chat', queue: 'ws-queue' });
    const withChat = () => s.states.find((x) => x.snap.queues['ws-queue']?.waiting === 1);
    await eventually(
      async () => withChat(),
      (m) => m !== undefined,
      5000,
    );
    expect(withChat()!.at - sentAt).toBeLessThan(1000);
    // a patch of what changed, not the snapshot again
    expect(s.messages.filter((m) => m.msg.type === 'snapshot')).toHaveLength(1);
    s.close();
  });

  it('sends heartbeats so silence is detectable', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/live/stream?token=${TOKENS.viewer}`);
    const types: string[] = [];
    ws.on('message', (data) => types.push((JSON.parse(String(data)) as LiveMessage).type));
    await eventually(async () => types.includes('heartbeat'), Boolean, 5000);
    expect(types[0]).toBe('snapshot');
    expect(types).toContain('heartbeat');
    ws.close();
  });

  it('pushes an SLA breach at its due moment with no event arriving then', async () => {
    const s = openStream(t.url);
    await s.ready;
    const snaps = s.states;
    // an urgent ticket whose 15-minute first reply falls due 1.5 s from now
    const dueAt = Date.now() + 1500;
    await postEvents(t.url, {
      id: 'sla-1',
      type: 'ticket.created',
      ts: dueAt - 15 * 60_000,
      ticket_id: 'sla-t1',
      queue: 'sla-q',
      channel: 'email',
      priority: 'urgent',
    });
    const breached = () => snaps.find((s) => s.snap.sla.breached.some((i) => i.ticket_id === 'sla-t1'));
    await eventually(
      async () => breached(),
      (v) => v !== undefined,
      6000,
    );
    const hit = breached()!;
    expect(hit.at).toBeGreaterThanOrEqual(dueAt);
    expect(hit.at - dueAt).toBeLessThan(1500);
    expect(hit.snap.sla.breached.find((i) => i.ticket_id === 'sla-t1')).toMatchObject({
      target: 'first_reply',
      due_at: new Date(dueAt).toISOString(),
      priority: 'urgent',
      queue: 'sla-q',
    });
    expect(hit.snap.queues['sla-q']?.sla_breached).toBe(1);
    s.close();
  });
});

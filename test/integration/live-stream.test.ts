// SPEC §3, issue 18: the live stream sends the snapshot on connect, then patches of only what changed, each
// `seq` one more; heartbeats carry the last `seq`; a client that sees a gap asks for a snapshot; a stream of one
// queue or channel gets only that scope's changes; agent timelines go once, then are appended. A client that applies every
// patch holds what GET /v1/live (read whole) says.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveMessage, LivePatch, Snapshot } from '@pulse/contracts';
import { openStream, stateDiffs, type LiveStream } from '../support/live-stream.ts';
import { afternoonZone } from '../support/afternoon.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
beforeAll(async () => {
  t = await startTestPulse({ timeZone: afternoonZone(), workers: { live: true, history: false }, alerts: { enabled: false } });
});
afterAll(async () => {
  await t?.close();
});

const live = async (path = '/v1/live'): Promise<Snapshot> => (await getJson(t.url, path)).body as Snapshot;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const patches = (s: LiveStream, from = 0) => s.messages.slice(from).flatMap((m) => (m.msg.type === 'patch' ? [m.msg] : []));

/** Agents ag1 (billing, capacity 2) and ag2 (billing + tech) online; chat w1 waiting in billing. */
function floor(T: number) {
  return [
    { id: 'p-a1', type: 'agent.status_changed', ts: T - 600_000, agent_id: 'ag1', status: 'online', name: 'Ana', queues: ['billing'], chat_capacity: 2 },
    { id: 'p-a2', type: 'agent.status_changed', ts: T - 600_000, agent_id: 'ag2', status: 'online', name: 'Ben', queues: ['billing', 'tech'] },
    { id: 'p-c1', type: 'chat.requested', ts: T - 30_000, chat_id: 'w1', queue: 'billing' },
  ];
}

describe('the live stream', () => {
  let T: number;
  beforeAll(async () => {
    T = Date.now();
    await postEvents(t.url, floor(T));
    await eventually(live, (s) => s.agents.length === 2 && s.overall.waiting === 1);
  });

  it('sends the snapshot with its seq on connect, then patches of only what changed, seq one more each', async () => {
    const s = openStream(t.url);
    await s.ready;
    const first = s.messages[0]!.msg;
    expect(first.type).toBe('snapshot');
    const seq0 = (first as Extract<LiveMessage, { type: 'snapshot' }>).seq!;
    expect(Number.isInteger(seq0)).toBe(true);
    expect(s.state()!.queues.billing?.waiting).toBe(1);

    const sentAt = Date.now();
    await postEvents(t.url, { id: 'p-c2', type: 'chat.requested', ts: sentAt, chat_id: 'w2', queue: 'tech', channel: 'voice' });
    await eventually(
      async () => s.state()!.queues.tech?.waiting,
      (n) => n === 1,
      5_000,
    );
    const p = patches(s).find((x) => x.queues?.tech?.waiting === 1)!;
    expect(s.states.find((x) => x.snap.queues.tech?.waiting === 1)!.at - sentAt).toBeLessThan(1_000);
    // only what changed: the queue, its channel and the overall figures; billing moved on by the clock alone
    expect(Object.keys(p.queues!)).toEqual(['tech']);
    expect(Object.keys(p.channels!)).toEqual(['voice']);
    // the wait starts: its length is sent (from then on the client counts it on by itself)
    expect(p.queues!.tech).toEqual({ waiting: 1, longest_wait_s: (Date.parse(p.at) - sentAt) / 1000 });
    expect(p.channels!.voice?.waiting).toBe(1);
    expect(p.overall).toMatchObject({ waiting: 2 });
    expect(p.agents).toBeUndefined();
    expect(p.sla).toBeUndefined();
    expect(p.alerts).toBeUndefined();
    // consecutive sequence numbers from the snapshot's
    const seqs = s.messages.flatMap((m) => (m.msg.type === 'snapshot' || m.msg.type === 'patch' ? [m.msg.seq] : []));
    expect(seqs).toEqual(seqs.map((_, i) => seq0 + i));
    expect(stateDiffs(s.state()!, await live())).toEqual([]);
    s.close();
  });

  it('sends heartbeats with the last seq', async () => {
    const s = openStream(t.url);
    await s.ready;
    const hb = await eventually(
      async () => s.messages.find((m) => m.msg.type === 'heartbeat')?.msg,
      (m) => m !== undefined,
      5_000,
    );
    expect(hb).toMatchObject({ type: 'heartbeat', seq: s.seq(), live: 'ok', snapshot_at: s.state()!.at });
    s.close();
  });

  it('answers a resync with a snapshot at the current seq, and a gap is healed by one', async () => {
    const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/live/stream?token=${TOKENS.viewer}`);
    const got: LiveMessage[] = [];
    ws.on('message', (d) => got.push(JSON.parse(String(d)) as LiveMessage));
    await eventually(
      async () => got.length,
      (n) => n >= 1,
    );
    const seq0 = (got[0] as { seq: number }).seq;
    // a patch the client pretends it lost
    await postEvents(t.url, { id: 'p-c3', type: 'chat.requested', ts: Date.now(), chat_id: 'w3', queue: 'billing' });
    await eventually(async () => got.some((m) => m.type === 'patch'), Boolean, 5_000);
    ws.send(JSON.stringify({ type: 'resync' }));
    const again = await eventually(
      async () => got.filter((m) => m.type === 'snapshot'),
      (x) => x.length === 2,
      5_000,
    );
    expect((again[1] as { seq: number }).seq).toBe(seq0 + 1);
    expect((again[1] as { snapshot: Snapshot }).snapshot.queues.billing?.waiting).toBe(2);
    // the same request again at the same seq is not answered twice
    ws.send(JSON.stringify({ type: 'resync' }));
    ws.send('not json');
    await sleep(500);
    expect(got.filter((m) => m.type === 'snapshot')).toHaveLength(2);
    ws.close();
  });

  it('gives a stream of one queue only that queue’s changes', async () => {
    const billing = openStream(t.url, 'queue=billing');
    const all = openStream(t.url);
    await Promise.all([billing.ready, all.ready]);
    // that queue only: its figures (`overall` too), no channel's
    expect(Object.keys(billing.state()!.queues)).toEqual(['billing']);
    expect(billing.state()!.channels).toEqual({});
    expect(billing.state()!.overall).toEqual(billing.state()!.queues.billing);
    const [b0, a0] = [billing.messages.length, all.messages.length];
    await postEvents(t.url, { id: 'p-c4', type: 'chat.requested', ts: Date.now(), chat_id: 'w4', queue: 'sales' });
    await eventually(
      async () => all.state()!.queues.sales?.waiting,
      (n) => n === 1,
      5_000,
    );
    await sleep(300);
    // nothing of billing changed: the billing stream is sent nothing
    expect(patches(billing, b0)).toEqual([]);
    expect(patches(all, a0).length).toBeGreaterThan(0);
    await postEvents(t.url, { id: 'p-c5', type: 'chat.requested', ts: Date.now(), chat_id: 'w5', queue: 'billing' });
    await eventually(
      async () => billing.state()!.queues.billing?.waiting,
      (n) => n === 3,
      5_000,
    );
    const p = patches(billing, b0);
    expect(p.every((x) => Object.keys(x.queues ?? {}).every((q) => q === 'billing'))).toBe(true);
    expect(stateDiffs(billing.state()!, await live('/v1/live?queue=billing'))).toEqual([]);
    billing.close();
    all.close();
  });

  it('gives a stream of one channel only that channel’s changes', async () => {
    const social = openStream(t.url, 'channel=social');
    const all = openStream(t.url);
    await Promise.all([social.ready, all.ready]);
    // that channel only (none of it yet): its figures as `overall`, no queue's
    expect(social.state()!.queues).toEqual({});
    expect(social.state()!.overall.waiting).toBe(0);
    const s0 = social.messages.length;
    const a0 = all.messages.length;
    const chat = all.state()!.channels.chat?.waiting ?? 0;
    await postEvents(t.url, { id: 'p-ch1', type: 'chat.requested', ts: Date.now(), chat_id: 'w-ch1', queue: 'tech', channel: 'chat' });
    expect(
      await eventually(
        async () => all.state()!.channels.chat?.waiting,
        (n) => n === chat + 1,
        5_000,
      ),
    ).toBe(chat + 1);
    await sleep(300);
    // a change of another channel: the social stream is sent nothing
    expect(patches(social, s0)).toEqual([]);
    expect(patches(all, a0).length).toBeGreaterThan(0);
    await postEvents(t.url, { id: 'p-ch2', type: 'chat.requested', ts: Date.now(), chat_id: 'w-ch2', queue: 'tech', channel: 'social' });
    expect(
      await eventually(
        async () => social.state()!.overall.waiting,
        (n) => n === 1,
        5_000,
      ),
    ).toBe(1);
    const p = patches(social, s0);
    expect(p.length).toBeGreaterThan(0);
    expect(p.every((x) => x.queues === undefined && Object.keys(x.channels ?? {}).every((c) => c === 'social'))).toBe(true);
    expect(social.state()!.channels.social!.waiting).toBe(1);
    expect(stateDiffs(social.state()!, await live('/v1/live?channel=social'))).toEqual([]);
    social.close();
    all.close();
  });

  it('sends an agent’s timeline once, then appends to it', async () => {
    const s = openStream(t.url);
    await s.ready;
    const before = s.state()!.agents.find((a) => a.id === 'ag1')!;
    expect(before.timeline).toEqual([{ status: 'online', at: new Date(T - 600_000).toISOString() }]);
    const from = s.messages.length;
    const at = Date.now();
    await postEvents(t.url, { id: 'p-a1b', type: 'agent.status_changed', ts: at, agent_id: 'ag1', status: 'away' });
    await eventually(
      async () => s.state()!.agents.find((a) => a.id === 'ag1')!.status,
      (x) => x === 'away',
      5_000,
    );
    const change = patches(s, from)
      .flatMap((p) => p.agents?.set ?? [])
      .find((a) => a.id === 'ag1')!;
    expect(change.timeline).toBeUndefined();
    expect(change.timeline_added).toEqual([{ status: 'away', at: new Date(at).toISOString() }]);
    expect(change).toMatchObject({ id: 'ag1', status: 'away', status_since: new Date(at).toISOString() });
    expect(
      patches(s, from)
        .flatMap((p) => p.agents?.set ?? [])
        .map((a) => a.id),
    ).toEqual(['ag1']);
    expect(stateDiffs(s.state()!, await live())).toEqual([]);
    s.close();
  });
});

describe('a client applying every patch', () => {
  it('holds what GET /v1/live reads whole, through a burst of every kind of change', async () => {
    const s = openStream(t.url);
    await s.ready;
    const T = Date.now();
    const events: Record<string, unknown>[] = [];
    for (let i = 0; i < 40; i++) {
      const q = ['billing', 'tech', 'sales', 'returns'][i % 4];
      events.push({ id: `b-c${i}`, type: 'chat.requested', ts: T - 50_000 + i * 100, chat_id: `bc${i}`, queue: q, channel: i % 3 ? 'chat' : 'voice' });
      if (i % 2 === 0) events.push({ id: `b-a${i}`, type: 'chat.answered', ts: T - 20_000 + i * 100, chat_id: `bc${i}`, agent_id: i % 4 ? 'ag2' : 'ag1' });
      if (i % 4 === 0) events.push({ id: `b-e${i}`, type: 'chat.ended', ts: T - 10_000 + i * 100, chat_id: `bc${i}` });
      if (i % 5 === 0) events.push({ id: `b-ab${i}`, type: 'chat.abandoned', ts: T - 5_000, chat_id: `bc${i + 1}` });
      events.push({
        id: `b-t${i}`,
        type: 'ticket.created',
        ts: T - (i % 3 === 0 ? 20 : 13) * 60_000,
        ticket_id: `bt${i}`,
        queue: q,
        channel: 'email',
        priority: 'urgent',
        ...(i % 2 ? { agent_id: 'ag2' } : {}),
      });
      if (i % 6 === 0) events.push({ id: `b-r${i}`, type: 'ticket.agent_replied', ts: T - 1_000, ticket_id: `bt${i}`, agent_id: 'ag2' });
      if (i % 7 === 0) events.push({ id: `b-s${i}`, type: 'agent.status_changed', ts: T - 3_000 + i, agent_id: `new${i}`, status: 'online', queues: [q] });
    }
    for (let i = 0; i < events.length; i += 25) {
      await postEvents(t.url, events.slice(i, i + 25));
      await sleep(30);
    }
    await eventually(live, (x) => x.agents.some((a) => a.id === 'new35'));
    await sleep(600);
    const truth = await live();
    expect(truth.sla.breached.length).toBeGreaterThan(0);
    expect(truth.sla.at_risk.length).toBeGreaterThan(0);
    expect(stateDiffs(s.state()!, truth)).toEqual([]);
    expect(s.resyncs).toBe(0);
    s.close();
  });
});

describe('patches are small', () => {
  it('sends a change of one queue in well under a kilobyte', async () => {
    const s = openStream(t.url);
    await s.ready;
    const from = s.messages.length;
    await postEvents(t.url, { id: 'sm-1', type: 'chat.requested', ts: Date.now(), chat_id: 'sm-1', queue: 'returns', channel: 'chat' });
    await eventually(async () => patches(s, from).some((p: LivePatch) => p.queues?.returns), Boolean, 5_000);
    const m = s.messages.slice(from).find((x) => x.msg.type === 'patch' && x.msg.queues?.returns)!;
    expect(m.bytes).toBeLessThan(1_024);
    s.close();
  });
});

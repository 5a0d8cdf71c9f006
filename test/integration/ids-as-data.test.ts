// SPEC §1: ids and names are opaque data — `toString`, `constructor` or `__proto__` are ids like any other.
// Events whose ids, queues, agents, tickets and chats are named after members of Object.prototype go
// through the real server (ingest → stream → live consumer → Redis → GET /v1/live) and show with their
// exact figures, equal to the reference model's, and raise their alerts like any other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Alert, PulseEvent, Snapshot } from '@pulse/contracts';
import { referenceSnapshot } from '@pulse/metrics';
import { metricSettings } from '@pulse/server';
import { eventually, getJson, postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';

const NAMES = ['toString', 'valueOf', 'constructor', '__proto__', 'hasOwnProperty'] as const;
const SORTED = [...NAMES].sort();

let t: TestPulse;
const now = Date.now();
const at = (s: number) => now + s * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/** For each name: an online agent, a waiting chat, an answered chat and an urgent ticket past its first-reply target, all named so. */
const eventsOf = (name: string) => [
  { id: name, type: 'agent.status_changed', ts: at(-3600), agent_id: name, status: 'online', name, queues: [name] },
  { id: `${name}.c1`, type: 'chat.requested', ts: at(-120), chat_id: name, queue: name },
  { id: `${name}.c2`, type: 'chat.requested', ts: at(-600), chat_id: `${name}.c2`, queue: name },
  { id: `${name}.c2a`, type: 'chat.answered', ts: at(-580), chat_id: `${name}.c2`, agent_id: name },
  { id: `${name}.t`, type: 'ticket.created', ts: at(-1200), ticket_id: name, queue: name, channel: 'email', priority: 'urgent', agent_id: name },
];
const events = [
  ...NAMES.flatMap(eventsOf),
  // event ids that look like the item's own bookkeeping fields
  { id: '_v', type: 'chat.requested', ts: at(-30), chat_id: '_c', queue: '_c' },
  { id: '_c', type: 'chat.requested', ts: at(-20), chat_id: '_v', queue: '_c' },
  // an agent away with nothing open, named after another member of Object.prototype
  { id: 'isPrototypeOf', type: 'agent.status_changed', ts: at(-60), agent_id: 'isPrototypeOf', status: 'away' },
];

beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false }, alerts: { evaluateIntervalMs: 200 } });
  const r = await postEvents(t.url, events);
  expect(r.body).toEqual({ accepted: events.length, duplicates: 0, rejected: [] });
});
afterAll(async () => t?.close());

const live = async (query = ''): Promise<Snapshot> => (await getJson(t.url, `/v1/live${query}`)).body;
const queue = (s: Snapshot, name: string) => Object.getOwnPropertyDescriptor(s.queues, name)?.value as Snapshot['queues'][string];

describe('ids and names that are Object.prototype members, through the server', () => {
  it('show every queue, agent and SLA item with its exact figures', async () => {
    const s = await eventually(live, (x) => x.agents.length === 6 && Object.keys(x.queues).length === 6 && x.overall.waiting === 7);
    expect(Object.keys(s.queues).sort()).toEqual(['_c', ...NAMES].sort());
    const seconds = (ts: number) => (Date.parse(s.at) - ts) / 1000;
    for (const name of NAMES) {
      expect(queue(s, name), name).toMatchObject({
        waiting: 1,
        longest_wait_s: seconds(at(-120)),
        unsolved_tickets: 1,
        unassigned_tickets: 0,
        agents_online: 1,
        agents_away: 0,
        active_chats: 1,
        utilization_pct: 100 / 3,
        sla_breached: 1,
        sla_at_risk: 0,
      });
      expect(queue(s, name).windows['60m'], name).toMatchObject({ offered: 1, answered: 1, asa_s: 20, service_level_pct: 100, created: 1 });
    }
    expect(queue(s, '_c')).toMatchObject({ waiting: 2, longest_wait_s: seconds(at(-30)) });
    // agents come ordered by id
    expect(s.agents.map((a) => [a.id, a.status, a.active_chats, a.open_tickets, a.queues])).toEqual([
      ['__proto__', 'online', 1, 1, ['__proto__']],
      ['constructor', 'online', 1, 1, ['constructor']],
      ['hasOwnProperty', 'online', 1, 1, ['hasOwnProperty']],
      ['isPrototypeOf', 'away', 0, 0, []],
      ['toString', 'online', 1, 1, ['toString']],
      ['valueOf', 'online', 1, 1, ['valueOf']],
    ]);
    expect(s.sla.breached).toEqual(
      SORTED.map((name) => ({
        ticket_id: name,
        target: 'first_reply',
        due_at: iso(at(-300)),
        remaining_s: (at(-300) - Date.parse(s.at)) / 1000,
        queue: name,
        priority: 'urgent',
        agent_id: name,
      })),
    );
  });

  it('equals the reference model at the snapshot’s own now', async () => {
    const s = await live();
    const expected = await referenceSnapshot(events as PulseEvent[], Date.parse(s.at), metricSettings(t.pulse.config), t.pulse.config.live.queues);
    expect({ ...s, alerts: [] }).toEqual(JSON.parse(JSON.stringify(expected)));
  });

  it('narrows GET /v1/live to such a queue', async () => {
    for (const name of NAMES) {
      const s = await live(`?queue=${encodeURIComponent(name)}`);
      expect(Object.keys(s.queues), name).toEqual([name]);
      expect(
        s.agents.map((a) => a.id),
        name,
      ).toEqual([name]);
      expect(
        s.sla.breached.map((i) => i.ticket_id),
        name,
      ).toEqual([name]);
    }
    expect((await live('?queue=propertyIsEnumerable')).queues).toEqual({});
  });

  it('raises their alerts like any other queue and ticket', async () => {
    const key = (a: Alert) => `${a.rule} ${a.severity} ${JSON.stringify(a.scope)} ${a.threshold}`;
    const expected = [
      ...NAMES.map((n) => `queue_wait warning ${JSON.stringify({ queue: n })} 60`),
      // per-ticket SLA alerts roll up into one per queue (SPEC §4, "Noise control")
      ...NAMES.map((n) => `sla_breach critical ${JSON.stringify({ queue: n })} 1`),
    ].sort();
    const alerts = await eventually(
      async () => ((await getJson(t.url, '/v1/alerts?state=firing')).body.alerts as Alert[]).map(key).sort(),
      (keys) => keys.length >= expected.length,
    );
    expect(alerts).toEqual(expected);
    const breaches = ((await getJson(t.url, '/v1/alerts?state=firing')).body.alerts as Alert[]).filter((a) => a.rule === 'sla_breach');
    for (const a of breaches) expect(a.items!.map((i) => [i.ticket_id, i.agent_id, i.agent_name])).toEqual([[a.scope.queue, a.scope.queue, a.scope.queue]]);
  });
});

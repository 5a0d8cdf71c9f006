// SPEC §1: ids and names are opaque data. Queues, agents, tickets and chats named after members of
// Object.prototype (`toString`, `constructor`, `__proto__`…) count like any other, through the
// reference model.
import { describe, expect, it } from 'vitest';
import type { PulseEvent, Snapshot } from '@pulse/contracts';
import { DEFAULT_METRIC_SETTINGS, filterSnapshot, referenceSnapshot, type MetricSettings } from '../src/index.ts';

const NAMES = ['toString', 'valueOf', 'constructor', '__proto__', 'hasOwnProperty'] as const;
const T = Date.UTC(2026, 10, 20, 10, 0, 0); // Friday 20 November 2026, 10:00 UTC
const at = (s: number) => T + s * 1000;
const iso = (ms: number) => new Date(ms).toISOString();

/** For each name: an online agent, a waiting chat, an answered chat and an urgent ticket past its first-reply target, all named so. */
function eventsOf(name: string): PulseEvent[] {
  return [
    { id: name, type: 'agent.status_changed', ts: at(-3600), agent_id: name, status: 'online', name, queues: [name] },
    { id: `${name}.c1`, type: 'chat.requested', ts: at(-120), chat_id: name, queue: name },
    { id: `${name}.c2`, type: 'chat.requested', ts: at(-600), chat_id: `${name}.c2`, queue: name },
    { id: `${name}.c2a`, type: 'chat.answered', ts: at(-580), chat_id: `${name}.c2`, agent_id: name },
    { id: `${name}.t`, type: 'ticket.created', ts: at(-1200), ticket_id: name, queue: name, channel: 'email', priority: 'urgent', agent_id: name },
  ] as PulseEvent[];
}
const events = NAMES.flatMap(eventsOf);

/** What each queue shows: one waiting for 120 s, one answered after 20 s by its one agent, one ticket breached 5 min ago. */
function queueOf(): Partial<Snapshot['queues'][string]> {
  return {
    waiting: 1,
    longest_wait_s: 120,
    unsolved_tickets: 1,
    unassigned_tickets: 0,
    oldest_unassigned_s: 0,
    agents_online: 1,
    agents_away: 0,
    active_chats: 1,
    utilization_pct: 100 / 3,
    sla_breached: 1,
    sla_at_risk: 0,
  };
}

const ownKeys = (o: object) => Object.keys(o).sort();

describe('ids and names that are Object.prototype members', () => {
  it('show every queue, agent and SLA item with its own figures', async () => {
    const s = await referenceSnapshot(events, T, DEFAULT_METRIC_SETTINGS);
    expect(ownKeys(s.queues)).toEqual([...NAMES].sort());
    for (const name of NAMES) {
      expect(Object.hasOwn(s.queues, name), name).toBe(true);
      const q = Object.getOwnPropertyDescriptor(s.queues, name)!.value as Snapshot['queues'][string];
      expect(q, name).toMatchObject(queueOf());
      expect(q.windows['15m'], name).toMatchObject({ offered: 1, answered: 1, asa_s: 20, service_level_pct: 100, created: 0, sla_achievement_pct: 0 });
      expect(q.windows['60m'], name).toMatchObject({ offered: 1, created: 1, sla_achievement_pct: 0 });
    }
    expect(s.overall).toMatchObject({ waiting: 5, unsolved_tickets: 5, agents_online: 5, active_chats: 5, sla_breached: 5 });
    expect(s.agents).toEqual(
      [...NAMES].sort().map((name) => ({
        id: name,
        name,
        status: 'online',
        status_since: iso(at(-3600)),
        queues: [name],
        active_chats: 1,
        chat_capacity: 3,
        load_pct: 100 / 3,
        open_tickets: 1,
        handled_today: 0,
        timeline: [{ status: 'online', at: iso(at(-3600)) }],
      })),
    );
    expect(s.sla.breached).toEqual(
      [...NAMES].sort().map((name) => ({
        ticket_id: name,
        target: 'first_reply',
        due_at: iso(at(-300)),
        remaining_s: -300,
        queue: name,
        priority: 'urgent',
        agent_id: name,
      })),
    );
    // the JSON of the snapshot carries `__proto__` as a queue like the others
    expect(Object.keys(JSON.parse(JSON.stringify(s)).queues).sort()).toEqual([...NAMES].sort());
  });

  it('narrows the snapshot to such a queue, and to none for a name nobody uses', async () => {
    const s = await referenceSnapshot(events, T, DEFAULT_METRIC_SETTINGS);
    for (const name of NAMES) {
      const f = filterSnapshot(s, name);
      expect(ownKeys(f.queues), name).toEqual([name]);
      expect(f.agents.map((a) => a.id)).toEqual([name]);
      expect(f.sla.breached.map((i) => i.ticket_id)).toEqual([name]);
    }
    for (const missing of ['isPrototypeOf', 'propertyIsEnumerable']) {
      expect(JSON.stringify(filterSnapshot(s, missing).queues), missing).toBe('{}');
    }
    const noProto = await referenceSnapshot(eventsOf('q'), T, DEFAULT_METRIC_SETTINGS);
    expect(JSON.stringify(filterSnapshot(noProto, '__proto__').queues)).toBe('{}');
  });

  it('applies per-queue settings only to the queues configured, whatever their names', async () => {
    const settings: MetricSettings = {
      ...DEFAULT_METRIC_SETTINGS,
      // T = 10 s for valueOf: its chat answered after 20 s misses the service level
      serviceLevelS: { ...DEFAULT_METRIC_SETTINGS.serviceLevelS, byQueue: { valueOf: 10 } },
    };
    const s = await referenceSnapshot(events, T, settings);
    const sl = (name: string) => (Object.getOwnPropertyDescriptor(s.queues, name)!.value as Snapshot['queues'][string]).windows['15m'].service_level_pct;
    expect(NAMES.map(sl)).toEqual([100, 0, 100, 100, 100]);
  });
});

import { describe, it, expect } from 'vitest';
import { EVENT_TYPES, validateEvent, type PulseEvent } from '@pulse/contracts';
import { generate, generateAll } from '../src/generator.ts';
import { buildWorld } from '../src/world.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MONDAY = Date.UTC(2025, 0, 6); // a Monday, 00:00 UTC
const world = buildWorld({ seed: 1 });
const twoDays = generateAll({ seed: 1, world, from: MONDAY, to: MONDAY + 2 * DAY });

describe('generate', () => {
  it('is deterministic for a seed, and differs for another seed', () => {
    const opts = { seed: 7, world, from: MONDAY + 9 * HOUR, to: MONDAY + 13 * HOUR };
    const a = generateAll(opts);
    const b = generateAll(opts);
    expect(a.length).toBeGreaterThan(500);
    expect(b).toEqual(a);
    const c = generateAll({ ...opts, seed: 8 });
    expect(c).not.toEqual(a);
  });

  it('does not let `to` change earlier events: a shorter range is a prefix of a longer one', () => {
    const short = generateAll({ seed: 3, world, from: MONDAY, to: MONDAY + 10 * HOUR });
    const long = generateAll({ seed: 3, world, from: MONDAY, to: MONDAY + 14 * HOUR });
    expect(long.slice(0, short.length)).toEqual(short);
    expect(long.length).toBeGreaterThan(short.length);
  });

  it('yields events in ts order within [from, to), every one passing validateEvent', () => {
    let last = -Infinity;
    for (const e of twoDays) {
      expect(e.ts).toBeGreaterThanOrEqual(last);
      expect(e.ts).toBeGreaterThanOrEqual(MONDAY);
      expect(e.ts).toBeLessThan(MONDAY + 2 * DAY);
      expect(Number.isInteger(e.ts)).toBe(true);
      last = e.ts;
      const v = validateEvent(e, e.ts);
      if (!v.ok) throw new Error(`${JSON.stringify(e)}: ${v.error}`);
    }
  });

  it('produces every event type of the contract', () => {
    const types = new Set(twoDays.map((e) => e.type));
    for (const t of EVENT_TYPES) expect(types, t).toContain(t);
  });

  it('has unique event ids, chat ids and ticket ids, and never refers to an unknown chat or ticket', () => {
    const ids = new Set(twoDays.map((e) => e.id));
    expect(ids.size).toBe(twoDays.length);
    const chats = new Set<string>();
    const tickets = new Set<string>();
    for (const e of twoDays) {
      if (e.type === 'chat.requested') {
        expect(chats.has(e.chat_id)).toBe(false);
        chats.add(e.chat_id);
      } else if (e.type === 'ticket.created') {
        expect(tickets.has(e.ticket_id)).toBe(false);
        tickets.add(e.ticket_id);
      } else if ('chat_id' in e && e.chat_id !== undefined) {
        expect(chats.has(e.chat_id), e.id).toBe(true);
      } else if ('ticket_id' in e && e.ticket_id !== undefined) {
        expect(tickets.has(e.ticket_id), e.id).toBe(true);
      }
    }
    expect(chats.size).toBeGreaterThan(500);
    expect(tickets.size).toBeGreaterThan(300);
  });

  it('has more arrivals at 10:00–12:00 than at 02:00–04:00 on a weekday', () => {
    const tuesday = MONDAY + DAY;
    const arrivals = (fromH: number, toH: number) =>
      twoDays.filter((e) => (e.type === 'chat.requested' || e.type === 'ticket.created') && e.ts >= tuesday + fromH * HOUR && e.ts < tuesday + toH * HOUR)
        .length;
    const peak = arrivals(10, 12);
    const night = arrivals(2, 4);
    expect(peak).toBeGreaterThan(night);
    expect(peak).toBeGreaterThan(5 * night);
  });

  it('has fewer arrivals on a weekend day than on a weekday', () => {
    const saturday = MONDAY + 5 * DAY;
    const count = (from: number) => [...generate({ seed: 1, world, from, to: from + DAY })].filter((e) => e.type === 'chat.requested').length;
    expect(count(saturday)).toBeLessThan(count(MONDAY + DAY));
  });

  it('has abandoned chats, and answered chats never exceed an agent capacity (replayed)', () => {
    const capacity = new Map<string, number>();
    const queues = new Map<string, string[]>();
    const status = new Map<string, string>();
    const active = new Map<string, number>();
    const holder = new Map<string, string | null>();
    const chatQueue = new Map<string, string>();
    let abandoned = 0;
    let answered = 0;
    let maxLoad = 0;
    const take = (agent: string, chat: string) => {
      const n = (active.get(agent) ?? 0) + 1;
      expect(n, `${agent} over capacity with ${chat}`).toBeLessThanOrEqual(capacity.get(agent)!);
      maxLoad = Math.max(maxLoad, n / capacity.get(agent)!);
      active.set(agent, n);
      holder.set(chat, agent);
    };
    const release = (chat: string) => {
      const agent = holder.get(chat);
      if (agent) active.set(agent, active.get(agent)! - 1);
      holder.set(chat, null);
    };
    for (const e of twoDays) {
      switch (e.type) {
        case 'agent.status_changed':
          if (e.chat_capacity !== undefined) capacity.set(e.agent_id, e.chat_capacity);
          if (e.queues) queues.set(e.agent_id, e.queues);
          status.set(e.agent_id, e.status);
          break;
        case 'chat.requested':
          chatQueue.set(e.chat_id, e.queue);
          break;
        case 'chat.answered':
          answered++;
          expect(status.get(e.agent_id)).toBe('online');
          expect(queues.get(e.agent_id)).toContain(chatQueue.get(e.chat_id));
          expect(holder.get(e.chat_id) ?? null).toBeNull();
          take(e.agent_id, e.chat_id);
          break;
        case 'chat.transferred':
          release(e.chat_id);
          if (e.to_agent_id) take(e.to_agent_id, e.chat_id);
          else chatQueue.set(e.chat_id, e.to_queue!);
          break;
        case 'chat.ended':
          release(e.chat_id);
          break;
        case 'chat.abandoned':
          abandoned++;
          expect(holder.get(e.chat_id) ?? null).toBeNull();
          break;
      }
    }
    expect(abandoned).toBeGreaterThan(0);
    expect(answered).toBeGreaterThan(4 * abandoned); // abandons stay a minority
    expect(maxLoad).toBe(1); // agents do get full
  });

  it('introduces each agent with name, queues and capacity when it logs in', () => {
    const seen = new Set<string>();
    for (const e of twoDays) {
      if (e.type !== 'agent.status_changed' || seen.has(e.agent_id)) continue;
      seen.add(e.agent_id);
      expect(e.status).toBe('online');
      expect(e.name).toBeTruthy();
      expect(e.queues!.length).toBeGreaterThan(0);
      expect(e.chat_capacity).toBeGreaterThanOrEqual(2);
      expect(e.chat_capacity).toBeLessThanOrEqual(4);
    }
    expect(seen.size).toBeGreaterThanOrEqual(20);
    const statuses = new Set(twoDays.filter((e) => e.type === 'agent.status_changed').map((e) => (e as { status: string }).status));
    expect([...statuses].sort()).toEqual(['away', 'offline', 'online']);
  });

  it('warms up a live start: agents online and chats waiting within seconds', () => {
    const from = MONDAY + DAY + 10.5 * HOUR;
    const first: PulseEvent[] = [...generate({ seed: 5, world, from, to: from + 30_000, warmup: true })];
    const online = first.filter((e) => e.type === 'agent.status_changed' && e.status === 'online');
    expect(online.length).toBeGreaterThanOrEqual(8);
    const requestedIn5s = first.filter((e) => e.type === 'chat.requested' && e.ts < from + 5_000);
    expect(requestedIn5s.length).toBeGreaterThanOrEqual(3);
    const answered = new Set(first.filter((e) => e.type === 'chat.answered').map((e) => (e as { chat_id: string }).chat_id));
    expect(
      requestedIn5s.some(
        (e) =>
          !answered.has((e as { chat_id: string }).chat_id) ||
          first.find((x) => x.type === 'chat.answered' && x.chat_id === (e as { chat_id: string }).chat_id)!.ts - e.ts > 2_000,
      ),
    ).toBe(true);
  });

  it('scales to 40 queues and 300 agents', () => {
    const big = buildWorld({ seed: 2, queues: 40, agents: 300 });
    expect(big.queues).toHaveLength(40);
    expect(big.agents).toHaveLength(300);
    expect(new Set(big.queues.map((q) => q.name)).size).toBe(40);
    for (const q of big.queues)
      expect(
        big.agents.some((a) => a.queues.includes(q.name)),
        q.name,
      ).toBe(true);
    const events = generateAll({ seed: 2, world: big, from: MONDAY + 10 * HOUR, to: MONDAY + 11 * HOUR });
    expect(events.length).toBeGreaterThan(3000);
    for (const e of events) expect(validateEvent(e, e.ts).ok).toBe(true);
    expect(() => buildWorld({ queues: 41 })).toThrow(RangeError);
    expect(() => buildWorld({ agents: 301 })).toThrow(RangeError);
  });

  it('works for tiny organisations too', () => {
    for (const [queues, agents] of [
      [1, 1],
      [4, 3],
      [40, 20],
    ]) {
      const w = buildWorld({ seed: 9, queues, agents });
      for (const q of w.queues) expect(w.agents.some((a) => a.queues.includes(q.name))).toBe(true);
      const events = generateAll({ seed: 9, world: w, from: MONDAY, to: MONDAY + DAY });
      expect(events.some((e) => e.type === 'chat.answered')).toBe(true);
      for (const e of events) expect(validateEvent(e, e.ts).ok).toBe(true);
    }
  });

  it('multiplies arrivals by scale', () => {
    const count = (scale: number) =>
      generateAll({ seed: 4, world, scale, from: MONDAY + 10 * HOUR, to: MONDAY + 12 * HOUR }).filter((e) => e.type === 'chat.requested').length;
    expect(count(3)).toBeGreaterThan(2 * count(1));
  });
});

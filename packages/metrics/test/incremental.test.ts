// Incremental derivation: an item derived from a prefix of its events (in event-time order) and extended
// with the rest, in one or several steps, gives exactly what deriving it from all of its events gives —
// contributions (in order), expiry and summary — and the contributions survive their compact stored form.
// A new event that is not later than all stored ones is refused (the caller derives the item again).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PulseEvent } from '@pulse/contracts';
import {
  DEFAULT_METRIC_SETTINGS,
  decodeContributions,
  deriveItemState,
  encodeContributions,
  extendItem,
  groupByItem,
  type MetricSettings,
} from '../src/index.ts';
import { byEventTime } from '../src/items/order.ts';
import { historySpec, materialize } from '../../../test/support/histories.ts';

const settings: MetricSettings = { ...DEFAULT_METRIC_SETTINGS, serviceLevelS: { ...DEFAULT_METRIC_SETTINGS.serviceLevelS, byQueue: { q2: 45 } } };
const RANKS: Record<string, Record<string, number>> = {
  chat: { 'chat.requested': 0, 'chat.transferred': 1, 'chat.answered': 2, 'chat.abandoned': 3, 'chat.ended': 4, 'csat.rated': 5 },
  ticket: {
    'ticket.created': 0,
    'ticket.updated': 1,
    'ticket.assigned': 2,
    'ticket.customer_replied': 3,
    'ticket.agent_replied': 4,
    'ticket.status_changed': 5,
    'csat.rated': 6,
  },
};

describe('incremental derivation equals derivation from all events', () => {
  it('for random histories split at random points', () => {
    const base = Date.UTC(2026, 0, 5, 10, 30);
    let extended = 0;
    fc.assert(
      fc.property(historySpec, fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), (spec, cuts) => {
        const { events } = materialize(spec, { run: 0, base, earlierEvents: [] });
        for (const { ref, events: evs } of groupByItem(events).values()) {
          if (ref.kind === 'agent') continue;
          const sorted = [...evs].sort(byEventTime(RANKS[ref.kind]!));
          const full = deriveItemState(ref, sorted, settings);
          // cut points: each part starts strictly after the previous part's last event
          const points = [...new Set(cuts.map((c) => 1 + (c % sorted.length)))].sort((a, b) => a - b);
          let start = points[0]!;
          let cur = deriveItemState(ref, sorted.slice(0, start), settings);
          for (const end of [...points.slice(1), sorted.length]) {
            if (end <= start) continue;
            const stored = decodeContributions(encodeContributions(cur.derived.contributions));
            const next = extendItem(ref, cur.state!, stored, sorted.slice(start, end), settings);
            expect(next, `${ref.kind}:${ref.id} extended at ${start}`).not.toBeNull();
            cur = next!;
            start = end;
            extended++;
          }
          expect(cur.derived).toEqual(full.derived);
          expect(cur.state).toBe(full.state);
        }
      }),
      { numRuns: 300 },
    );
    // the property held for many extensions, not only for items too small to split
    expect(extended).toBeGreaterThan(1000);
  });

  it('refuses an event that sorts before the last stored one, and agents', () => {
    const ev = (id: string, type: string, ts: number, f: Record<string, unknown>) => ({ id, type, ts, ...f }) as PulseEvent;
    const ref = { kind: 'chat', id: 'c1' } as const;
    const d = deriveItemState(
      ref,
      [ev('a', 'chat.requested', 1000, { chat_id: 'c1', queue: 'q' }), ev('b', 'chat.answered', 5000, { chat_id: 'c1', agent_id: 'x' })],
      settings,
    );
    // same instant, lower rank (a transfer sorts before an answer): late
    expect(extendItem(ref, d.state!, d.derived.contributions, [ev('c', 'chat.transferred', 5000, { chat_id: 'c1', to_queue: 'r' })], settings)).toBeNull();
    expect(extendItem(ref, d.state!, d.derived.contributions, [ev('d', 'chat.ended', 4999, { chat_id: 'c1' })], settings)).toBeNull();
    // same instant, higher rank: later
    expect(extendItem(ref, d.state!, d.derived.contributions, [ev('e', 'chat.ended', 5000, { chat_id: 'c1' })], settings)).not.toBeNull();
    const agent = { kind: 'agent', id: 'x' } as const;
    expect(deriveItemState(agent, [ev('s', 'agent.status_changed', 1, { agent_id: 'x', status: 'online' })], settings).state).toBeNull();
  });

  it('stores contributions compactly and reads the form before it', () => {
    const list = [
      { k: 'n', key: 'm:29000000', field: 'all|answered', d: 1, expireAt: 1_740_000_000_000 },
      { k: 'n', key: 'm:29000000', field: 'q:a:b|c|answered', d: -2 },
      { k: 'z', key: 'waiting:q:__proto__', m: 'toString', s: 5 },
      { k: 'h', key: 'slainfo', field: 't|first_reply', v: '{"x":1}' },
    ] as const;
    const json = encodeContributions([...list]);
    expect(JSON.parse(json)).toEqual({
      k: ['m:29000000', 'waiting:q:__proto__', 'slainfo'],
      c: [0, 0, 'all|answered', 1, 1_740_000_000_000, 0, 0, 'q:a:b|c|answered', -2, 0, 1, 1, 'toString', 5, 0, 2, 2, 't|first_reply', '{"x":1}', 0],
    });
    expect(decodeContributions(json)).toEqual(list);
    expect(json.length).toBeLessThan(JSON.stringify(list).length);
    expect(decodeContributions(JSON.stringify(list))).toEqual(list);
  });
});

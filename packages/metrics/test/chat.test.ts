// Chat metrics from the spec's definitions, with hand-computed values, through the reference model.
import { describe, expect, it } from 'vitest';
import type { PulseEvent } from '@pulse/contracts';
import { DEFAULT_METRIC_SETTINGS, referenceSnapshot } from '../src/index.ts';

const T = Date.UTC(2026, 0, 5, 10, 30, 0); // a Monday, 10:30:00 UTC
const at = (s: number) => T + s * 1000;
let n = 0;
const ev = (type: string, sec: number, fields: Record<string, unknown>) => ({ id: `e${n++}`, type, ts: at(sec), ...fields }) as PulseEvent;

describe('chat metrics', () => {
  // billing (chat, T = 30 s): c1 answered after 20 s and ended 100 s later; c2 answered after 40 s;
  // c3 abandoned after 10 s (a short abandon); c4 abandoned after 50 s; c5 still waiting since −70 s.
  const events = [
    ev('chat.requested', -600, { chat_id: 'c1', queue: 'billing' }),
    ev('chat.answered', -580, { chat_id: 'c1', agent_id: 'a1' }),
    ev('chat.ended', -480, { chat_id: 'c1' }),
    ev('chat.requested', -300, { chat_id: 'c2', queue: 'billing' }),
    ev('chat.answered', -260, { chat_id: 'c2', agent_id: 'a1' }),
    ev('chat.requested', -200, { chat_id: 'c3', queue: 'billing' }),
    ev('chat.abandoned', -190, { chat_id: 'c3' }),
    ev('chat.requested', -150, { chat_id: 'c4', queue: 'billing' }),
    ev('chat.abandoned', -100, { chat_id: 'c4' }),
    ev('chat.requested', -70, { chat_id: 'c5', queue: 'billing' }),
  ];

  it('computes the window metrics of SPEC §2', async () => {
    const s = await referenceSnapshot(events, T, DEFAULT_METRIC_SETTINGS);
    const w = s.queues.billing!.windows['15m'];
    expect(w.answered).toBe(2);
    expect(w.abandoned).toBe(2);
    expect(w.offered).toBe(4);
    expect(w.asa_s).toBe(30); // (20 + 40) / 2
    // answered within 30 s: c1; denominator: 2 answered + 1 abandoned after more than 30 s (c4)
    expect(w.service_level_pct).toBe((100 * 1) / 3);
    expect(w.abandon_rate_pct).toBe(50);
    expect(w.aht_s).toBe(100);
    expect(s.queues.billing?.waiting).toBe(1);
    expect(s.queues.billing?.longest_wait_s).toBe(70);
    expect(s.queues.billing?.active_chats).toBe(1);
  });

  it('counts an outcome in 15m only from the current minute and the 14 whole minutes before it', async () => {
    // outcomes at 10:15:59 (outside: minute 10:15 is the 15th before 10:30) and 10:16:00 (inside)
    const edge = [
      ev('chat.requested', -900 - 5, { chat_id: 'old', queue: 'edge' }),
      ev('chat.answered', -841, { chat_id: 'old', agent_id: 'a' }),
      ev('chat.requested', -845, { chat_id: 'new', queue: 'edge' }),
      ev('chat.answered', -840, { chat_id: 'new', agent_id: 'a' }),
    ];
    const s = await referenceSnapshot(edge, T + 59_000, DEFAULT_METRIC_SETTINGS);
    expect(s.queues.edge?.windows['15m'].answered).toBe(1);
    expect(s.queues.edge?.windows['60m'].answered).toBe(2);
  });

  it('uses 20 s for voice and 120 s for messaging as the service-level threshold', async () => {
    const evs = [
      ev('chat.requested', -100, { chat_id: 'v', queue: 'q', channel: 'voice' }),
      ev('chat.answered', -75, { chat_id: 'v', agent_id: 'a' }), // 25 s > 20 s
      ev('chat.requested', -300, { chat_id: 'm', queue: 'q', channel: 'messaging' }),
      ev('chat.answered', -190, { chat_id: 'm', agent_id: 'a' }), // 110 s ≤ 120 s
    ];
    const s = await referenceSnapshot(evs, T, DEFAULT_METRIC_SETTINGS);
    expect(s.channels.voice?.windows['15m'].service_level_pct).toBe(0);
    expect(s.channels.messaging?.windows['15m'].service_level_pct).toBe(100);
  });

  it('gives null, never 0 or 100, for a ratio with an empty denominator', async () => {
    const s = await referenceSnapshot([ev('chat.requested', -5, { chat_id: 'w', queue: 'q' })], T, DEFAULT_METRIC_SETTINGS);
    const w = s.overall.windows['15m'];
    expect([w.asa_s, w.service_level_pct, w.abandon_rate_pct, w.aht_s, w.csat_pct, w.fcr_pct, w.frt_avg_s]).toEqual([null, null, null, null, null, null, null]);
    expect(s.overall.utilization_pct).toBeNull();
  });

  it('gives the same snapshot for any order and duplicates of the same events', async () => {
    const a = await referenceSnapshot(events, T, DEFAULT_METRIC_SETTINGS);
    const b = await referenceSnapshot([...events].reverse().concat(events.slice(0, 3)), T, DEFAULT_METRIC_SETTINGS);
    expect(b).toEqual(a);
  });

  it('makes a transfer to a queue a new offer there, and counts it as a reassignment', async () => {
    const evs = [
      ev('chat.requested', -120, { chat_id: 't', queue: 'sales' }),
      ev('chat.answered', -110, { chat_id: 't', agent_id: 'a' }),
      ev('chat.transferred', -60, { chat_id: 't', to_queue: 'tech' }),
      ev('chat.answered', -45, { chat_id: 't', agent_id: 'b' }),
    ];
    const s = await referenceSnapshot(evs, T, DEFAULT_METRIC_SETTINGS);
    expect(s.queues.sales?.windows['15m']).toMatchObject({ answered: 1, asa_s: 10, reassignments: 1 });
    expect(s.queues.tech?.windows['15m']).toMatchObject({ answered: 1, asa_s: 15 });
    expect(s.queues.tech?.active_chats).toBe(1);
    expect(s.queues.sales?.active_chats).toBe(0);
  });

  it('starts today at local midnight of the configured time zone', async () => {
    // New York is UTC−5 in January: 04:30Z is 23:30 the day before, 05:10Z is 00:10 today
    const ny = { ...DEFAULT_METRIC_SETTINGS, timeZone: 'America/New_York' };
    const evs = [
      { ...ev('chat.requested', 0, { chat_id: 'y', queue: 'q' }), ts: Date.UTC(2026, 0, 5, 4, 29) }, // answered 04:30Z: yesterday in New York
      { ...ev('chat.answered', 0, { chat_id: 'y', agent_id: 'a' }), ts: Date.UTC(2026, 0, 5, 4, 30) },
      { ...ev('chat.requested', 0, { chat_id: 'z', queue: 'q' }), ts: Date.UTC(2026, 0, 5, 5, 9) },
      { ...ev('chat.answered', 0, { chat_id: 'z', agent_id: 'a' }), ts: Date.UTC(2026, 0, 5, 5, 10) },
    ] as PulseEvent[];
    const s = await referenceSnapshot(evs, Date.UTC(2026, 0, 5, 5, 20), ny);
    expect(s.queues.q?.windows.today.answered).toBe(1);
    expect(s.queues.q?.windows['60m'].answered).toBe(2);
    const utc = await referenceSnapshot(evs, Date.UTC(2026, 0, 5, 5, 20), DEFAULT_METRIC_SETTINGS);
    expect(utc.queues.q?.windows.today.answered).toBe(2);
  });
});

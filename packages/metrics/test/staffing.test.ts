// A queue's `staffing` (SPEC §2 "Staffing") with hand-computed values: from its figures, then through the
// reference model from events. Expected Erlang values were computed in exact rationals (Python `fractions`).
import { describe, expect, it } from 'vitest';
import type { PulseEvent, Staffing } from '@pulse/contracts';
import { DEFAULT_METRIC_SETTINGS, channelMix, computeStaffing, referenceSnapshot, serversFor, staffingAht, type MetricSettings } from '../src/index.ts';

const T = Date.UTC(2026, 0, 5, 10, 30, 0); // a Monday, 10:30:00 UTC
const at = (s: number) => T + s * 1000;
let n = 0;
const ev = (type: string, sec: number, fields: Record<string, unknown>) => ({ id: `e${n++}`, type, ts: at(sec), ...fields }) as PulseEvent;
const agent = (id: string, queues: string[], capacity: number, status = 'online') =>
  ev('agent.status_changed', -3000, { agent_id: id, status, name: id.toUpperCase(), queues, chat_capacity: capacity });

/** A contact requested at `start` s, answered `wait` s later, ended `handle` s after that (or left active). */
function contact(id: string, queue: string, channel: string, start: number, wait: number, handle: number | null): PulseEvent[] {
  return [
    ev('chat.requested', start, { chat_id: id, queue, channel }),
    ev('chat.answered', start + wait, { chat_id: id, agent_id: 'x' }),
    ...(handle === null ? [] : [ev('chat.ended', start + wait + handle, { chat_id: id })]),
  ];
}

describe('staffing from a queue’s figures', () => {
  it('picks the handle time: 60m, else today, else the default', () => {
    expect(staffingAht(240, 600, 300)).toBe(240);
    expect(staffingAht(null, 600, 300)).toBe(600);
    expect(staffingAht(null, null, 300)).toBe(300);
  });

  it('counts servers: one per voice agent; n × mean chat capacity (3 when none online), whole', () => {
    expect([0, 1, 2, 3].map(serversFor(true, [3, 3]))).toEqual([0, 1, 2, 3]);
    expect([1, 2, 3].map(serversFor(false, [2, 3]))).toEqual([2, 5, 7]); // 2.5, 5, 7.5
    expect([1, 3].map(serversFor(false, [2, 2, 3]))).toEqual([2, 7]); // 7/3 and 3 × 7/3 = 7, not 6.999…
    expect([1, 2].map(serversFor(false, []))).toEqual([3, 6]);
  });

  it('tells a voice queue by most of its offers', () => {
    expect(channelMix({ answered: 4, abandoned: 1, offered_voice: 3, offered_chat: 2 })).toEqual({ voice: true, main: 'voice' });
    expect(channelMix({ answered: 4, offered_voice: 2, offered_messaging: 2 })).toEqual({ voice: false, main: 'messaging' });
    expect(channelMix({ answered: 6 })).toEqual({ voice: false, main: 'chat' });
  });

  it('the Call Centre Helper example as a voice queue: 50 offered in 15 min, AHT 180 s, 11 staffed → 14 needed', () => {
    // 4 × 50 = 200 per hour; A = 200 × 180 ÷ 3600 = 10 erlangs (the example's 100 calls per half hour)
    const s = computeStaffing({ offered15m: 50, ahtS: 180, voice: true, capacities: Array(11).fill(3), thresholdS: 20, goalPct: 80 });
    expect(s).toEqual<Staffing>({
      arrival_rate_per_h: 200,
      aht_s: 180,
      load_erlangs: 10,
      staffed_agents: 11,
      required_agents: 14,
      forecast_sl_pct: expect.closeTo(38.96138117291533, 11),
      forecast_asa_s: expect.closeTo(122.78127684407983, 10),
      overloaded: false,
      voice: true,
      threshold_s: 20,
      goal_pct: 80,
    });
  });

  it('an overloaded queue: servers ≤ A → SL 0, ASA null, overloaded', () => {
    // 4 × 30 = 120 per hour × 300 s ÷ 3600 = 10 erlangs on 2 agents × 3 = 6 servers; 80 % in 30 s first with
    // 5 agents (15 servers): SL(12) = 1 − 0.44938822429827086·e^{−2·30/300} = 63.21 %, SL(15) = 1 −
    // 0.10204236700798801·e^{−5·30/300} = 93.81 %.
    const s = computeStaffing({ offered15m: 30, ahtS: 300, voice: false, capacities: [3, 3], thresholdS: 30, goalPct: 80 });
    expect(s).toMatchObject({ load_erlangs: 10, staffed_agents: 2, forecast_sl_pct: 0, forecast_asa_s: null, overloaded: true, required_agents: 5 });
  });

  it('fewer than 5 offered: every field null but staffed_agents', () => {
    const s = computeStaffing({ offered15m: 4, ahtS: 300, voice: false, capacities: [3], thresholdS: 30, goalPct: 80 });
    expect(s).toEqual({
      arrival_rate_per_h: null,
      aht_s: null,
      load_erlangs: null,
      staffed_agents: 1,
      required_agents: null,
      forecast_sl_pct: null,
      forecast_asa_s: null,
      overloaded: null,
      voice: null,
      threshold_s: null,
      goal_pct: null,
    });
  });

  it('agents who take no chat meet no goal: required null', () => {
    const s = computeStaffing({ offered15m: 8, ahtS: 300, voice: false, capacities: [0, 0], thresholdS: 30, goalPct: 80 });
    expect(s).toMatchObject({ staffed_agents: 2, required_agents: null, overloaded: true, forecast_sl_pct: 0 });
  });
});

describe('staffing in the snapshot (reference model)', () => {
  const events: PulseEvent[] = [
    // billing, chat (T 30 s): a1 (capacity 2) and a2 (3) online, a3 away → 2 staffed, c = 2.5, 5 servers.
    // 10 chats in the last 15 min, each handled 240 s → 40 per hour, A = 40 × 240 ÷ 3600 = 8/3.
    agent('a1', ['billing'], 2),
    agent('a2', ['billing', 'late'], 3),
    agent('a3', ['billing'], 3, 'away'),
    ...Array.from({ length: 10 }, (_, i) => contact(`b${i}`, 'billing', 'chat', -800 + 50 * i, 10, 240)).flat(),
    // phone, voice (T 20 s): 3 agents online of capacity 3 → still 3 servers; 12 calls handled 180 s →
    // 48 per hour, A = 48 × 180 ÷ 3600 = 2.4.
    agent('p1', ['phone'], 3),
    agent('p2', ['phone'], 3),
    agent('p3', ['phone'], 3),
    ...Array.from({ length: 12 }, (_, i) => contact(`p${i}`, 'phone', 'voice', -830 + 40 * i, 5, 180)).flat(),
    // late (chat): 5 chats answered in the window, none ended; one chat of today handled 600 s two hours ago →
    // aht 600 (today's); A = 20 × 600 ÷ 3600 = 10/3; a2 (capacity 3) is its only agent: 3 servers ≤ A.
    ...Array.from({ length: 5 }, (_, i) => contact(`l${i}`, 'late', 'chat', -500 + 60 * i, 5, null)).flat(),
    ...contact('l-old', 'late', 'chat', -7800, 5, 600),
    // fresh (chat): 5 abandoned, nothing handled today → aht 300 (default); nobody online → c = 3;
    // A = 20 × 300 ÷ 3600 = 5/3.
    ...Array.from({ length: 5 }, (_, i) => [
      ev('chat.requested', -600 + 60 * i, { chat_id: `f${i}`, queue: 'fresh' }),
      ev('chat.abandoned', -590 + 60 * i, { chat_id: `f${i}` }),
    ]).flat(),
    // quiet: 4 offered → only staffed_agents
    agent('q1', ['quiet'], 3),
    ...Array.from({ length: 4 }, (_, i) => contact(`q${i}`, 'quiet', 'chat', -400 + 60 * i, 5, 100)).flat(),
  ];

  it('computes each queue’s staffing from its window, handle time, agents, T and goal', async () => {
    const s = await referenceSnapshot(events, T, DEFAULT_METRIC_SETTINGS);
    // billing: 5 servers: P_wait = 0.16163529458190284; SL = 1 − P·e^{−(5 − 8/3)·30/240} = 87.92556062794866 %;
    // ASA = P·240 ÷ (7/3) = 16.62534458556715 s. 1 agent (2 servers) ≤ A; 2 agents reach 80 % → required 2.
    expect(s.queues.billing?.staffing).toEqual({
      arrival_rate_per_h: 40,
      aht_s: 240,
      load_erlangs: expect.closeTo(8 / 3, 14),
      staffed_agents: 2,
      required_agents: 2,
      forecast_sl_pct: expect.closeTo(87.92556062794866, 11),
      forecast_asa_s: expect.closeTo(16.62534458556715, 11),
      overloaded: false,
      voice: false,
      threshold_s: 30,
      goal_pct: 80,
    });
    // phone: 3 servers: P_wait = 0.647191011235955; SL = 1 − P·e^{−0.6·20/180} = 39.454828833908785 %;
    // ASA = P·180 ÷ 0.6 = 194.1573033707865 s. SL(4) = 75.97 %, SL(5) = 91.50 % → required 5.
    expect(s.queues.phone?.staffing).toEqual({
      arrival_rate_per_h: 48,
      aht_s: 180,
      load_erlangs: expect.closeTo(2.4, 14),
      staffed_agents: 3,
      required_agents: 5,
      forecast_sl_pct: expect.closeTo(39.454828833908785, 11),
      forecast_asa_s: expect.closeTo(194.1573033707865, 10),
      overloaded: false,
      voice: true,
      threshold_s: 20,
      goal_pct: 80,
    });
    // late: overloaded; 2 agents (6 servers) give SL 87.03 % → required 2.
    expect(s.queues.late?.staffing).toEqual({
      arrival_rate_per_h: 20,
      aht_s: 600,
      load_erlangs: expect.closeTo(10 / 3, 14),
      staffed_agents: 1,
      required_agents: 2,
      forecast_sl_pct: 0,
      forecast_asa_s: null,
      overloaded: true,
      voice: false,
      threshold_s: 30,
      goal_pct: 80,
    });
    // fresh: no agent, overloaded; 1 agent (3 servers) gives 73.77 %, 2 agents (6) 99.50 % → required 2.
    expect(s.queues.fresh?.staffing).toMatchObject({
      arrival_rate_per_h: 20,
      aht_s: 300,
      staffed_agents: 0,
      required_agents: 2,
      forecast_sl_pct: 0,
      overloaded: true,
    });
    expect(s.queues.quiet?.staffing).toMatchObject({ staffed_agents: 1, arrival_rate_per_h: null, required_agents: null, forecast_sl_pct: null });
    // overall and channels carry no staffing
    expect(s.overall.staffing).toBeUndefined();
    expect(s.channels.voice).toBeDefined();
    expect(s.channels.voice!.staffing).toBeUndefined();
  });

  it('uses the queue’s own goal and T from the settings', async () => {
    const settings: MetricSettings = {
      ...DEFAULT_METRIC_SETTINGS,
      serviceLevelS: { ...DEFAULT_METRIC_SETTINGS.serviceLevelS, byQueue: { billing: 10 } },
      staffing: { defaultAhtS: 300, goalPct: { default: 80, byQueue: { billing: 95 } } },
    };
    const s = await referenceSnapshot(events, T, settings);
    // billing with T = 10 s: SL(5 servers) = 1 − 0.16163529458190284·e^{−(7/3)·10/240} = 85.33395124400458 %;
    // goal 95 %: SL(7 servers, 3 agents) = 1 − 0.02131348722974587·e^{−(13/3)·10/240} = 98.22 % → required 3.
    expect(s.queues.billing?.staffing).toMatchObject({
      threshold_s: 10,
      goal_pct: 95,
      required_agents: 3,
      forecast_sl_pct: expect.closeTo(85.33395124400458, 11),
    });
  });
});

// SPEC §2 "Staffing" through the real server: events in, GET /v1/live out, with hand-computed values (the
// Erlang figures computed in exact rationals, Python `fractions`). The goal per queue is the alerts'
// `service_level_goal_pct`: one setting for the alert and for staffing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '@pulse/contracts';
import { eventually, getJson, postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false }, alerts: { byQueue: { phone: { service_level_goal_pct: 95 } } } });
});
afterAll(async () => {
  await t?.close();
});

const live = async (): Promise<Snapshot> => (await getJson(t.url, '/v1/live')).body as Snapshot;

function floor(now: number) {
  const s = (sec: number) => now - sec * 1000;
  const agent = (id: string, queues: string[], capacity: number, status = 'online') => ({
    id: `a-${id}`,
    type: 'agent.status_changed',
    ts: s(3000),
    agent_id: id,
    status,
    name: id,
    queues,
    chat_capacity: capacity,
  });
  const contact = (id: string, queue: string, channel: string, start: number, handle: number) => [
    { id: `${id}-r`, type: 'chat.requested', ts: s(start), chat_id: id, queue, channel },
    { id: `${id}-a`, type: 'chat.answered', ts: s(start - 5), chat_id: id, agent_id: 'x' },
    { id: `${id}-e`, type: 'chat.ended', ts: s(start - 5 - handle), chat_id: id },
  ];
  return [
    agent('Ana', ['billing'], 2),
    agent('Bo', ['billing'], 3),
    agent('Cy', ['billing'], 3, 'away'),
    agent('P1', ['phone'], 3),
    agent('P2', ['phone'], 3),
    agent('P3', ['phone'], 3),
    // billing: 10 chats in the last 15 min, each handled 240 s
    ...Array.from({ length: 10 }, (_, i) => contact(`b${i}`, 'billing', 'chat', 780 - 50 * i, 240)).flat(),
    // phone: 12 voice calls, each handled 180 s
    ...Array.from({ length: 12 }, (_, i) => contact(`p${i}`, 'phone', 'voice', 780 - 40 * i, 180)).flat(),
  ];
}

describe('staffing in GET /v1/live', () => {
  let snap: Snapshot;
  beforeAll(async () => {
    expect((await postEvents(t.url, floor(Date.now()))).status).toBe(202);
    snap = await eventually(
      live,
      (s) => s.queues.billing?.windows['15m'].offered === 10 && s.queues.phone?.windows['15m'].offered === 12 && s.agents.length === 6,
    );
  });

  it('billing (chat): 40 per hour × 240 s = 8/3 erlangs on Ana (2) and Bo (3): 5 servers, 2 agents needed', () => {
    // P_wait(5, 8/3) = 0.16163529458190284; SL = 1 − P·e^{−(7/3)·30/240} = 87.92556062794866 %;
    // ASA = P·240 ÷ (7/3) = 16.62534458556715 s; one agent (2 servers) ≤ A → required 2. Cy is away.
    expect(snap.queues.billing?.staffing).toEqual({
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
  });

  it('phone (voice, goal 95 % from the alert thresholds): 2.4 erlangs on 3 agents, 6 needed', () => {
    // P_wait(3, 2.4) = 0.647191011235955; SL = 1 − P·e^{−0.6·20/180} = 39.454828833908785 %;
    // ASA = P·180 ÷ 0.6 = 194.1573033707865 s. SL(5) = 91.50 % < 95 %, SL(6) = 97.32 % → required 6.
    expect(snap.queues.phone?.staffing).toEqual({
      arrival_rate_per_h: 48,
      aht_s: 180,
      load_erlangs: expect.closeTo(2.4, 14),
      staffed_agents: 3,
      required_agents: 6,
      forecast_sl_pct: expect.closeTo(39.454828833908785, 11),
      forecast_asa_s: expect.closeTo(194.1573033707865, 10),
      overloaded: false,
      voice: true,
      threshold_s: 20,
      goal_pct: 95,
    });
  });
});

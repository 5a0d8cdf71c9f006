// GET /v1/history/staffing: per interval of a queue, the agents Erlang C says it needed against the agents it had
// online (docs/metrics.md "Staffing over time"), with hand-computed values (Erlang figures in exact rationals).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
const T = Date.UTC(2026, 10, 20, 10, 0, 0); // Friday 20 November 2026, 10:00 UTC
const at = (sec: number) => T + sec * 1000;

beforeAll(async () => {
  t = await startTestPulse({ alerts: { enabled: false }, queueNames: { desk: 'Help desk' } });
  const agent = (id: string, sec: number, f: Record<string, unknown>) => ({
    id: `s-${id}-${sec}`,
    type: 'agent.status_changed',
    ts: at(sec),
    agent_id: id,
    ...f,
  });
  const events = [
    // Ana (desk, capacity 2) online from 9:30 to 10:30; Bo and Cy (desk, capacity 3) online throughout;
    // Dee (other) online throughout: not desk's.
    agent('ana', -1800, { status: 'online', name: 'Ana', queues: ['desk'], chat_capacity: 2 }),
    agent('ana', 1800, { status: 'away' }),
    agent('bo', -1800, { status: 'online', name: 'Bo', queues: ['desk'], chat_capacity: 3 }),
    agent('cy', -1800, { status: 'online', name: 'Cy', queues: ['desk'] }),
    agent('dee', -1800, { status: 'online', name: 'Dee', queues: ['other'] }),
    // 10:00–11:00: 20 chats, answered after 10 s, handled 180 s
    ...Array.from({ length: 20 }, (_, i) => [
      { id: `c${i}`, type: 'chat.requested', ts: at(150 * i), chat_id: `c${i}`, queue: 'desk' },
      { id: `c${i}a`, type: 'chat.answered', ts: at(150 * i + 10), chat_id: `c${i}`, agent_id: 'bo' },
      { id: `c${i}e`, type: 'chat.ended', ts: at(150 * i + 190), chat_id: `c${i}` },
    ]).flat(),
    // 11:00–12:00: 6 calls, answered after 5 s, handled 300 s
    ...Array.from({ length: 6 }, (_, i) => [
      { id: `v${i}`, type: 'chat.requested', ts: at(3600 + 300 * i), chat_id: `v${i}`, queue: 'desk', channel: 'voice' },
      { id: `v${i}a`, type: 'chat.answered', ts: at(3605 + 300 * i), chat_id: `v${i}`, agent_id: 'cy' },
      { id: `v${i}e`, type: 'chat.ended', ts: at(3905 + 300 * i), chat_id: `v${i}` },
    ]).flat(),
  ];
  expect((await postEvents(t.url, events)).body.accepted).toBe(events.length);
  const redis = new Redis(t.redis.url);
  const prefix = t.pulse.config.redis.prefix;
  await eventually(
    async () => {
      const groups = (await redis.xinfo('GROUPS', `${prefix}facts`)) as (string | number)[][];
      const r = await getJson(t.url, `/v1/history/items?from=${T}&to=${at(7200)}`, TOKENS.manager);
      return groups.every((g) => g[g.indexOf('pending') + 1] === 0) ? (r.body.items?.length ?? 0) : 0;
    },
    (n) => n === 26,
    30_000,
  );
  redis.disconnect();
});
afterAll(async () => t?.close());

const staffing = (params: Record<string, string>, token: string = TOKENS.manager) =>
  getJson(t.url, `/v1/history/staffing?${new URLSearchParams(params)}`, token);

describe('staffing over time', () => {
  it('gives per hour the agents needed against the agents online', async () => {
    const r = await staffing({ from: new Date(T).toISOString(), to: new Date(at(7200)).toISOString(), interval: '1h', queue: 'desk' });
    expect(r.status).toBe(200);
    expect(r.body.series).toEqual([
      {
        queue: 'desk',
        goal_pct: 80,
        points: [
          // 10:00: 20 offered × 180 s = 1 erlang (chat, T 30 s). Online: Ana 30 min + Bo 60 + Cy 60 = 150 min → 2.5
          // agents; c = (2·30 + 3·60 + 3·60) ÷ 150 = 2.8. One agent: ⌊2.8⌋ = 2 servers, SL = 71.78 %; two: ⌊5.6⌋ = 5
          // servers, SL = 99.80 % → 2 needed; 0.5 spare.
          {
            t: '2026-11-20T10:00:00.000Z',
            offered: 20,
            service_level_pct: 100,
            arrival_rate_per_h: 20,
            aht_s: 180,
            load_erlangs: 1,
            agents_online: 2.5,
            required_agents: 2,
            gap: 0.5,
          },
          // 11:00: 6 calls × 300 s = 0.5 erlangs (voice, T 20 s, one call per agent). Online: Bo and Cy → 2. One agent:
          // SL = 1 − 0.5·e^{−0.5·20/300} = 51.64 %; two: 90.95 % → 2 needed; even.
          {
            t: '2026-11-20T11:00:00.000Z',
            offered: 6,
            service_level_pct: 100,
            arrival_rate_per_h: 6,
            aht_s: 300,
            load_erlangs: 0.5,
            agents_online: 2,
            required_agents: 2,
            gap: 0,
          },
        ],
      },
    ]);
  });

  it('per quarter hour: fewer than 5 offered → no required agents; rate is per hour', async () => {
    const r = await staffing({ from: new Date(at(3600)).toISOString(), to: new Date(at(4500)).toISOString(), interval: '15m', queue: 'desk' });
    // 11:00–11:15: 3 calls offered (11:00, 11:05, 11:10) → 12 per hour; too few for a forecast
    expect(r.body.series[0].points).toEqual([
      {
        t: '2026-11-20T11:00:00.000Z',
        offered: 3,
        service_level_pct: 100,
        arrival_rate_per_h: 12,
        aht_s: 300,
        load_erlangs: 1,
        agents_online: 2,
        required_agents: null,
        gap: null,
      },
    ]);
  });

  it('CSV, and the errors that name the parameter', async () => {
    const res = await fetch(`${t.url}/v1/history/staffing?from=${T}&to=${at(7200)}&queue=desk&format=csv`, {
      headers: { authorization: `Bearer ${TOKENS.manager}` },
    });
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe('t,queue,offered,service_level_pct,arrival_rate_per_h,aht_s,load_erlangs,agents_online,required_agents,gap');
    expect(lines[1]).toBe('2026-11-20T10:00:00.000Z,desk,20,100,20,180,1,2.5,2,0.5');
    expect(res.headers.get('content-disposition')).toContain('staffing');
    const daily = await staffing({ from: String(T), to: String(at(7200)), interval: '1d', queue: 'desk' });
    expect(daily.status).toBe(400);
    expect(JSON.stringify(daily.body)).toContain('interval: staffing is per 15m or 1h');
    const noQueue = await staffing({ from: String(T), to: String(at(7200)) });
    expect(noQueue.status).toBe(400);
    expect(JSON.stringify(noQueue.body)).toContain('queue');
    expect((await staffing({ from: String(T), to: String(at(7200)), queue: 'desk' }, TOKENS.viewer)).status).toBe(403);
  });
});

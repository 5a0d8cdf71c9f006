// History surfaces with hand-computed values: series per interval (local weeks and months too), per agent
// and combined, with totals; items behind a metric; agents; the names the filters offer; the staffing
// heatmap; CSV with file names that carry the range and the filter; parameter errors and roles.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
const T = Date.UTC(2026, 10, 20, 10, 0, 0); // Friday 20 November 2026, 10:00 UTC
const at = (min: number, sec = 0) => T + min * 60_000 + sec * 1000;

beforeAll(async () => {
  t = await startTestPulse({
    alerts: { enabled: false },
    helpdeskLinkTemplate: 'https://acme.zendesk.com/agent/tickets/{number}',
    queueNames: { billing: 'Billing', other: 'Other' },
  });
  const events = [
    { id: 'h-a1', type: 'agent.status_changed', ts: at(-30), agent_id: 'a1', status: 'online', name: 'Ana', queues: ['billing'] },
    { id: 'h-a2', type: 'agent.status_changed', ts: at(-30), agent_id: 'a2', status: 'online', name: 'Bo', queues: ['billing'] },
    { id: 'h-a1b', type: 'agent.status_changed', ts: at(30), agent_id: 'a1', status: 'away' },
    // c1: answered after 20 s by a1, ended 100 s later, rated 5
    { id: 'h-c1', type: 'chat.requested', ts: at(0), chat_id: 'c1', queue: 'billing' },
    { id: 'h-c1a', type: 'chat.answered', ts: at(0, 20), chat_id: 'c1', agent_id: 'a1' },
    { id: 'h-c1e', type: 'chat.ended', ts: at(2), chat_id: 'c1' },
    { id: 'h-c1r', type: 'csat.rated', ts: at(3), chat_id: 'c1', rating: 5 },
    // c2: abandoned after 40 s (more than T = 30 s)
    { id: 'h-c2', type: 'chat.requested', ts: at(1), chat_id: 'c2', queue: 'billing' },
    { id: 'h-c2x', type: 'chat.abandoned', ts: at(1, 40), chat_id: 'c2' },
    // c3: answered after 10 s by a2, ended at 8:00 (handled 170 s)
    { id: 'h-c3', type: 'chat.requested', ts: at(5), chat_id: 'c3', queue: 'billing' },
    { id: 'h-c3a', type: 'chat.answered', ts: at(5, 10), chat_id: 'c3', agent_id: 'a2' },
    { id: 'h-c3e', type: 'chat.ended', ts: at(8), chat_id: 'c3' },
    // t1: urgent e-mail ticket with a1; first reply after 10 min (met), solved after 20 min (met)
    { id: 'h-t1', type: 'ticket.created', ts: at(0), ticket_id: 't1', queue: 'billing', channel: 'email', priority: 'urgent', agent_id: 'a1' },
    { id: 'h-t1r', type: 'ticket.agent_replied', ts: at(10), ticket_id: 't1', agent_id: 'a1' },
    { id: 'h-t1s', type: 'ticket.status_changed', ts: at(20), ticket_id: 't1', status: 'solved' },
  ];
  expect((await postEvents(t.url, events)).body.accepted).toBe(events.length);
  const redis = new Redis(t.redis.url);
  const prefix = t.pulse.config.redis.prefix;
  await eventually(
    async () => {
      const groups = (await redis.xinfo('GROUPS', `${prefix}facts`)) as (string | number)[][];
      const len = await redis.xlen(`${prefix}facts`);
      return len > 0 && groups.every((g) => g[g.indexOf('pending') + 1] === 0) ? await itemsCount() : 0;
    },
    (n) => n === 4,
    20_000,
  );
  redis.disconnect();
});
afterAll(async () => t?.close());

async function itemsCount(): Promise<number> {
  const r = await getJson(t.url, `/v1/history/items?from=${T - 3600_000}&to=${T + 3600_000}`, TOKENS.manager);
  return r.body.items?.length ?? 0;
}

const series = async (params: Record<string, string>) => getJson(t.url, `/v1/history/series?${new URLSearchParams(params)}`, TOKENS.manager);

describe('series', () => {
  it('computes every window metric per 5-minute interval, as the spec defines them', async () => {
    const r = await series({ from: new Date(T).toISOString(), to: new Date(at(15)).toISOString(), interval: '5m', queue: 'billing' });
    expect(r.status).toBe(200);
    expect(r.body.series).toHaveLength(1);
    const [p0, p1, p2] = r.body.series[0].points;
    expect(r.body.series[0].points.map((p: { t: string }) => p.t)).toEqual([
      '2026-11-20T10:00:00.000Z',
      '2026-11-20T10:05:00.000Z',
      '2026-11-20T10:10:00.000Z',
    ]);
    expect(p0).toEqual({
      t: '2026-11-20T10:00:00.000Z',
      offered: 2,
      answered: 1,
      abandoned: 1,
      asa_s: 20,
      service_level_pct: 50,
      abandon_rate_pct: 50,
      aht_s: 100,
      csat_pct: 100,
      csat_responses: 1,
      created: 1,
      solved: 0,
      frt_avg_s: null,
      frt_p90_s: null,
      reassignments: 0,
      fcr_pct: null,
      sla_achievement_pct: null,
    });
    expect(p1).toMatchObject({ offered: 1, answered: 1, asa_s: 10, service_level_pct: 100, aht_s: 170, created: 0 });
    expect(p2).toMatchObject({ offered: 0, asa_s: null, frt_avg_s: 600, frt_p90_s: 600, sla_achievement_pct: 100, solved: 0 });
  });

  it('gives one point per interval over the range and keeps only the metrics asked for', async () => {
    const r = await series({ from: String(T), to: String(at(60)), interval: '1h', metrics: 'offered,solved,fcr_pct,sla_achievement_pct' });
    expect(r.body.series).toEqual([
      { scope: 'all', points: [{ t: '2026-11-20T10:00:00.000Z', offered: 3, solved: 1, fcr_pct: 100, sla_achievement_pct: 100 }] },
    ]);
  });

  it('buckets days in the requested time zone', async () => {
    // in Tokyo (UTC+9) 10:00Z is 19:00 on the 20th: one local day starting at 2026-11-19T15:00Z
    const r = await series({ from: String(T - 3600_000), to: String(at(60)), interval: '1d', tz: 'Asia/Tokyo', metrics: 'offered' });
    expect(r.body.series[0].points).toEqual([{ t: '2026-11-19T15:00:00.000Z', offered: 3 }]);
  });

  it('gives one series per queue and channel selected', async () => {
    const r = await series({ from: String(T), to: String(at(60)), interval: '1h', queue: 'billing,other', channel: 'email', metrics: 'created,offered' });
    expect(r.body.series.map((s: { scope: string; points: unknown[] }) => [s.scope, s.points])).toEqual([
      ['q:billing', [{ t: '2026-11-20T10:00:00.000Z', created: 1, offered: 3 }]],
      ['q:other', [{ t: '2026-11-20T10:00:00.000Z', created: 0, offered: 0 }]],
      ['c:email', [{ t: '2026-11-20T10:00:00.000Z', created: 1, offered: 0 }]],
    ]);
  });

  it('answers CSV with the same rows', async () => {
    const res = await fetch(`${t.url}/v1/history/series?from=${T}&to=${at(10)}&interval=5m&metrics=offered,asa_s&format=csv`, {
      headers: { authorization: `Bearer ${TOKENS.manager}` },
    });
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(await res.text()).toBe('t,scope,offered,asa_s\r\n2026-11-20T10:00:00.000Z,all,2,20\r\n2026-11-20T10:05:00.000Z,all,1,10\r\n');
  });

  it('names the parameter that is wrong, and refuses too many points', async () => {
    expect((await series({ from: 'yesterday' })).body.error).toBe("from: 'yesterday' is not RFC 3339 or epoch milliseconds");
    expect((await series({ from: String(at(10)), to: String(T) })).body.error).toBe('from: must be before to');
    expect((await series({ from: String(T), to: String(at(10)), metrics: 'offered,vibes' })).body.error).toMatch(
      /^metrics: unknown vibes; expected some of offered, answered/,
    );
    expect((await series({ from: String(T), to: String(at(10)), tz: 'Moon/Base' })).body.error).toBe("tz: 'Moon/Base' is not an IANA time zone");
    const many = await series({ from: String(T - 400 * 86_400_000), to: String(T), interval: '5m' });
    expect(many.status).toBe(400);
    expect(many.body.error).toBe('interval: 5m over this range gives more than 5000 points; widen the interval or narrow the range');
  });

  it('is for managers: a viewer token gets 403', async () => {
    expect((await getJson(t.url, `/v1/history/series?from=${T}&to=${at(10)}`, TOKENS.viewer)).status).toBe(403);
  });
});

describe('items and agents', () => {
  it('lists the chats and tickets behind an interval with their timings', async () => {
    const r = await getJson(t.url, `/v1/history/items?from=${T}&to=${at(5)}`, TOKENS.manager);
    expect(r.body.items.map((i: { kind: string; id: string }) => `${i.kind}:${i.id}`)).toEqual(['chat:c1', 'ticket:t1', 'chat:c2']);
    expect(r.body.items[0]).toEqual({
      kind: 'chat',
      id: 'c1',
      queue: 'billing',
      channel: 'chat',
      agent_id: 'a1',
      agent_name: 'Ana',
      status: 'ended',
      priority: null,
      tier: null,
      started_at: '2026-11-20T10:00:00.000Z',
      answered_at: '2026-11-20T10:00:20.000Z',
      ended_at: '2026-11-20T10:02:00.000Z',
      wait_s: 20,
      handle_s: 100,
      frt_s: null,
      reassignments: 0,
      reopened: false,
      abandoned: false,
      csat: 'good',
      sla_met: 0,
      sla_breached: 0,
    });
    expect(r.body.items[1]).toMatchObject({ kind: 'ticket', id: 't1', priority: 'urgent', status: 'solved', frt_s: 600, sla_met: 2, sla_breached: 0 });
    expect(r.body.items[2]).toMatchObject({ id: 'c2', abandoned: true, wait_s: 40, handle_s: null });
    const tickets = await getJson(t.url, `/v1/history/items?from=${T}&to=${at(60)}&kind=ticket&agent=a1`, TOKENS.manager);
    expect(tickets.body.items.map((i: { id: string }) => i.id)).toEqual(['t1']);
  });

  it('gives per-agent figures: handled, AHT, CSAT, FRT, SLA attainment and time per status', async () => {
    const r = await getJson(t.url, `/v1/history/agents?from=${T}&to=${at(60)}`, TOKENS.manager);
    expect(r.body.agents).toEqual([
      {
        agent_id: 'a1',
        name: 'Ana',
        handled: 2,
        chats_handled: 1,
        tickets_solved: 1,
        aht_s: 100,
        csat_pct: 100,
        csat_responses: 1,
        frt_avg_s: 600,
        sla_met: 2,
        sla_breached: 0,
        sla_achievement_pct: 100,
        online_s: 1800,
        away_s: 1800,
        offline_s: 0,
      },
      {
        agent_id: 'a2',
        name: 'Bo',
        handled: 1,
        chats_handled: 1,
        tickets_solved: 0,
        aht_s: 170,
        csat_pct: null,
        csat_responses: 0,
        frt_avg_s: null,
        sla_met: 0,
        sla_breached: 0,
        sla_achievement_pct: null,
        online_s: 3600,
        away_s: 0,
        offline_s: 0,
      },
    ]);
  });
});

describe('local weeks and months, agents, combined scopes and totals', () => {
  it('buckets weeks from local Monday and months from the local 1st, across a change of the clocks', async () => {
    // Madrid leaves summer time on Sunday 25 October 2026: weeks start at 22:00Z before it, 23:00Z after
    const weeks = await series({ from: '2026-10-18T22:00:00Z', to: '2026-11-22T23:00:00Z', interval: '1w', tz: 'Europe/Madrid', metrics: 'offered' });
    expect(weeks.body.series[0].points).toEqual([
      { t: '2026-10-18T22:00:00.000Z', offered: 0 },
      { t: '2026-10-25T23:00:00.000Z', offered: 0 },
      { t: '2026-11-01T23:00:00.000Z', offered: 0 },
      { t: '2026-11-08T23:00:00.000Z', offered: 0 },
      { t: '2026-11-15T23:00:00.000Z', offered: 3 },
    ]);
    const months = await series({ from: '2026-08-31T22:00:00Z', to: '2026-11-30T23:00:00Z', interval: '1mo', tz: 'Europe/Madrid', metrics: 'offered,created' });
    expect(months.body.series[0].points).toEqual([
      { t: '2026-08-31T22:00:00.000Z', offered: 0, created: 0 },
      { t: '2026-09-30T22:00:00.000Z', offered: 0, created: 0 },
      { t: '2026-10-31T23:00:00.000Z', offered: 3, created: 1 },
    ]);
  });

  it("gives an agent's own figures from the agent's scope", async () => {
    const r = await series({
      from: String(T),
      to: String(at(60)),
      interval: '1h',
      agent: 'a1',
      metrics: 'aht_s,csat_pct,frt_avg_s,solved,sla_achievement_pct',
    });
    expect(r.body.series).toEqual([
      {
        scope: 'agent:a1',
        agent: 'a1',
        points: [{ t: '2026-11-20T10:00:00.000Z', aht_s: 100, csat_pct: 100, frt_avg_s: 600, solved: 1, sla_achievement_pct: 100 }],
      },
    ]);
  });

  it('combines scopes of one kind into one series, and refuses to add queues to channels', async () => {
    const r = await series({ from: String(T), to: String(at(10)), interval: '5m', queue: 'billing,other', combine: '1', metrics: 'offered,service_level_pct' });
    expect(r.body.series).toEqual([
      {
        scope: 'q:billing,q:other',
        points: [
          { t: '2026-11-20T10:00:00.000Z', offered: 2, service_level_pct: 50 },
          { t: '2026-11-20T10:05:00.000Z', offered: 1, service_level_pct: 100 },
        ],
      },
    ]);
    const mixed = await series({ from: String(T), to: String(at(10)), queue: 'billing', channel: 'chat', combine: '1' });
    expect(mixed.status).toBe(400);
    expect(mixed.body.error).toMatch(/^combine: queues, channels and agents overlap/);
  });

  it('gives the figures of the whole range with their sample sizes, and when the data begins', async () => {
    const r = await series({ from: String(T - 3600_000), to: String(at(60)), interval: '1h', totals: '1', metrics: 'offered' });
    expect(r.body.first_data_at).toBe('2026-11-20T10:00:00.000Z');
    // answered c1 (20 s) and c3 (10 s) within T = 30 s; c2 abandoned after 40 s: SL 2 of 3
    expect(r.body.totals).toEqual([
      {
        scope: 'all',
        metrics: {
          offered: 3,
          answered: 2,
          abandoned: 1,
          asa_s: 15,
          service_level_pct: 200 / 3,
          abandon_rate_pct: 100 / 3,
          aht_s: 135,
          csat_pct: 100,
          csat_responses: 1,
          created: 1,
          solved: 1,
          frt_avg_s: 600,
          frt_p90_s: 600,
          reassignments: 0,
          fcr_pct: 100,
          sla_achievement_pct: 100,
        },
        samples: { offered: 3, answered: 2, service_level: 3, handled: 2, csat: 1, frt: 1, sla: 2, solved: 1 },
      },
    ]);
    const before = await series({
      from: String(T - 7 * 86_400_000),
      to: String(T - 86_400_000),
      interval: '1d',
      totals: '1',
      queue: 'billing',
      metrics: 'offered',
    });
    expect(before.body.first_data_at).toBe('2026-11-20T10:00:00.000Z');
    expect(before.body.totals[0].samples.offered).toBe(0);
    expect((await series({ from: String(T), to: String(at(60)), queue: 'nowhere' })).body.first_data_at).toBeNull();
  });
});

describe('items behind a metric', () => {
  const items = async (params: Record<string, string>) => (await getJson(t.url, `/v1/history/items?${new URLSearchParams(params)}`, TOKENS.manager)).body;
  const ids = (body: { items: { kind: string; id: string }[] }) => body.items.map((i) => `${i.kind}:${i.id}`);

  it('lists for service level the chats offered in the interval, not everything active in it', async () => {
    const all = await items({ from: String(T), to: String(at(5)) });
    expect(ids(all)).toEqual(['chat:c1', 'ticket:t1', 'chat:c2']);
    const sl = await items({ from: String(T), to: String(at(5)), metric: 'service_level_pct' });
    expect(ids(sl)).toEqual(['chat:c1', 'chat:c2']);
    expect(sl).toMatchObject({ metric: ['service_level_pct'], total: 2, limit: 1000 });
    expect(sl.items[0]).toMatchObject({ agent_id: 'a1', agent_name: 'Ana' });
  });

  it('lists for first reply the tickets first replied in it, for solved those solved, for handle time the chats ended', async () => {
    expect(ids(await items({ from: String(T), to: String(at(5)), metric: 'frt_avg_s' }))).toEqual([]);
    expect(ids(await items({ from: String(at(10)), to: String(at(15)), metric: 'frt_p90_s' }))).toEqual(['ticket:t1']);
    expect(ids(await items({ from: String(at(15)), to: String(at(30)), metric: 'solved' }))).toEqual(['ticket:t1']);
    expect(ids(await items({ from: String(T), to: String(at(5)), metric: 'created' }))).toEqual(['ticket:t1']);
    expect(ids(await items({ from: String(at(5)), to: String(at(10)), metric: 'aht_s' }))).toEqual(['chat:c3']);
    expect(ids(await items({ from: String(T), to: String(at(60)), metric: 'csat_pct' }))).toEqual(['chat:c1']);
    expect(ids(await items({ from: String(T), to: String(at(60)), metric: 'sla_achievement_pct' }))).toEqual(['ticket:t1']);
  });

  it("filters by the metric's scopes (queue, channel, agent) and states how many there are beyond the page", async () => {
    expect(ids(await items({ from: String(T), to: String(at(60)), metric: 'offered', queue: 'other' }))).toEqual([]);
    expect(ids(await items({ from: String(T), to: String(at(60)), metric: 'offered,created', channel: 'email' }))).toEqual(['ticket:t1']);
    expect(ids(await items({ from: String(T), to: String(at(60)), metric: 'aht_s', agent: 'a2' }))).toEqual(['chat:c3']);
    const page = await items({ from: String(T), to: String(at(60)), metric: 'offered', limit: '2' });
    expect(ids(page)).toEqual(['chat:c1', 'chat:c2']);
    expect(page.total).toBe(3);
    const bad = await getJson(t.url, `/v1/history/items?from=${T}&to=${at(5)}&metric=vibes`, TOKENS.manager);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/^metric: unknown vibes; expected some of offered/);
  });
});

describe('filters, staffing heatmap, CSV names and settings', () => {
  it('lists the queues, channels and agents (by name) seen in a range', async () => {
    const r = await getJson(t.url, `/v1/history/scopes?from=${T - 3600_000}&to=${at(60)}`, TOKENS.manager);
    expect(r.body).toEqual({
      from: '2026-11-20T09:00:00.000Z',
      to: '2026-11-20T11:00:00.000Z',
      queues: [{ id: 'billing', name: 'Billing' }],
      channels: ['chat', 'email'],
      agents: [
        { id: 'a1', name: 'Ana' },
        { id: 'a2', name: 'Bo' },
      ],
    });
    const before = await getJson(t.url, `/v1/history/scopes?from=${T - 86_400_000}&to=${T - 82_800_000}`, TOKENS.manager);
    expect(before.body).toMatchObject({ queues: [], channels: [], agents: [] });
  });

  it('gives offered and service level per local weekday and hour of day, averaged over the weeks of the range', async () => {
    // Friday 20 November 10:00–10:06Z is 11:00 in Madrid: c1, c2 and c3 offered; c1 and c3 within 30 s
    const week = await getJson(t.url, `/v1/history/heatmap?from=2026-11-15T23:00:00Z&to=2026-11-22T23:00:00Z&tz=Europe/Madrid`, TOKENS.manager);
    expect(week.body.tz).toBe('Europe/Madrid');
    expect(week.body.cells).toHaveLength(168);
    const cell = (body: { cells: { weekday: number; hour: number }[] }, weekday: number, hour: number) =>
      body.cells.find((c) => c.weekday === weekday && c.hour === hour);
    expect(cell(week.body, 5, 11)).toEqual({
      weekday: 5,
      hour: 11,
      hours: 1,
      offered: 3,
      answered: 2,
      abandoned: 1,
      offered_per_hour: 3,
      service_level_pct: 200 / 3,
      asa_s: 15,
    });
    expect(cell(week.body, 5, 10)).toMatchObject({ hours: 1, offered: 0, offered_per_hour: 0, service_level_pct: null });
    const twoWeeks = await getJson(
      t.url,
      `/v1/history/heatmap?from=2026-11-15T23:00:00Z&to=2026-11-29T23:00:00Z&tz=Europe/Madrid&queue=billing`,
      TOKENS.manager,
    );
    expect(cell(twoWeeks.body, 5, 11)).toMatchObject({ hours: 2, offered: 3, offered_per_hour: 1.5 });
    const mixed = await getJson(t.url, `/v1/history/heatmap?from=${T}&to=${at(60)}&queue=billing&channel=chat`, TOKENS.manager);
    expect(mixed.status).toBe(400);
  });

  it('names CSV files after the range and the filter', async () => {
    const head = async (path: string) =>
      (await fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${TOKENS.manager}` } })).headers.get('content-disposition');
    expect(await head(`/v1/history/heatmap?from=2026-11-15T23:00:00Z&to=2026-11-22T23:00:00Z&tz=Europe/Madrid&format=csv`)).toBe(
      `attachment; filename="pulse-heatmap-2026-11-16_2026-11-22.csv"; filename*=UTF-8''pulse-heatmap-2026-11-16_2026-11-22.csv`,
    );
    expect(await head(`/v1/history/series?from=${T}&to=${at(10)}&interval=5m&queue=billing&format=csv`)).toBe(
      `attachment; filename="pulse-series-2026-11-20T1000_2026-11-20T1010-queue-Billing.csv"; filename*=UTF-8''pulse-series-2026-11-20T1000_2026-11-20T1010-queue-Billing.csv`,
    );
    expect(await head(`/v1/history/items?from=${T}&to=${at(60)}&metric=aht_s&agent=a1&tz=Europe/Madrid&format=csv`)).toBe(
      `attachment; filename="pulse-items-aht_s-2026-11-20T1100_2026-11-20T1200-agent-Ana.csv"; filename*=UTF-8''pulse-items-aht_s-2026-11-20T1100_2026-11-20T1200-agent-Ana.csv`,
    );
  });

  it('gives pages the time zone and the help-desk link template; all of it is for managers', async () => {
    expect((await getJson(t.url, '/v1/history/config', TOKENS.manager)).body).toEqual({
      time_zone: 'UTC',
      helpdesk_link_template: 'https://acme.zendesk.com/agent/tickets/{number}',
      queue_names: { billing: 'Billing', other: 'Other' },
    });
    for (const path of ['/v1/history/config', `/v1/history/scopes?from=${T}`, `/v1/history/heatmap?from=${T}`]) {
      expect((await getJson(t.url, path, TOKENS.viewer)).status).toBe(403);
    }
  });
});

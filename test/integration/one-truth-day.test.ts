// One truth on a real day (issue 14): the demo's path through the real server. Five simulated days are
// written straight to history (the backfill, then its catch-up rounds), live state is rebuilt from it, then the rest of the day
// arrives as a live feed through POST /v1/events, with a server restart in the middle, ratings that come
// 26 hours after their solve, and time passing after the last event. Today's live window metrics then
// equal the history series for today, overall, per queue and per channel, for all 16 window metrics.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PulseEvent, WindowMetrics } from '@pulse/contracts';
import { itemKey, itemOf, startOfLocalDay } from '@pulse/metrics';
import { buildWorld, generate } from '@pulse/simulator';
import { loadConfig, metricSettings, startPulse, type Pulse } from '@pulse/server';
import { backfillHistory, extendBackfill } from '../../packages/server/src/history/backfill.ts';
import { startRedis, type TestRedis } from '../support/redis.ts';
import { tmpFolder } from '../support/tmp.ts';
import { afternoonOffsetHours, zoneOfOffset } from '../support/afternoon.ts';
import { eventually, getJson, postEvents, TOKENS } from '../support/pulse.ts';
import { dashboardPanels, expandMacros } from '../support/grafana.ts';

const HOUR = 3600_000;
const itemKeyOf = (e: PulseEvent) => itemKey(itemOf(e));
const DAY = 24 * HOUR;
// The organisation's afternoon whenever the test runs: a floor at night has too little traffic after the hand-over
// to compare. Its local time is UTC + OFFSET_H; Pulse's zone is the same (Etc/GMT's sign is inverted).
const OFFSET_H = afternoonOffsetHours();
const TZ = zoneOfOffset(OFFSET_H);

let redis: TestRedis;
let r: Redis;
let pulse: Pulse;
const data = tmpFolder('day');

function config() {
  return loadConfig(
    {},
    {
      port: 0,
      logLevel: 'silent',
      dataDir: data.path,
      timeZone: TZ,
      redis: { url: redis.url },
      tokens: Object.entries(TOKENS).map(([role, token]) => ({ role, token })),
    },
  );
}

async function caughtUp(): Promise<void> {
  const prefix = pulse.config.redis.prefix;
  for (const stream of [`${prefix}events`, `${prefix}facts`]) {
    const done = await eventually(
      async () => {
        const info = (await r.xinfo('STREAM', stream)) as (string | number)[];
        const lastId = String(info[info.indexOf('last-generated-id') + 1]);
        const groups = (await r.xinfo('GROUPS', stream)) as (string | number)[][];
        return groups.every((g) => g[g.indexOf('pending') + 1] === 0 && String(g[g.indexOf('last-delivered-id') + 1]) === lastId);
      },
      Boolean,
      60_000,
    );
    expect(done, `${stream} caught up`).toBe(true);
  }
  // history's batches linger up to historyFlushMs before they are written
  await new Promise((res) => setTimeout(res, 1500));
}

async function post(events: PulseEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 2000) {
    const reply = await postEvents(pulse.url, events.slice(i, i + 2000));
    expect(reply.status, JSON.stringify(reply.body).slice(0, 500)).toBe(202);
    expect(reply.body.rejected).toEqual([]);
  }
}

beforeAll(async () => {
  redis = await startRedis();
  r = new Redis(redis.url);
  pulse = await startPulse(config());
}, 120_000);
afterAll(async () => {
  await pulse?.stop();
  r?.disconnect();
  await redis?.stop();
  data.remove();
});

describe('one truth on a simulated day', () => {
  it('today: live equals history on every window metric, overall, per queue and per channel', { timeout: 180_000 }, async () => {
    const now = Date.now();
    // the live feed starts at the hand-over: three hours ago, or at midnight's first minutes
    const handOver = Math.max(startOfLocalDay(now, TZ) + 30 * 60_000, now - 3 * HOUR);
    const from = now - 5 * DAY; // longer than live.rebuildDays (3): tickets created before the rebuild window
    const world = buildWorld({ seed: 11, utcOffsetMinutes: OFFSET_H * 60 });
    const all = [...generate({ seed: 11, from, to: now - 60_000, world, idPrefix: 'day' })];
    const backfill = all.filter((e) => e.ts < handOver);
    const feed = all.filter((e) => e.ts >= handOver);
    expect(feed.length).toBeGreaterThan(200);

    // ratings that arrive 26 hours after the solve of tickets solved yesterday (Zendesk's survey path)
    const lateEvents: PulseEvent[] = [];
    const solvedAt = new Map<string, number>();
    for (const e of backfill) if (e.type === 'ticket.status_changed' && e.status === 'solved') solvedAt.set(e.ticket_id, e.ts);
    const rated = new Set(all.filter((e) => e.type === 'csat.rated' && 'ticket_id' in e).map((e) => (e as { ticket_id: string }).ticket_id));
    for (const [ticket, ts] of solvedAt) {
      const at = ts + 26 * HOUR;
      if (rated.has(ticket) || at < handOver || at >= now - 60_000 || lateEvents.length >= 12) continue;
      lateEvents.push({
        id: `late-${ticket}`,
        type: 'csat.rated',
        ts: at,
        ticket_id: ticket,
        score: lateEvents.length % 3 === 0 ? 'bad' : 'good',
      } as PulseEvent);
    }
    expect(lateEvents.length).toBeGreaterThan(3);
    // tickets reopened 26 hours after their solve, replied to and solved again (late events for items
    // that left live state), and open tickets moved to another queue during the feed
    const queueNames = [...new Set(backfill.filter((e) => e.type === 'ticket.created').map((e) => (e as { queue: string }).queue))];
    const agentOf = new Map<string, string>();
    for (const e of backfill) if (e.type === 'ticket.assigned' && e.agent_id) agentOf.set(e.ticket_id, e.agent_id);
    for (const [ticket, ts] of [...solvedAt].filter(([t]) => !rated.has(t) && !lateEvents.some((e) => (e as { ticket_id: string }).ticket_id === t))) {
      const at = ts + 26 * HOUR;
      if (at < handOver || at + 20 * 60_000 >= now - 60_000 || !agentOf.has(ticket) || lateEvents.length >= 20) continue;
      lateEvents.push(
        { id: `reopen-${ticket}`, type: 'ticket.status_changed', ts: at, ticket_id: ticket, status: 'open' } as PulseEvent,
        { id: `reply-${ticket}`, type: 'ticket.agent_replied', ts: at + 5 * 60_000, ticket_id: ticket, agent_id: agentOf.get(ticket)! } as PulseEvent,
        { id: `resolve-${ticket}`, type: 'ticket.status_changed', ts: at + 10 * 60_000, ticket_id: ticket, status: 'solved' } as PulseEvent,
      );
    }
    const openAtHandOver = new Set(backfill.filter((e) => e.type === 'ticket.created').map((e) => (e as { ticket_id: string }).ticket_id));
    for (const t of solvedAt.keys()) openAtHandOver.delete(t);
    const moved = [...openAtHandOver].slice(0, 6);
    expect(moved.length).toBeGreaterThan(2);
    moved.forEach((ticket, i) => {
      const created = backfill.find((e) => e.type === 'ticket.created' && (e as { ticket_id: string }).ticket_id === ticket) as { queue: string };
      const to = queueNames.find((q) => q !== created.queue)!;
      lateEvents.push({ id: `move-${ticket}`, type: 'ticket.updated', ts: handOver + (i + 1) * 60_000, ticket_id: ticket, queue: to } as PulseEvent);
    });

    // the backfill writes history directly, as on the demo's first start: all but its last 20 minutes, then those
    // minutes in two catch-up rounds (the time the writing took), some of whose chats and tickets began before them
    const settings = metricSettings(pulse.config);
    const cuts = [handOver - 20 * 60_000, handOver - 7 * 60_000, handOver];
    const parts = cuts.map((end, i) => backfill.filter((e) => e.ts < end && (i === 0 || e.ts >= cuts[i - 1]!)));
    const spanning = new Set(parts[0]!.map(itemKeyOf));
    expect(parts[1]!.filter((e) => spanning.has(itemKeyOf(e)) && e.type !== 'agent.status_changed').length).toBeGreaterThan(5);
    const { written } = await backfillHistory(pulse.history!, settings, parts[0]!, 'day');
    for (const [round, part] of parts.slice(1).entries()) await extendBackfill(pulse.history!, settings, written, part, 'day', round + 1);
    // live state is then rebuilt from history
    await r.del(`${pulse.config.redis.prefix}live:complete`);
    await eventually(
      () => r.exists(`${pulse.config.redis.prefix}live:complete`),
      (n) => n === 1,
      60_000,
    );

    // the live feed, with a restart of the server half-way
    const half = Math.floor(feed.length / 2);
    await post(feed.slice(0, half));
    await caughtUp();
    await pulse.stop();
    pulse = await startPulse(config());
    await post([...feed.slice(half), ...lateEvents].sort((a, b) => a.ts - b.ts));
    await caughtUp();

    const live = (await getJson(pulse.url, '/v1/live')).body;
    const at = Date.parse(live.at);
    // "today" as the trends page asks for it: the whole local day, most of it still to come
    const q = new URLSearchParams({ from: String(startOfLocalDay(at, TZ)), to: String(startOfLocalDay(at + DAY, TZ)), interval: '1d', tz: TZ });
    const queues = Object.keys(live.queues);
    const channels = Object.keys(live.channels);
    q.set('queue', queues.join(','));
    q.set('channel', channels.join(','));
    const hist = await getJson(pulse.url, `/v1/history/series?${q}`, TOKENS.manager);
    const overall = await getJson(pulse.url, `/v1/history/series?${new URLSearchParams({ ...Object.fromEntries(q), queue: '', channel: '' })}`, TOKENS.manager);
    expect(hist.status, JSON.stringify(hist.body)).toBe(200);
    const point = (body: any, scope: string): WindowMetrics => {
      const s = body.series.find((x: { scope: string }) => x.scope === scope);
      expect(s, `history has scope ${scope}`).toBeDefined();
      expect(s.points).toHaveLength(1);
      const { t: _t, ...m } = s.points[0];
      return m as WindowMetrics;
    };
    const pairs: [string, WindowMetrics, WindowMetrics][] = [
      ['overall', live.overall.windows.today, point(overall.body, 'all')],
      ...queues.map((name): [string, WindowMetrics, WindowMetrics] => [`queue ${name}`, live.queues[name].windows.today, point(hist.body, `q:${name}`)]),
      ...channels.map((name): [string, WindowMetrics, WindowMetrics] => [`channel ${name}`, live.channels[name].windows.today, point(hist.body, `c:${name}`)]),
    ];
    const differences: string[] = [];
    for (const [label, l, h] of pairs) {
      for (const metric of Object.keys(l) as (keyof WindowMetrics)[]) {
        const a = l[metric];
        const b = h[metric];
        const same = a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
        if (!same) differences.push(`${label} ${metric}: live ${a}, history ${b}`);
      }
    }
    expect(differences).toEqual([]);
    expect(Object.keys(live.overall.windows.today)).toHaveLength(16);

    // additive counts: every chat and ticket has a queue, so overall is the sum over queues
    for (const metric of ['offered', 'created', 'solved', 'reassignments', 'csat_responses'] as const) {
      const sum = queues.reduce((n, name) => n + (live.queues[name].windows.today[metric] as number), 0);
      expect(sum, `${metric}: sum over queues`).toBe(live.overall.windows.today[metric]);
    }

    // Grafana's service panels read the same history: hour by hour over the last four hours (UTC hours, as
    // Grafana's $__timeGroup makes them), each equals the history API
    const hourFrom = Math.floor((at - 4 * HOUR) / HOUR) * HOUR;
    const hourly = await getJson(pulse.url, `/v1/history/series?from=${hourFrom}&to=${Math.ceil(at / HOUR) * HOUR}&interval=1h`, TOKENS.manager);
    const byHour = new Map<number, Record<string, unknown>>(hourly.body.series[0].points.map((p: { t: string }) => [Date.parse(p.t), p]));
    let compared = 0;
    for (const panel of dashboardPanels('pulse-service.json')) {
      const rs = await pulse.history!.query({
        query: expandMacros(panel.targets[0]!.rawSql, hourFrom, Math.ceil(at / HOUR) * HOUR - 1, 3600),
        format: 'JSONEachRow',
      });
      for (const { time, ...values } of await rs.json<Record<string, string | number | null>>()) {
        const point = byHour.get(Date.parse(`${String(time).replace(' ', 'T')}Z`));
        expect(point, `${panel.title} at ${time}`).toBeDefined();
        for (const [metric, v] of Object.entries(values)) {
          const api = point![metric] as number | null;
          if (v === null || api === null) expect(v, `${panel.title} ${metric} at ${time}`).toBe(api);
          else expect(Number(v), `${panel.title} ${metric} at ${time}`).toBeCloseTo(api, 9);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(3 * 7);

    // no two changes of an item share an identity in history (a rebuilt or brought-back item's versions
    // start again in Redis; its facts must not fold into the rows of its earlier changes)
    const clashes = await pulse.history!.query({
      query: `SELECT toInt64(count()) AS n FROM (SELECT item, version, idx FROM pulse.metric_deltas GROUP BY item, version, idx HAVING count() > 1)`,
      format: 'JSONEachRow',
    });
    expect(Number((await clashes.json<{ n: number }>())[0]!.n)).toBe(0);

    // the late ratings count under their queue and agent, and in the items' history rows
    const ticketsOf = new Map<string, { queue: string; agent: string | null }>();
    for (const e of backfill) {
      if (e.type === 'ticket.created') ticketsOf.set(e.ticket_id, { queue: e.queue, agent: e.agent_id ?? null });
      if (e.type === 'ticket.assigned') ticketsOf.get(e.ticket_id)!.agent = e.agent_id;
    }
    const perQueue = new Map<string, number>();
    for (const e of lateEvents.filter((x) => x.type === 'csat.rated')) {
      const q = ticketsOf.get((e as { ticket_id: string }).ticket_id)!.queue;
      perQueue.set(q, (perQueue.get(q) ?? 0) + 1);
    }
    for (const [queue, n] of perQueue) expect(live.queues[queue].windows.today.csat_responses).toBeGreaterThanOrEqual(n);
    const sumOfQueues = queues.reduce((n, name) => n + (live.queues[name].windows.today.csat_responses as number), 0);
    expect(sumOfQueues).toBe(live.overall.windows.today.csat_responses);
    const rows = await getJson(pulse.url, `/v1/history/items?kind=ticket&from=${from}&to=${now}&limit=5000`, TOKENS.manager);
    for (const e of lateEvents.filter((x) => x.type === 'csat.rated')) {
      const id = (e as { ticket_id: string }).ticket_id;
      const row = rows.body.items.find((x: { id: string }) => x.id === id);
      expect(row?.csat, `history row of ${id}`).toBe((e as { score: string }).score);
      expect(row?.queue).toBe(ticketsOf.get(id)!.queue);
    }
  });
});

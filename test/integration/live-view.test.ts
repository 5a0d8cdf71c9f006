// Issue 18: each instance keeps its own view of live state and refreshes only what the applier's notifications
// name (scopes, agents, counters, SLA targets), plus time: SLA moments passing and the windows rolling over. A full
// re-read stays as the safety net. Here a second instance's view (its own Redis connections, subscribed to the
// bus like any instance) is checked against a full re-read at the same moment, through realistic traffic and then
// minutes ahead; its refresh after one change costs a few Redis commands, not the whole state.
import { isDeepStrictEqual } from 'node:util';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keysFor, metricSettings } from '@pulse/server';
import { LiveService } from '../../packages/server/src/live/service.ts';
import type { LiveState } from '../../packages/server/src/live/view/filter.ts';
import type { IncrementalView } from '../../packages/server/src/live/view/incremental-view.ts';
import { Bus } from '../../packages/server/src/pubsub/bus.ts';
import { buildFloor, queueNames } from '../browser/helpers/floor.ts';
import { feed } from '../browser/helpers/feed.ts';
import { startLiveFeed } from '../browser/helpers/live-feed.ts';
import { eventually, postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
const conns: Redis[] = [];

beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false }, alerts: { enabled: false } });
});
afterAll(async () => {
  for (const c of conns) c.disconnect();
  await t?.close();
});

/** Another instance's live service: its own connections; `listen` subscribes it to the change notifications. */
async function instance(opts: { fullReadMs: number; listen: boolean }) {
  const config = t.pulse.config;
  const redis = new Redis(t.redis.url);
  const sub = new Redis(t.redis.url);
  conns.push(redis, sub);
  const keys = keysFor(config.redis.prefix);
  const live = new LiveService(redis, keys.live, config.timeZone, config.live.queues, metricSettings(config), { ...config.live, fullReadMs: opts.fullReadMs });
  let notes = 0;
  if (opts.listen) {
    await new Bus(redis, sub, keys).subscribe('live.changed', (m) => {
      live.changed(m.change);
      notes++;
    });
  }
  return { live, redis, notes: () => notes };
}

/** What a build serves: its snapshot, its whole SLA lists (REST pages them), its alerts and status, as JSON. */
const served = (s: LiveState) =>
  JSON.parse(
    JSON.stringify({
      built: { snapshot: s.built.snapshot, sla: { breached: s.built.sla('breached'), at_risk: s.built.sla('at_risk') } },
      alerts: s.alerts,
      rebuilding: s.rebuilding,
    }),
  );

/** Both builds at `now`, as JSON (what is sent), for a deep comparison with readable differences. */
async function both(live: LiveService, now: number) {
  const incremental = await live.state(now);
  const full = await live.full(now);
  return { incremental: served(incremental), full: served(full) };
}

/** The live consumer group has applied every event of the stream. */
async function caughtUp(redis: Redis): Promise<void> {
  const stream = `${t.pulse.config.redis.prefix}events`;
  await eventually(
    async () => {
      const info = (await redis.xinfo('STREAM', stream)) as unknown[];
      const last = String(info[info.indexOf('last-generated-id') + 1]);
      const groups = (await redis.xinfo('GROUPS', stream)) as unknown[][];
      const g = groups.find((x) => x[x.indexOf('name') + 1] === 'live')!;
      return Number(g[g.indexOf('pending') + 1]) === 0 && String(g[g.indexOf('last-delivered-id') + 1]) === last;
    },
    Boolean,
    10_000,
  );
}

async function commands(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  return [...info.matchAll(/calls=(\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
}

describe('an instance’s incremental view', () => {
  it('agrees with a full re-read through traffic of every kind, and minutes ahead', async () => {
    const other = await instance({ fullReadMs: 86_400_000, listen: true });
    await other.live.state();
    const floor = buildFloor({ queues: queueNames(8), agents: 40, prefix: 'v' });
    await feed(t.url, floor.events);
    for (let round = 0; round < 6; round++) {
      const traffic = startLiveFeed(t.url, { prefix: `v${round}`, agents: floor.agentQueues, everyMs: 60, seed: round + 1 });
      await new Promise((r) => setTimeout(r, 700));
      await traffic.stop();
      if (round === 3) {
        // an agent changes queues, another goes away, a ticket is reassigned and solved
        await postEvents(t.url, [
          { id: 'v-q', type: 'agent.status_changed', ts: Date.now(), agent_id: floor.agentIds[0], status: 'online', queues: ['tech', 'vip'] },
          { id: 'v-away', type: 'agent.status_changed', ts: Date.now(), agent_id: floor.agentIds[1], status: 'away' },
          { id: 'v-t', type: 'ticket.created', ts: Date.now() - 14 * 60_000, ticket_id: 'v-t', queue: 'sales', channel: 'email', priority: 'urgent' },
          { id: 'v-ta', type: 'ticket.assigned', ts: Date.now(), ticket_id: 'V-00' + '1', agent_id: floor.agentIds[2] },
          { id: 'v-ts', type: 'ticket.status_changed', ts: Date.now(), ticket_id: 'V-302', status: 'solved' },
        ]);
      }
      // everything sent was applied; its notifications reach the other instance a moment later (later still on a
      // loaded machine): compared until they agree, for at most 10 s (a view that stays wrong fails). Its safety
      // net never runs meanwhile (checked below: one full read, at the start).
      await caughtUp(other.redis);
      let { incremental, full } = await both(other.live, Date.now());
      for (const until = Date.now() + 10_000; !isDeepStrictEqual(incremental, full) && Date.now() < until; ) {
        await new Promise((r) => setTimeout(r, 100));
        ({ incremental, full } = await both(other.live, Date.now()));
      }
      expect(incremental).toEqual(full);
    }
    // time alone: the windows roll over, targets become at risk and breached, waits grow
    const now = Date.now();
    for (const ahead of [61_000, 5 * 60_000, 20 * 60_000, 61 * 60_000]) {
      const { incremental, full } = await both(other.live, now + ahead);
      expect(incremental.built.snapshot.at).toBe(new Date(now + ahead).toISOString());
      expect(incremental).toEqual(full);
    }
    expect(other.live.refreshes.full).toBe(1);
    expect(other.live.refreshes.incremental).toBeGreaterThan(6);
  }, 60_000);

  it('refreshes one change with a few Redis commands and computes only what it touched', async () => {
    const other = await instance({ fullReadMs: 86_400_000, listen: true });
    await other.live.state();
    // the queue and channel exist (a new scope is read whole, its first-reply values of every minute included)
    let before = other.notes();
    await postEvents(t.url, { id: 'cost-0', type: 'chat.requested', ts: Date.now(), chat_id: 'cost-0', queue: 'costq', channel: 'chat' });
    await eventually(
      async () => other.notes(),
      (n) => n > before,
      5_000,
    );
    await other.live.state();
    before = other.notes();
    await postEvents(t.url, { id: 'cost-1', type: 'chat.requested', ts: Date.now(), chat_id: 'cost-1', queue: 'costq', channel: 'chat' });
    await eventually(
      async () => other.notes(),
      (n) => n > before,
      5_000,
    );
    const c0 = await commands(other.redis);
    const incremental = await other.live.state();
    const c1 = await commands(other.redis);
    await other.live.full();
    const c2 = await commands(other.redis);
    const readIncremental = c1 - c0 - 1; // INFO counts itself
    const readFull = c2 - c1 - 1;
    expect(incremental.built.snapshot.queues.costq?.waiting).toBe(2);
    // the waiting set of overall, the queue and the channel (size and earliest), the SLA moments passed, the
    // rebuild flag, the sources' agents: a dozen or so commands
    expect(readIncremental).toBeLessThan(20);
    expect(readFull).toBeGreaterThan(20 * readIncremental);
    // overall, the queue and the channel computed again; no agent
    expect(other.live.lastBuild).toEqual({ scopes: 3, agents: 0 });
  });

  it('follows first-reply values member by member once a set was read whole, as a full re-read sees them', async () => {
    const other = await instance({ fullReadMs: 86_400_000, listen: true });
    await other.live.state();
    const view = (other.live as unknown as { view: IncrementalView }).view;
    const send = async (events: Record<string, unknown>[]) => {
      const before = other.notes();
      await postEvents(t.url, events);
      await eventually(
        async () => other.notes(),
        (n) => n > before,
        5_000,
      );
      await caughtUp(other.redis);
    };
    const agree = async () => {
      const { incremental, full } = await both(other.live, Date.now());
      expect(incremental).toEqual(full);
      return incremental.built.snapshot;
    };
    const now = Date.now();
    const ticket = (id: string, createdAgo: number) => ({
      id: `fr-${id}`,
      type: 'ticket.created',
      ts: now - createdAgo,
      ticket_id: `fr-${id}`,
      queue: 'frq',
      channel: 'email',
      priority: 'normal',
    });
    const reply = (id: string, ts: number, n = 0) => ({ id: `fr-${id}-r${n}`, type: 'ticket.agent_replied', ts, ticket_id: `fr-${id}`, agent_id: 'fr-agent' });
    // first replies of 2, 4 and 6 minutes: value sets are read whole (with their members) when first named
    await send([ticket('a', 120_000), ticket('b', 240_000), ticket('c', 360_000), reply('a', now), reply('b', now), reply('c', now)]);
    await agree();
    await send([reply('a', now, 1)]); // a later reply: no first reply changes
    await agree();
    // a fourth (3 minutes), then an earlier reply moving the longest from 6 to 1 minute: the day's sets (overall,
    // the queue, the channel), known by then, read only the member named
    const before = { ...view.valueReads };
    await send([ticket('d', 180_000), reply('d', now)]);
    await agree();
    expect(view.valueReads.members).toBeGreaterThanOrEqual(before.members + 3);
    const moved = { ...view.valueReads };
    await send([reply('c', now - 300_000, 1)]);
    const snap = await agree();
    expect(view.valueReads.members).toBeGreaterThanOrEqual(moved.members + 3);
    // 1, 2, 3 and 4 minutes: p90 by nearest rank is the 4th (6 minutes no more), the average their mean
    expect(snap.queues.frq.windows.today.frt_p90_s).toBe(240);
    expect(snap.queues.frq.windows.today.frt_avg_s).toBe((60 + 120 + 180 + 240) / 4);
    expect(other.live.refreshes.full).toBe(1);
  });

  it('is healed by the periodic full re-read when a notification was lost', async () => {
    const deaf = await instance({ fullReadMs: 1_000, listen: false });
    const first = await deaf.live.state();
    const waiting = first.built.snapshot.queues.lost?.waiting ?? 0;
    await postEvents(t.url, { id: 'lost-1', type: 'chat.requested', ts: Date.now(), chat_id: 'lost-1', queue: 'lost' });
    await eventually(
      async () => (await deaf.live.full()).built.snapshot.queues.lost?.waiting ?? 0,
      (n) => n === waiting + 1,
    );
    // not told: its view does not know yet
    expect((await deaf.live.state()).built.snapshot.queues.lost?.waiting ?? 0).toBe(waiting);
    await new Promise((r) => setTimeout(r, 1_100));
    const now = Date.now();
    const { incremental, full } = await both(deaf.live, now);
    expect(incremental.built.snapshot.queues.lost.waiting).toBe(waiting + 1);
    expect(incremental).toEqual(full);
  });
});

// Snapshot build time on a big floor (40 queues, 300 agents, 5,000 open tickets, chats waiting and active): a full
// read and build (what every push did before issue 18, and the view's periodic safety net today) against an
// incremental update (a few events applied, the view told what they changed, refreshed and built). The view runs in
// this process on the stack's Redis, subscribed to its change notifications as another instance would be.
// (Run against a tree from before issue 18, whose live service reads everything each time, both figures are
// that full read and build.)
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { Redis } from 'ioredis';
import { keysFor, loadConfig, metricSettings } from '@pulse/server';
import { LiveService } from '../../packages/server/src/live/service.ts';
import { Bus } from '../../packages/server/src/pubsub/bus.ts';
import type { Snapshot } from '@pulse/contracts';
import { percentile, seconds, startStack, TOKENS, type Result } from '../lib.ts';

const QUEUES = 40;
const AGENTS = 300;
const TICKETS = 5_000;

function floor(now: number): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  let n = 0;
  const ev = (type: string, ts: number, fields: Record<string, unknown>) => events.push({ id: `sb-${n++}`, type, ts, ...fields });
  const q = (i: number) => `queue-${i % QUEUES}`;
  for (let a = 0; a < AGENTS; a++) {
    ev('agent.status_changed', now - 3_600_000 + a * 1000, {
      agent_id: `agent-${a}`,
      status: a % 10 === 0 ? 'away' : 'online',
      name: `Agent ${a}`,
      queues: [q(a), q(a * 7 + 3)],
      chat_capacity: 3,
    });
  }
  const priorities = ['low', 'normal', 'high', 'urgent'];
  for (let t = 0; t < TICKETS; t++) {
    // created over the last 8 hours: some targets met, many at risk or breached
    ev('ticket.created', now - ((t * 5_761) % (8 * 3_600_000)), {
      ticket_id: `t-${t}`,
      queue: q(t),
      channel: 'email',
      priority: priorities[t % 4],
      ...(t % 3 ? { agent_id: `agent-${t % AGENTS}` } : {}),
    });
    if (t % 5 === 0) ev('ticket.agent_replied', now - ((t * 1_733) % 1_800_000), { ticket_id: `t-${t}`, agent_id: `agent-${t % AGENTS}` });
  }
  for (let c = 0; c < 600; c++) {
    const start = now - 1_800_000 + c * 2_900;
    ev('chat.requested', start, { chat_id: `c-${c}`, queue: q(c), channel: c % 3 ? 'chat' : 'voice' });
    if (c % 4 !== 0) ev('chat.answered', start + 20_000, { chat_id: `c-${c}`, agent_id: `agent-${(c * 11) % AGENTS}` });
    if (c % 4 === 1) ev('chat.ended', start + 200_000, { chat_id: `c-${c}` });
  }
  return events;
}

/** A configuration file for the server with the alerts engine off (PULSE_CONFIG). */
function alertsOffConfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'pulse-bench-')), 'config.json');
  writeFileSync(file, JSON.stringify({ alerts: { enabled: false } }));
  return file;
}

export async function snapshotBuild(): Promise<Result[]> {
  const rounds = seconds('BENCH_BUILD_ROUNDS', 200);
  // The bench's own process builds the view it measures; the server only applies the events. Its history
  // writer (chDB inserts and merges) and its alerts engine (which builds the same view again on every change)
  // would compete for the same two cores, so they are off unless BENCH_BUILD_FULL_SERVER=1.
  const stack = await startStack(process.env.BENCH_BUILD_FULL_SERVER ? {} : { PULSE_WORKER_HISTORY: 'false', PULSE_CONFIG: alertsOffConfig() });
  // as the server connects for commands (redis/client.ts): the commands issued together go out in one write
  const redis = new Redis(stack.redis.url, { enableAutoPipelining: true });
  const sub = new Redis(stack.redis.url);
  try {
    // posts a batch, waiting as the server asks when it is busy (backpressure: 503 or 429 with Retry-After)
    const post = async (body: unknown): Promise<void> => {
      for (;;) {
        const r = await fetch(`${stack.url}/v1/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKENS.ingest}` },
          body: JSON.stringify(body),
        });
        await r.arrayBuffer();
        if (r.status === 202) return;
        if (r.status !== 503 && r.status !== 429) throw new Error(`ingest answered ${r.status}`);
        await new Promise((res) => setTimeout(res, 1000 * Number(r.headers.get('retry-after') ?? 1)));
      }
    };
    const now = Date.now();
    const events = floor(now);
    for (let i = 0; i < events.length; i += 2_000) await post(events.slice(i, i + 2_000));
    const config = loadConfig({}, { redis: { url: stack.redis.url } });
    const keys = keysFor(config.redis.prefix);
    const live = new LiveService(redis, keys.live, config.timeZone, config.live.queues, metricSettings(config), { ...config.live, fullReadMs: 86_400_000 });
    let notes = 0;
    await new Bus(redis, sub, keys).subscribe('live.changed', (m) => {
      live.changed?.(m.change);
      notes++;
    });
    const older = typeof live.state !== 'function';
    const readAll = async (): Promise<Snapshot> =>
      older ? (live as unknown as { snapshot(): Promise<Snapshot> }).snapshot() : (await live.full()).built.snapshot;
    const update = async (): Promise<unknown> => (older ? readAll() : live.state());
    // wait for the floor to be applied
    for (let i = 0; i < 600; i++) {
      const s = await readAll();
      if (s.agents.length === AGENTS && s.overall.unsolved_tickets >= TICKETS * 0.75) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const full: number[] = [];
    for (let i = 0; i < Math.min(rounds, 60); i++) {
      const t0 = performance.now();
      await readAll();
      full.push(performance.now() - t0);
    }
    await update();
    const incremental: number[] = [];
    const cpu: number[] = [];
    /** ms each build computed (Redis reads excluded), and the updates that waited for Redis more than once */
    const compute: number[] = [];
    let moreTrips = 0;
    // BENCH_BUILD_PROFILE=<file>: a CPU profile of this process over the incremental updates, with their intervals
    // (ms since the profile's start) so that the samples of the updates alone can be told apart
    const profile = process.env.BENCH_BUILD_PROFILE ? new Session() : null;
    const intervals: [number, number][] = [];
    let profileStart = 0;
    if (profile) {
      profile.connect();
      await profile.post('Profiler.enable');
      await profile.post('Profiler.setSamplingInterval', { interval: 100 });
      await profile.post('Profiler.start');
      profileStart = performance.now();
    }
    for (let i = 0; i < rounds; i++) {
      // a change as the floor makes them: a chat requested and one answered, an agent's status, a ticket replied to
      const before = notes;
      const t = Date.now();
      await post([
        { id: `sb-x${i}-a`, type: 'chat.requested', ts: t, chat_id: `x-${i}`, queue: `queue-${i % QUEUES}`, channel: 'chat' },
        { id: `sb-x${i}-b`, type: 'chat.answered', ts: t, chat_id: `c-${(i * 4 + 2) % 600}`, agent_id: `agent-${i % AGENTS}` },
        { id: `sb-x${i}-c`, type: 'agent.status_changed', ts: t, agent_id: `agent-${(i * 13) % AGENTS}`, status: i % 2 ? 'online' : 'away' },
        { id: `sb-x${i}-d`, type: 'ticket.agent_replied', ts: t, ticket_id: `t-${(i * 37) % TICKETS}`, agent_id: `agent-${i % AGENTS}` },
      ]);
      while (notes === before) await new Promise((r) => setTimeout(r, 2));
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const state = (await update()) as { built?: { computeMs: number } } | undefined;
      incremental.push(performance.now() - t0);
      compute.push(state?.built?.computeMs ?? NaN);
      // the refresh's round trips to Redis, one after the other (a tree before this count has none)
      const trips = (live as unknown as { view: { lastRefresh?: { trips: number[] } } }).view.lastRefresh?.trips ?? [];
      if (trips.length > 1) moreTrips++;
      // BENCH_BUILD_TRACE=1: each update's time, its computing, and the wait of each round trip (ms)
      if (process.env.BENCH_BUILD_TRACE)
        console.log(
          `${(performance.now() - t0).toFixed(1)} compute ${compute.at(-1)?.toFixed(1)} built ${JSON.stringify(live.lastBuild)} trips ${trips.map((x) => x.toFixed(1)).join(' ')}`,
        );
      if (profile) intervals.push([t0 - profileStart, performance.now() - profileStart]);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    if (profile && process.env.BENCH_BUILD_PROFILE) {
      const { profile: data } = await profile.post('Profiler.stop');
      writeFileSync(process.env.BENCH_BUILD_PROFILE, JSON.stringify({ ...data, intervals }));
      profile.disconnect();
    }
    const snap = await readAll();
    const p95 = percentile(incremental, 95);
    const fullP95 = percentile(full, 95);
    const floorNote = `${Object.keys(snap.queues).length} queues, ${snap.agents.length} agents, ${snap.overall.unsolved_tickets} open tickets, ${snap.sla.total?.breached} breached and ${snap.sla.total?.at_risk} at-risk targets`;
    return [
      {
        name: older ? 'snapshot build after 4 events (full: before issue 18), p95' : 'snapshot build, incremental update (4 events), p95',
        value: p95,
        unit: 'ms',
        ceiling: { name: 'full read and build, p95', value: fullP95 },
        ratio: p95 / fullP95,
        target: '< 10 ms',
        met: p95 < 10,
        notes: `p50 ${percentile(incremental, 50).toFixed(1)} ms over ${rounds} updates (CPU of this process meanwhile: p50 ${percentile(cpu, 50).toFixed(1)} ms, p95 ${percentile(cpu, 95).toFixed(1)} ms; computing, Redis reads excluded: p50 ${percentile(compute, 50).toFixed(1)} ms, p95 ${percentile(compute, 95).toFixed(1)} ms; ${moreTrips} updates read Redis twice or more); ${floorNote}`,
      },
      {
        name: 'snapshot build, full read and build, p95',
        value: fullP95,
        unit: 'ms',
        notes: `p50 ${percentile(full, 50).toFixed(1)} ms over ${full.length} builds`,
      },
    ];
  } finally {
    redis.disconnect();
    sub.disconnect();
    await stack.stop();
  }
}

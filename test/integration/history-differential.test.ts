// Live equals history (SPEC §3): random histories through the real server; once live state and history
// have caught up, a history point over exactly the 15m and 60m windows equals the reference model's
// window metrics, overall, per queue and per channel. It runs against both derivation paths of the live
// applier (`incremental`, and `full`: PULSE_LIVE_DERIVATION=full), each on a server of its own: history is
// made of the facts of the changes each path computes.
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PulseEvent, WindowMetrics } from '@pulse/contracts';
import { MINUTE_MS, referenceSnapshot } from '@pulse/metrics';
import { metricSettings } from '@pulse/server';
import { historySpec, materialize, type HistorySpec } from '../support/histories.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

const seed = process.env.PULSE_FC_SEED ? Number(process.env.PULSE_FC_SEED) : Math.floor(Math.random() * 2 ** 31);
const numRuns = process.env.PULSE_FC_HISTORY_RUNS ? Number(process.env.PULSE_FC_HISTORY_RUNS) : 30;

let t: TestPulse;
let redis: Redis;

/** Starts a server whose live applier takes `path`, with nothing accumulated yet. */
async function start(path: 'incremental' | 'full'): Promise<void> {
  accepted.length = 0;
  run = 0;
  const before = process.env.PULSE_LIVE_DERIVATION;
  process.env.PULSE_LIVE_DERIVATION = path;
  try {
    t = await startTestPulse({ alerts: { enabled: false }, live: { serviceLevelSeconds: { q2: 45 } } });
  } finally {
    if (before === undefined) delete process.env.PULSE_LIVE_DERIVATION;
    else process.env.PULSE_LIVE_DERIVATION = before;
  }
  redis = new Redis(t.redis.url);
}

/** Every group of every stream has been handed all entries and acknowledged them. */
async function caughtUp(): Promise<void> {
  const prefix = t.pulse.config.redis.prefix;
  for (const stream of [`${prefix}events`, `${prefix}facts`]) {
    await eventually(
      async () => {
        const last = (await redis.xinfo('STREAM', stream)) as unknown[] as (string | number)[];
        const lastId = String(last[last.indexOf('last-generated-id') + 1]);
        const groups = (await redis.xinfo('GROUPS', stream)) as (string | number)[][];
        return groups.every((g) => g[g.indexOf('pending') + 1] === 0 && String(g[g.indexOf('last-delivered-id') + 1]) === lastId);
      },
      Boolean,
      20_000,
    );
  }
}

async function series(from: number, to: number, scope: { queue?: string; channel?: string }): Promise<WindowMetrics> {
  const q = new URLSearchParams({ from: String(from), to: String(to), interval: '1d', tz: 'UTC' });
  if (scope.queue) q.set('queue', scope.queue);
  if (scope.channel) q.set('channel', scope.channel);
  // one bucket covering [from, to): a 1-day bucket of a window that never crosses midnight, else 1h/15m
  const span = to - from;
  q.set('interval', span <= 15 * MINUTE_MS + 1 ? '15m' : '1h');
  const r = await getJson(t.url, `/v1/history/series?${q}`, TOKENS.manager);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const { t: _t, ...metrics } = r.body.series[0].points[0];
  return metrics as WindowMetrics;
}

const accepted: PulseEvent[] = [];
let run = 0;

async function check(spec: HistorySpec): Promise<void> {
  const r = run++;
  const base = Math.floor(Date.now() / 1000) * 1000;
  const { events } = materialize(spec, { run: r, base, earlierEvents: accepted });
  if (events.length === 0) return;
  const reply = await postEvents(t.url, events);
  expect(reply.status).toBe(202);
  accepted.push(...events.filter((e, i, all) => all.findIndex((x) => x.id === e.id) === i));
  await caughtUp();
  const live = (await getJson(t.url, '/v1/live')).body;
  const now = Date.parse(live.at);
  const reference = await referenceSnapshot(accepted, now, metricSettings(t.pulse.config));
  const minute = Math.floor(now / MINUTE_MS);
  const windows = { '15m': (minute - 14) * MINUTE_MS, '60m': (minute - 59) * MINUTE_MS } as const;
  for (const [w, from] of Object.entries(windows) as [keyof typeof windows, number][]) {
    // the 60m window is one point of a 1h interval aligned to its start
    const scopes: [string, { queue?: string; channel?: string }, WindowMetrics][] = [
      ['overall', {}, reference.overall.windows[w]],
      ...Object.entries(reference.queues).map(([q, m]): [string, { queue: string }, WindowMetrics] => [`queue ${q}`, { queue: q }, m.windows[w]]),
      ...Object.entries(reference.channels).map(([c, m]): [string, { channel: string }, WindowMetrics] => [`channel ${c}`, { channel: c }, m.windows[w]]),
    ];
    for (const [label, scope, expected] of scopes) {
      const actual = await series(from, now + 1, scope);
      expect(actual, `run ${r} (seed ${seed}): history ${w} of ${label} at ${live.at}`).toEqual(expected);
    }
  }
}

describe.each(['incremental', 'full'] as const)('live equals history (%s derivation)', (derivation) => {
  beforeAll(() => start(derivation));
  afterAll(async () => {
    redis?.disconnect();
    await t?.close();
  });

  it(`a history point over a window equals the reference window metrics (seed ${seed})`, { timeout: 240_000 }, async () => {
    await fc.assert(fc.asyncProperty(historySpec, check), { numRuns, seed, endOnFailure: true });
  });
});

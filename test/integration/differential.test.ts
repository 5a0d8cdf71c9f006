// Differential property test: random histories through the real server (HTTP ingest → Redis Stream →
// live consumer group → Redis live state → GET /v1/live) must give exactly the snapshot of the pure
// reference model (`referenceSnapshot`) over every event accepted so far, at the snapshot's own "now".
//
// Histories share queues and agents, so state accumulates across them: each comparison covers every
// earlier history too. Each history is shuffled, partly duplicated (also re-sending events of earlier
// histories), split into batches posted concurrently as JSON arrays, NDJSON or single objects.
//
// It runs against both derivation paths of the live applier: `incremental` (an event later than all of an
// item's events extends its stored derivation; late events derive it again) and `full` (every change
// derives the item from all of its events: PULSE_LIVE_DERIVATION=full), each on a server of its own.
//
// Replay: PULSE_FC_SEED=<seed> [PULSE_FC_RUNS=<n>] npx vitest run test/integration/differential.test.ts generates the
// same histories again (their times are relative to the real clock). PULSE_FC_PATH=<path> runs only the
// history at that path, without the histories before it.
// On a mismatch, the events accumulated so far are reduced to a minimal failing set by delta debugging,
// each candidate replayed on a wiped live state (see `minimise`), and reported with expected and actual.
import { Redis } from 'ioredis';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PulseEvent, Snapshot } from '@pulse/contracts';
import { groupByItem, referenceSnapshot } from '@pulse/metrics';
import { metricSettings } from '@pulse/server';
import { historySpec, materialize, type Batch, type HistorySpec } from '../support/histories.ts';
import { getJson, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { parseExposition, sampleValue } from '../support/exposition.ts';

const seed = process.env.PULSE_FC_SEED ? Number(process.env.PULSE_FC_SEED) : (Math.random() * 2 ** 31) | 0;
const path = process.env.PULSE_FC_PATH || undefined;
const numRuns = process.env.PULSE_FC_RUNS ? Number(process.env.PULSE_FC_RUNS) : 200;
/** Minimising a mismatch stops after this long (the smallest failing set so far is reported). */
const MINIMISE_BUDGET_MS = 90_000;

let t: TestPulse;
let redis: Redis;

/** Starts a server whose live applier takes `path`, with nothing accumulated yet. */
async function start(path: 'incremental' | 'full'): Promise<void> {
  accepted.length = 0;
  run = 0;
  const before = process.env.PULSE_LIVE_DERIVATION;
  process.env.PULSE_LIVE_DERIVATION = path;
  try {
    t = await startTestPulse({
      workers: { live: true, history: false },
      // a per-queue service-level threshold and a configured queue nobody uses: settings reach both sides
      live: { serviceLevelSeconds: { q2: 45 }, queues: ['q5'] },
    });
  } finally {
    if (before === undefined) delete process.env.PULSE_LIVE_DERIVATION;
    else process.env.PULSE_LIVE_DERIVATION = before;
  }
  redis = new Redis(t.redis.url);
}

async function stop(): Promise<void> {
  redis?.disconnect();
  await t?.close();
}

/** Item changes the applier made by extending a stored derivation (`pulse_items_extended_total`), and all of them. */
async function applied(): Promise<{ extended: number; applied: number }> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  const e = parseExposition(text);
  return { extended: sampleValue(e, 'pulse_items_extended_total') ?? NaN, applied: sampleValue(e, 'pulse_items_applied_total') ?? NaN };
}

// ---------------------------------------------------------------------------------------------------

const stream = () => `${t.pulse.config.redis.prefix}events`;

function fields(flat: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = flat[i + 1];
  return out;
}

/** Waits until the `live` group has been handed every entry of the stream and acknowledged them all. */
async function liveCaughtUp(timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const res = await redis.multi().xinfo('STREAM', stream()).xinfo('GROUPS', stream()).exec();
    const info = fields(res![0]![1] as unknown[]);
    const live = (res![1]![1] as unknown[][]).map(fields).find((g) => g.name === 'live');
    const lastId = String(info['last-generated-id']);
    if (live && Number(live.pending) === 0 && String(live['last-delivered-id']) === lastId) return;
    last = `stream at ${lastId}, live group ${JSON.stringify(live)}`;
    if (Date.now() > deadline) throw new Error(`the live consumer group did not catch up within ${timeoutMs} ms: ${last}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Deletes the live state (not the stream, its groups or the dedup marks): an empty board. */
async function wipeLiveState(): Promise<void> {
  await liveCaughtUp();
  const match = `${t.pulse.config.redis.prefix}live:*`;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    if (keys.length > 0) await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function post(batch: Batch): Promise<{ status: number; body: any }> {
  const ndjson = batch.format === 'ndjson';
  const body = ndjson ? batch.wire.map((e) => JSON.stringify(e)).join('\n') + '\n' : JSON.stringify(batch.format === 'single' ? batch.wire[0] : batch.wire);
  const res = await fetch(`${t.url}/v1/events`, {
    method: 'POST',
    headers: {
      'content-type': ndjson ? 'application/x-ndjson' : 'application/json',
      authorization: `Bearer ${TOKENS.ingest}`,
    },
    body,
  });
  const text = await res.text();
  try {
    return { status: res.status, body: JSON.parse(text) };
  } catch {
    return { status: res.status, body: text };
  }
}

/** Paths where two JSON values differ, `expected` being the reference. Agents are keyed by id. */
function differences(actual: unknown, expected: unknown, at = '', out: string[] = []): string[] {
  if (Object.is(actual, expected)) return out;
  const obj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (obj(actual) && obj(expected) && Array.isArray(actual) === Array.isArray(expected)) {
    const byId = (v: Record<string, unknown>) =>
      Array.isArray(v) && v.every((x) => obj(x) && typeof x.id === 'string')
        ? Object.fromEntries(v.map((x) => [`[${x.id}]`, x]))
        : Array.isArray(v)
          ? Object.fromEntries(v.map((x, i) => [`[${i}]`, x]))
          : v;
    const a = byId(actual);
    const e = byId(expected);
    for (const k of new Set([...Object.keys(e), ...Object.keys(a)])) {
      differences(a[k], e[k], k.startsWith('[') ? `${at}${k}` : at ? `${at}.${k}` : k, out);
    }
    return out;
  }
  out.push(`  ${at}: expected ${JSON.stringify(expected)}, actual ${JSON.stringify(actual)}`);
  return out;
}

function describeHistory(events: PulseEvent[], now: number): string {
  return [...events]
    .sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1))
    .map((e) => {
      const ago = (now - e.ts) / 1000;
      return `  ${JSON.stringify(e)}  // ${new Date(e.ts).toISOString()} = now ${ago >= 0 ? '−' : '+'} ${Math.abs(ago)} s`;
    })
    .join('\n');
}

// ---------------------------------------------------------------------------------------------------

/** Every event accepted so far: what the reference model is fed. */
const accepted: PulseEvent[] = [];
let run = 0;

/** Thrown when GET /v1/live differs from the reference; keeps what the minimisation starts from. */
class Mismatch extends Error {
  constructor(
    message: string,
    readonly events: PulseEvent[],
  ) {
    super(message);
  }
}

async function checkHistory(spec: HistorySpec): Promise<void> {
  const r = run++;
  const base = Math.floor(Date.now() / 1000) * 1000;
  const { events, batches } = materialize(spec, { run: r, base, earlierEvents: accepted });
  const context = `history r${r} (${events.length} events, seed ${seed}) after ${accepted.length} accepted events of ${r} earlier histories`;
  const replies = await Promise.all(batches.map(post));
  let acceptedNow = 0;
  replies.forEach((reply, i) => {
    const size = batches[i]!.wire.length;
    expect(reply.status, `${context}, batch ${i}: ${JSON.stringify(reply.body)}`).toBe(202);
    expect(reply.body.rejected, `${context}, batch ${i}`).toEqual([]);
    expect(reply.body.accepted + reply.body.duplicates, `${context}, batch ${i}: accepted + duplicates`).toBe(size);
    acceptedNow += reply.body.accepted;
  });
  // every event of the history is new exactly once; its duplicates and the re-sent earlier events are not
  expect(acceptedNow, `${context}: accepted over all batches`).toBe(events.length);
  accepted.push(...events);

  await liveCaughtUp();
  // alerts are not metrics: the reference model has none; their rules have tests of their own
  const live = { ...((await getJson(t.url, '/v1/live')).body as Snapshot), alerts: [] };
  const now = Date.parse(live.at);
  const reference = await referenceSnapshot(accepted, now, metricSettings(t.pulse.config), t.pulse.config.live.queues);
  try {
    expect(live).toEqual(reference);
  } catch {
    const diff = differences(live, JSON.parse(JSON.stringify(reference)));
    throw new Mismatch(
      `live snapshot ≠ reference model for ${context}, now ${live.at}\n` +
        `differences (expected = referenceSnapshot, actual = GET /v1/live):\n${clip(diff)}\n` +
        `the history (sorted by ts; sent shuffled, partly duplicated, in ${batches.length} concurrent batches):\n` +
        describeHistory(events, now),
      [...accepted],
    );
  }
}

const clip = (lines: string[], max = 40) => lines.slice(0, max).join('\n') + (lines.length > max ? `\n  … and ${lines.length - max} more` : '');

// ---------------------------------------------------------------------------------------------------
// Minimisation. A mismatch may come from any history so far (state accumulates), so fast-check's own
// shrinking of the last history is not meaningful (it is switched off: `endOnFailure`); instead the
// accumulated events are reduced by delta debugging, items first, then events. Each candidate set is
// replayed on a wiped live state (the dedup marks of its ids removed) in rounds that keep, for every item,
// the order in which its events originally reached the stream: round k holds each item's events of its
// k-th stream entry, and the live group catches up between rounds. A candidate is kept when the live
// snapshot still differs from the reference over it.

interface Replay {
  diff: string[];
  at: string;
}

/** Event id → index of the stream entry it was appended in (its arrival). */
async function arrivals(): Promise<Map<string, number>> {
  const at = new Map<string, number>();
  (await redis.xrange(stream(), '-', '+')).forEach(([, f], i) => {
    for (const e of JSON.parse(f[f.indexOf('e') + 1]!) as { id: string }[]) if (!at.has(e.id)) at.set(e.id, i);
  });
  return at;
}

/** The events split into rounds that keep each item's arrival order (or one round without `arrival`). */
function roundsOf(events: PulseEvent[], arrival: Map<string, number> | null): PulseEvent[][] {
  if (!arrival) return [events];
  const rounds: PulseEvent[][] = [];
  for (const { events: evs } of groupByItem(events).values()) {
    const entries = [...new Set(evs.map((e) => arrival.get(e.id) ?? 0))].sort((a, b) => a - b);
    for (const e of evs) (rounds[entries.indexOf(arrival.get(e.id) ?? 0)] ??= []).push(e);
  }
  return rounds;
}

async function replay(events: PulseEvent[], arrival: Map<string, number> | null): Promise<Replay> {
  await wipeLiveState();
  const seen = `${t.pulse.config.redis.prefix}seen:`;
  for (let i = 0; i < events.length; i += 1000) await redis.unlink(...events.slice(i, i + 1000).map((e) => seen + e.id));
  for (const round of roundsOf(events, arrival)) {
    for (let i = 0; i < round.length; i += 5000) {
      const chunk = round.slice(i, i + 5000);
      const reply = await post({ wire: chunk as unknown as Record<string, unknown>[], format: 'json' });
      if (reply.status !== 202 || reply.body.accepted !== chunk.length) {
        throw new Error(`replay: unexpected reply ${reply.status} ${JSON.stringify(reply.body)}`);
      }
    }
    await liveCaughtUp();
  }
  // alerts are not metrics: the reference model has none; their rules have tests of their own
  const live = { ...((await getJson(t.url, '/v1/live')).body as Snapshot), alerts: [] };
  const reference = await referenceSnapshot(events, Date.parse(live.at), metricSettings(t.pulse.config), t.pulse.config.live.queues);
  return { diff: differences(live, JSON.parse(JSON.stringify(reference))), at: live.at };
}

/** Zeller's ddmin: a 1-minimal subset of `units` for which `fails` holds (or the best one by the deadline). */
async function ddmin<T>(units: T[], fails: (xs: T[]) => Promise<boolean>, deadline: number): Promise<T[]> {
  let n = 2;
  while (units.length >= 2 && Date.now() < deadline) {
    const size = Math.ceil(units.length / n);
    const parts: T[][] = [];
    for (let i = 0; i < units.length; i += size) parts.push(units.slice(i, i + size));
    let next: T[] | null = null;
    for (const p of parts) {
      if (Date.now() < deadline && (await fails(p))) {
        [next, n] = [p, 2];
        break;
      }
    }
    if (!next && parts.length > 2) {
      for (const p of parts) {
        const rest = units.filter((u) => !p.includes(u));
        if (Date.now() < deadline && (await fails(rest))) {
          [next, n] = [rest, Math.max(n - 1, 2)];
          break;
        }
      }
    }
    if (next) units = next;
    else if (n >= units.length) break;
    else n = Math.min(units.length, 2 * n);
  }
  return units;
}

async function minimise(events: PulseEvent[]): Promise<string> {
  const deadline = Date.now() + MINIMISE_BUDGET_MS;
  const arrival = await arrivals();
  if ((await replay(events, arrival)).diff.length === 0) {
    return (
      `The ${events.length} accumulated events replayed on a wiped live state, in their arrival order per item, ` +
      `give no mismatch: it depends on how the consumer batched them, on concurrency or on timing.`
    );
  }
  const fails = async (evs: PulseEvent[]) => evs.length > 0 && (await replay(evs, arrival)).diff.length > 0;
  const items = [...groupByItem(events).values()].map((i) => i.events);
  const fewItems = (await ddmin(items, (xs) => fails(xs.flat()), deadline)).flat();
  const minimal = await ddmin(fewItems, fails, deadline);
  // order-independent when one batch shows it too: then that is the simpler reproduction
  const single = await replay(minimal, null);
  const last = single.diff.length > 0 ? single : await replay(minimal, arrival);
  const rounds = roundsOf(minimal, single.diff.length > 0 ? null : arrival);
  const now = Date.parse(last.at);
  return (
    `Minimal failing history${Date.now() >= deadline ? ' (the minimisation budget ran out: may not be 1-minimal)' : ''}: ` +
    `${minimal.length} of the ${events.length} accumulated events, replayed on a wiped live state ` +
    (rounds.length === 1
      ? 'in one JSON batch'
      : `in ${rounds.length} batches, one after the other, the live group caught up in between (one batch gives no mismatch)`) +
    `; now ${last.at}\n` +
    `differences (expected = referenceSnapshot, actual = GET /v1/live):\n${clip(last.diff)}\n` +
    rounds.map((r, i) => `${rounds.length > 1 ? `batch ${i + 1} ` : ''}events (sorted by ts):\n${describeHistory(r, now)}`).join('\n')
  );
}

describe.each(['incremental', 'full'] as const)('differential (%s derivation): live state through the real server equals the reference model', (derivation) => {
  beforeAll(() => start(derivation));
  afterAll(stop);

  it(`random histories, accumulating (seed ${seed}${path ? `, path ${path}` : ''})`, { timeout: 240_000 }, async () => {
    try {
      await fc.assert(fc.asyncProperty(historySpec, checkHistory), { numRuns, seed, path, verbose: 1, endOnFailure: true });
    } catch (e) {
      const cause = (e as Error & { cause?: unknown }).cause;
      if (!(cause instanceof Mismatch)) throw e;
      const report = await minimise(cause.events);
      throw new Error(`${(e as Error).message}\n\n${cause.message}\n\n${report}`);
    }
    // the path under test took the changes: some incremental (shuffled concurrent batches make most events late), or none
    const { extended, applied: all } = await applied();
    if (derivation === 'full') expect(extended).toBe(0);
    else if (!path) expect(extended).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(0);
  });
});

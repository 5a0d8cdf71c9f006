// The live feed continues the history's simulation: a run resumed from a backfill's state posts exactly the
// events after it (the next ids, the same organisation, no second world), catching up the minutes since the
// hand-over at once; scripted incidents, the demo clock and the state file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { PulseEvent } from '@pulse/contracts';
import { generateAll, SIMULATION_MODEL } from '../src/generator.ts';
import { incidentsOf, parseIncident, quietQueue } from '../src/incident.ts';
import { runLive } from '../src/live.ts';
import { readRunState, RunStateError, worldOf, writeRunState, type RunState } from '../src/run-state.ts';
import { demoUtcOffset } from '../src/demo-clock.ts';
import { dayOfWeek, localDay } from '../src/sim/calendar.ts';
import { buildWorld } from '../src/world.ts';
import { memoryLogger, startIngest } from './ingest-server.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const folder = mkdtempSync(join(tmpdir(), 'pulse-sim-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('demo clock', () => {
  it('puts any start on a Wednesday at 10:20 local time, the nearest one', () => {
    for (const at of [Date.UTC(2025, 2, 1, 7, 3), Date.UTC(2026, 5, 9, 18, 44), Date.UTC(2025, 11, 31, 23, 59)]) {
      const offset = demoUtcOffset(at);
      expect(Number.isInteger(offset)).toBe(true);
      expect(Math.abs(offset)).toBeLessThanOrEqual(3.5 * 24 * 60 + 12 * 60);
      const local = new Date(at + offset * MIN);
      expect([local.getUTCHours(), local.getUTCMinutes()]).toEqual([10, 20]);
      expect(dayOfWeek(localDay(at, offset))).toBe(3);
    }
  });
});

describe('scripted incident', () => {
  it('parses queue@+offset[/duration][xfactor] and refuses what it cannot place', () => {
    expect(parseIncident('billing@+10m')).toEqual({ queue: 'billing', offsetMs: 10 * MIN, durationMs: 20 * MIN, factor: 6 });
    expect(parseIncident('sales@+90s/15mx3')).toEqual({ queue: 'sales', offsetMs: 90_000, durationMs: 15 * MIN, factor: 3 });
    expect(() => parseIncident('billing+10m')).toThrow(/billing@\+10m/);
    expect(() => parseIncident('billing@+30s')).toThrow(/1 minute/);
    expect(() => incidentsOf(parseIncident('nope@+2m'), buildWorld({ seed: 1 }), 0)).toThrow(/no queue 'nope'/);
  });

  it('spikes one queue from a whole minute while the queue whose agents could help goes quiet, from before it', () => {
    const world = buildWorld({ seed: 1 });
    const start = Date.UTC(2025, 2, 5, 9, 0, 17);
    expect(quietQueue(world, 'billing')).toBe('technical');
    expect(incidentsOf(parseIncident('billing@+10m'), world, start)).toEqual([
      { queue: 'billing', start: Date.UTC(2025, 2, 5, 9, 11), end: Date.UTC(2025, 2, 5, 9, 31), factor: 6, patience: 2.5 },
      // quiet from ten minutes before the spike, or the live start's next minute when that is later
      { queue: 'technical', start: Date.UTC(2025, 2, 5, 9, 1), end: Date.UTC(2025, 2, 5, 9, 31), factor: 0.02 },
    ]);
    expect(incidentsOf(parseIncident('billing@+3m/9m'), world, start)[1]).toEqual({
      queue: 'technical',
      start: Date.UTC(2025, 2, 5, 9, 1),
      end: Date.UTC(2025, 2, 5, 9, 13),
      factor: 0.02,
    });
  });

  it('leaves every event before its start as it was', () => {
    const world = buildWorld({ seed: 4 });
    const from = Date.UTC(2025, 0, 7, 8);
    const incidents = incidentsOf(parseIncident('billing@+3h'), world, from);
    const plain = generateAll({ seed: 4, world, from, to: from + 4 * HOUR, quietFrom: from });
    const spiked = generateAll({ seed: 4, world, from, to: from + 4 * HOUR, quietFrom: from, incidents });
    const first = Math.min(...incidents.map((i) => i.start));
    const before = plain.filter((e) => e.ts < first);
    expect(spiked.slice(0, before.length)).toEqual(before);
    const billing = (evs: PulseEvent[]) =>
      evs.filter((e) => e.type === 'chat.requested' && e.queue === 'billing' && e.ts >= incidents[0]!.start && e.ts < incidents[0]!.end).length;
    expect(billing(spiked)).toBeGreaterThan(3 * billing(plain));
  });
});

describe('state file', () => {
  it('round-trips, and refuses a state written by another simulation model', () => {
    const path = join(folder, 'state.json');
    const state: RunState = {
      model: SIMULATION_MODEL,
      seed: 1,
      agents: 24,
      queues: 5,
      utcOffsetMinutes: -227,
      scale: 1,
      idPrefix: 'bf',
      from: 1,
      quietFrom: 2,
      incidents: [],
      posted: 3,
      postedUntil: 4,
    };
    expect(readRunState(path)).toBeNull();
    writeRunState(path, state);
    expect(readRunState(path)).toEqual(state);
    expect(worldOf(state).utcOffsetMinutes).toBe(-227);
    writeRunState(path, { ...state, model: SIMULATION_MODEL - 1 });
    expect(() => readRunState(path)).toThrow(RunStateError);
  });
});

describe('live run resumed from a backfill', () => {
  it('posts the history’s next events — the next ids, one organisation, no jump — catching up at once', async () => {
    const seed = 1;
    const handover = Date.UTC(2025, 2, 5, 14, 7);
    const world = buildWorld({ seed, utcOffsetMinutes: demoUtcOffset(handover) });
    const from = handover - 2 * DAY;
    const history = generateAll({ seed, world, from, to: handover, idPrefix: 'bf', quietFrom: handover });
    const srv = await startIngest();
    const abort = new AbortController();
    const { logger } = memoryLogger();
    // The live run starts 40 minutes after the hand-over (the server took that long to come up).
    const wall = handover + 40 * MIN;
    let clock = wall - 2_000;
    const positions: number[] = [];
    const final = await runLive({
      url: srv.url,
      token: 't',
      seed,
      world,
      idPrefix: 'bf',
      quietFrom: handover,
      speed: 1,
      tickMs: 1,
      logger,
      signal: abort.signal,
      resume: { from, posted: history.length, postedUntil: handover },
      // every reading of the clock moves it on by two seconds (twice per tick)
      now: () => {
        clock += 2_000;
        if (clock > wall + 20 * MIN) abort.abort();
        return clock;
      },
      onProgress: (p) => positions.push(p.position),
    });
    await srv.close();
    const posted = srv.received.flatMap((r) => r.events) as unknown as PulseEvent[];
    const truth = generateAll({ seed, world, from, to: wall + 20 * MIN, idPrefix: 'bf', quietFrom: handover }).slice(history.length);
    expect(posted.length).toBe(final.sent);
    expect(posted.map((e) => e.id)).toEqual(truth.slice(0, posted.length).map((e) => e.id));
    expect(posted[0]!.id).toBe(`bf-${history.length + 1}`);
    expect(posted).toEqual(truth.slice(0, posted.length));
    expect(posted.every((e) => e.ts >= handover)).toBe(true);
    // The catch-up came in the first posts, with its own times.
    expect(posted.some((e) => e.ts < handover + 10 * MIN)).toBe(true);
    expect(positions[0]).toBeGreaterThan(history.length);
    expect(final.position).toBe(history.length + final.sent);
    // One organisation: nobody logs in again at the hand-over, and chats arrive at the history's pace.
    const logins = posted.filter((e) => e.type === 'agent.status_changed' && e.ts < handover + 5 * MIN && e.name !== undefined);
    expect(logins).toEqual([]);
    const arrivals = (evs: PulseEvent[], a: number, b: number) => evs.filter((e) => e.type === 'chat.requested' && e.ts >= a && e.ts < b).length;
    const before = arrivals(history, handover - 30 * MIN, handover);
    const after = arrivals(posted, handover, handover + 30 * MIN);
    expect(before).toBeGreaterThan(40);
    expect(after / before).toBeGreaterThan(0.6);
    expect(after / before).toBeLessThan(1.5);
  });
});

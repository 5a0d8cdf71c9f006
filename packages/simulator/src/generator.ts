// A pure, deterministic discrete-event generator of Pulse events. The same options give the same
// events, in ts order, lazily: a long range never sits in memory. Events before `to` do not depend on
// `to`, so a longer run starts with exactly the events of a shorter one.
import type { PulseEvent } from '@pulse/contracts';
import { Random } from './random.ts';
import { buildWorld, type QueueDef, type World } from './world.ts';
import { SimCore } from './sim/core.ts';
import { Roster } from './sim/agents.ts';
import { ChatDesk } from './sim/chats.ts';
import { TicketDesk } from './sim/tickets.ts';
import { planShift } from './sim/shifts.ts';
import { dayStart, HOUR, localDay, MINUTE, seasonality } from './sim/calendar.ts';

/**
 * Version of the simulation model: the same options give the same events only under the same model. A feed that
 * continues an earlier run (a backfill) checks it, since a changed model would give old ids to new events.
 */
export const SIMULATION_MODEL = 3;

/**
 * A scripted surge of one queue (the demo's incident): from `start` to `end` its chats arrive `factor` times as
 * often (its tickets half as much more), and its customers, who know something is wrong, wait `patience` times
 * as long before giving up.
 */
export interface Incident {
  queue: string;
  start: number;
  end: number;
  factor: number;
  patience?: number;
}

export interface GenerateOptions {
  seed: number | string;
  /** Start of the simulated range (epoch ms); the organisation starts empty here. */
  from: number;
  /** End of the range, exclusive (epoch ms); default: never ends. */
  to?: number;
  /** Default: `buildWorld({ seed })`. */
  world?: World;
  /** Multiplier of arrival rates (default 1). */
  scale?: number;
  /** Prefix of event, chat and ticket ids (default `s<seed>`); use a new one per run of a live feed. */
  idPrefix?: string;
  /** Live start: agents on shift log in within seconds and a burst of chats waits from the first seconds. */
  warmup?: boolean;
  /** Scripted incidents. Events before an incident's start do not depend on it. */
  incidents?: readonly Incident[];
  /** From this moment on the days' random incidents are left out, so only scripted ones disturb the floor. */
  quietFrom?: number;
}

interface DayMood {
  noise: number;
  incident?: { queue: QueueDef; start: number; end: number; factor: number };
}

/** Yields the simulated events of [from, to) in ts order. */
export function* generate(opts: GenerateOptions): Generator<PulseEvent, void, undefined> {
  const to = opts.to ?? Infinity;
  if (!Number.isFinite(opts.from)) throw new RangeError('from must be epoch milliseconds');
  if (!(to > opts.from)) throw new RangeError('to must be after from');
  const sim = new Simulation(opts);
  for (;;) {
    const batch = sim.core.step(to);
    if (batch === null) return;
    yield* batch;
  }
}

/** All events of a finite range as an array. */
export function generateAll(opts: GenerateOptions & { to: number }): PulseEvent[] {
  return [...generate(opts)];
}

class Simulation {
  readonly core: SimCore;
  private readonly world: World;
  private readonly scale: number;
  private readonly from: number;
  private readonly warmup: boolean;
  private readonly incidents: readonly Incident[];
  private readonly quietFrom: number;
  private readonly moods = new Map<number, DayMood>();
  private readonly chats: ChatDesk;
  private readonly tickets: TicketDesk;
  private readonly roster: Roster;

  constructor(opts: GenerateOptions) {
    this.world = opts.world ?? buildWorld({ seed: opts.seed });
    this.scale = opts.scale ?? 1;
    if (!(this.scale >= 0)) throw new RangeError('scale must be a non-negative number');
    this.from = Math.round(opts.from);
    this.warmup = opts.warmup ?? false;
    this.incidents = opts.incidents ?? [];
    this.quietFrom = opts.quietFrom ?? Infinity;
    for (const inc of this.incidents) {
      if (!this.world.queues.some((q) => q.name === inc.queue)) throw new RangeError(`incident: no queue '${inc.queue}' in this world`);
      if (!(inc.end > inc.start) || !(inc.factor > 0)) throw new RangeError('incident: end must be after start and factor > 0');
    }
    const rng = new Random(`generate:${opts.seed}`);
    this.core = new SimCore(rng, opts.idPrefix ?? `s${opts.seed}`, this.from);
    this.roster = new Roster(this.core, this.world);
    this.chats = new ChatDesk(this.core, this.roster, this.world);
    this.tickets = new TicketDesk(this.core, this.roster, this.world);
    this.roster.hooks = {
      online: (a) => {
        this.chats.fill(a);
        this.tickets.agentOnline(a);
      },
      available: (a) => this.chats.fill(a),
      offline: (a) => this.tickets.agentOffline(a),
      away: (a) => this.tickets.agentAway(a),
    };
    this.core.at(this.from, () => this.start());
  }

  private start(): void {
    const off = this.world.utcOffsetMinutes;
    const today = localDay(this.from, off);
    const onShift = this.planDay(today - 1, false) + this.planDay(today, true);
    this.tick(this.from);
    if (!this.warmup) return;
    const { core, world } = this;
    const rng = core.rng;
    const byRate = world.queues.map((q) => [q, q.chatPeakPerHour] as const);
    const burst = Math.round(world.queues.length * 1.5 + onShift * 0.5);
    for (let i = 0; i < burst; i++) core.at(this.from + rng.uniform(0, 6_000), () => this.chats.request(rng.weighted(byRate)));
    const backlog = world.queues.length * 2;
    for (let i = 0; i < backlog; i++) {
      const q = rng.pick(world.queues);
      core.at(this.from + rng.uniform(0, 90_000), () => this.tickets.create(q));
    }
  }

  /** Plans the shifts that start on local day `day`; returns how many agents are on shift at `from`. */
  private planDay(day: number, scheduleNext: boolean): number {
    const { core, world } = this;
    const rng = core.rng;
    const off = world.utcOffsetMinutes;
    const midnight = dayStart(day, off);
    const mood: DayMood = { noise: rng.logNormal(1, 0.08) };
    if (rng.chance(0.6)) {
      const start = midnight + rng.uniform(9, 16) * HOUR;
      mood.incident = {
        queue: rng.weighted(world.queues.map((q) => [q, q.chatPeakPerHour] as const)),
        start,
        end: start + rng.uniform(20, 60) * MINUTE,
        factor: rng.uniform(2, 3.5),
      };
    }
    this.moods.set(day, mood);
    this.moods.delete(day - 3);

    let onShift = 0;
    for (const agent of this.roster.agents) {
      let statusAtFrom: string | undefined;
      for (const step of planShift(rng, agent.def, day, midnight)) {
        if (step.t < this.from) {
          statusAtFrom = step.status;
          continue;
        }
        core.at(step.t, () => this.roster.want(agent, step.status));
      }
      if (statusAtFrom === 'online') {
        onShift++;
        const jitter = this.warmup ? rng.uniform(0, 10_000) : rng.uniform(0, 90_000);
        core.at(this.from + jitter, () => this.roster.want(agent, 'online'));
      }
    }
    if (scheduleNext) core.at(dayStart(day + 1, off), () => this.planDay(day + 1, true));
    return onShift;
  }

  /** Draws the arrivals of the minute starting at `m` (or of its rest, at the start). */
  private tick(m: number): void {
    const { core, world } = this;
    const rng = core.rng;
    const end = Math.floor(m / MINUTE) * MINUTE + MINUTE;
    const span = end - m;
    const mid = m + span / 2;
    const mood = this.moods.get(localDay(mid, world.utcOffsetMinutes));
    const base = seasonality(mid, world.utcOffsetMinutes) * (mood?.noise ?? 1) * this.scale * (span / HOUR);
    for (const q of world.queues) {
      const inc = mood?.incident;
      let surge = inc && inc.queue === q && mid >= inc.start && mid < inc.end && mid < this.quietFrom ? inc.factor : 1;
      let patience = 1;
      for (const s of this.incidents) {
        if (s.queue !== q.name || mid < s.start || mid >= s.end) continue;
        surge *= s.factor;
        patience = s.patience ?? 1;
      }
      const chats = rng.poisson(q.chatPeakPerHour * base * surge);
      for (let i = 0; i < chats; i++) core.at(m + rng.uniform(0, span), () => this.chats.request(q, patience));
      const tickets = rng.poisson(q.ticketPeakPerHour * base * (1 + (surge - 1) / 2));
      for (let i = 0; i < tickets; i++) core.at(m + rng.uniform(0, span), () => this.tickets.create(q));
    }
    core.at(end, () => this.tick(end));
  }
}

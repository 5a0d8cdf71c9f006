// Real-time mode: runs the generator from now on and posts events as their time comes, in batches
// every ~250 ms. With speed > 1 simulated time runs faster and is mapped back onto the wall clock
// (wall = start + (sim − start) ÷ speed), so a stamped ts is never after the moment it is sent.
// When the server is busy or unreachable the feed pauses (retrying) and catches up: nothing is dropped.
import { setTimeout as sleep } from 'node:timers/promises';
import { LIMITS, type PulseEvent } from '@pulse/contracts';
import { generate, type Incident } from './generator.ts';
import { defaultLogger, type SimLogger } from './logger.ts';
import { sendBatch, type SendOptions } from './sender.ts';
import { buildWorld, type World } from './world.ts';

export interface LiveOptions {
  url: string;
  token: string;
  seed?: number | string;
  world?: World;
  scale?: number;
  /** Simulated seconds per wall second (default 1). */
  speed?: number;
  /** How often due events are posted (default 250 ms). */
  tickMs?: number;
  /** Simulate this much of the past first and post it at once, so the day has history (default 0). */
  historyMs?: number;
  /**
   * Continue an earlier simulation instead (a backfill, an earlier live run): the same options give the same
   * events, so it is generated again from its start and only what was not yet sent is posted. Events of the
   * past are posted at once with their own ts; the rest follows the clock from `max(now, postedUntil)`.
   */
  resume?: ResumePoint;
  /** Scripted incidents (simulated time). */
  incidents?: readonly Incident[];
  /** Leave the days' random incidents out from this moment (simulated time). */
  quietFrom?: number;
  /** Prefix of ids; default unique per run (`s<seed>-<start in base 36>`), so restarts never collide. */
  idPrefix?: string;
  signal?: AbortSignal;
  logger?: SimLogger;
  /** Options of each post; by default it retries for ever (the feed waits for the server). */
  send?: Omit<SendOptions, 'signal' | 'logger'>;
  /** Called after every post. */
  onProgress?: (p: LiveProgress) => void;
  /** The wall clock (default Date.now). */
  now?: () => number;
}

/** Where a continued simulation stands. */
export interface ResumePoint {
  /** The simulation's start (epoch ms). */
  from: number;
  /** Events of its sequence already sent. */
  posted: number;
  /** Simulated time reached by the run that sent them. */
  postedUntil: number;
}

export interface LiveProgress {
  sent: number;
  /** Events of the whole sequence sent so far, earlier runs included (`resume.posted` + `sent`). */
  position: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  batches: number;
  /** Simulated time reached (epoch ms). */
  simTime: number;
  startedAt: number;
}

/** Maps simulated time onto the wall clock for a live run started at `start` (when the simulation was at `simStart`). */
export class LiveClock {
  constructor(
    readonly start: number,
    readonly speed: number,
    readonly simStart: number = start,
  ) {
    if (!(speed > 0)) throw new RangeError('speed must be > 0');
  }

  /** Simulated time at wall time `wall`. */
  simAt(wall: number): number {
    return this.simStart + (wall - this.start) * this.speed;
  }

  /** The ts to stamp on an event simulated at `simTs` (the past before the start keeps its own, shifted by any lead). */
  stamp(simTs: number): number {
    return simTs <= this.simStart ? simTs - (this.simStart - this.start) : this.start + Math.floor((simTs - this.simStart) / this.speed);
  }
}

/** Runs until `signal` aborts; resolves with the totals. */
export async function runLive(opts: LiveOptions): Promise<LiveProgress> {
  const now = opts.now ?? Date.now;
  const log = opts.logger ?? defaultLogger();
  const seed = opts.seed ?? 1;
  const tickMs = opts.tickMs ?? 250;
  const start = now();
  const historyMs = opts.historyMs ?? 0;
  const resume = opts.resume;
  const clock = new LiveClock(start, opts.speed ?? 1, resume ? Math.max(start, resume.postedUntil) : start);
  const events = generate({
    seed,
    from: resume ? resume.from : start - historyMs,
    world: opts.world ?? buildWorld({ seed }),
    scale: opts.scale,
    idPrefix: opts.idPrefix ?? `s${seed}-${start.toString(36)}`,
    warmup: !resume && historyMs === 0,
    incidents: opts.incidents,
    quietFrom: opts.quietFrom,
  });
  const skip = resume?.posted ?? 0;
  const progress: LiveProgress = {
    sent: 0,
    position: skip,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    batches: 0,
    simTime: resume ? resume.postedUntil : start - historyMs,
    startedAt: start,
  };
  const sendOpts: SendOptions = { maxRetries: Infinity, maxDelayMs: 10_000, ...opts.send, signal: opts.signal, logger: log };
  const pull = (): PulseEvent | undefined => {
    const r = events.next();
    return r.done ? undefined : r.value;
  };
  for (let i = 0; i < skip && pull() !== undefined; i++);
  let next = pull();

  const post = async (batch: PulseEvent[]) => {
    const r = await sendBatch(opts.url, opts.token, batch, sendOpts);
    progress.sent += batch.length;
    progress.position += batch.length;
    progress.accepted += r.accepted;
    progress.duplicates += r.duplicates;
    progress.rejected += r.rejected.length;
    progress.batches++;
    opts.onProgress?.({ ...progress });
  };

  try {
    while (!opts.signal?.aborted && next !== undefined) {
      const tickStart = now();
      const due = clock.simAt(tickStart);
      let batch: PulseEvent[] = [];
      while (next !== undefined && next.ts <= due) {
        batch.push({ ...next, ts: clock.stamp(next.ts) });
        progress.simTime = next.ts;
        next = pull();
        if (batch.length === LIMITS.batchEvents) {
          await post(batch);
          batch = [];
        }
      }
      if (batch.length > 0) await post(batch);
      progress.simTime = Math.max(progress.simTime, due);
      const wait = tickMs - (now() - tickStart);
      if (wait > 0) await sleep(wait, undefined, { signal: opts.signal });
    }
  } catch (err) {
    if (!opts.signal?.aborted) throw err;
  }
  return progress;
}

// The scripted incident of a demo (`--incident billing@+10m`): one queue's chats spike while another queue
// goes quiet, so the floor shows a queue going critical next to idle agents who could help, then recovers.
import type { Incident } from './generator.ts';
import { MINUTE } from './sim/calendar.ts';
import type { World } from './world.ts';

export interface IncidentPlan {
  queue: string;
  /** Offset from the start of the live run, ms. */
  offsetMs: number;
  durationMs: number;
  factor: number;
}

const UNITS: Record<string, number> = { s: 1000, m: MINUTE, h: 60 * MINUTE };
const DEFAULTS = { durationMs: 20 * MINUTE, factor: 6 };
/** Customers of the spiking queue wait this much longer before they give up: they know something is wrong. */
const PATIENCE = 2.5;
/** The quiet queue's arrivals during the incident. */
const LULL = 0.02;
/** The quiet queue goes quiet this long before the spike (not before the live start): its agents have finished
 * their chats, and sit idle, by the time the spiking queue's wait turns critical. */
const LULL_LEAD = 10 * MINUTE;

function duration(text: string, what: string): number {
  const m = /^(\d+(?:\.\d+)?)([smh])$/.exec(text);
  const unitMs = m?.[2] === undefined ? undefined : UNITS[m[2]];
  if (!m || unitMs === undefined) throw new Error(`${what} must be a number with s, m or h (like 10m), not '${text}'`);
  return Number(m[1]) * unitMs;
}

/** `<queue>@+<offset>[/<duration>][x<factor>]`, e.g. `billing@+10m`, `billing@+2m/15mx5`. */
export function parseIncident(spec: string): IncidentPlan {
  const m = /^([^@\s]+)@\+([\d.]+[smh])(?:\/([\d.]+[smh]))?(?:x([\d.]+))?$/.exec(spec.trim());
  const [, queue, offset, length, factor] = m ?? [];
  if (queue === undefined || offset === undefined) {
    throw new Error(`--incident must look like billing@+10m (queue@+offset[/duration][xfactor]), not '${spec}'`);
  }
  const plan: IncidentPlan = {
    queue,
    offsetMs: duration(offset, 'the incident offset'),
    durationMs: length ? duration(length, 'the incident duration') : DEFAULTS.durationMs,
    factor: factor ? Number(factor) : DEFAULTS.factor,
  };
  if (plan.offsetMs < MINUTE) throw new Error('the incident starts at least 1 minute after the live start (+1m)');
  if (!(plan.factor > 1)) throw new Error('the incident factor must be above 1');
  return plan;
}

/**
 * The queue that goes quiet while `queue` spikes: the one whose agents mostly do not serve `queue`, counting
 * specialists more (an agent of one queue has nothing else to do when it goes quiet). Never the VIP queue.
 */
export function quietQueue(world: World, queue: string): string | null {
  let best: string | null = null;
  let bestScore = 0;
  for (const q of world.queues) {
    if (q.name === queue || q.vip) continue;
    let score = 0;
    for (const a of world.agents) if (a.queues.includes(q.name) && !a.queues.includes(queue)) score += 1 / a.queues.length;
    if (score > bestScore) {
      best = q.name;
      bestScore = score;
    }
  }
  return best;
}

/** The generator's incidents for a plan that starts `offsetMs` after `liveStart` (simulated time): the spike, and the
 * lull of the queue whose agents could help, from up to LULL_LEAD before the spike to its end. */
export function incidentsOf(plan: IncidentPlan, world: World, liveStart: number): Incident[] {
  if (!world.queues.some((q) => q.name === plan.queue)) {
    throw new Error(`--incident: no queue '${plan.queue}'; the queues are ${world.queues.map((q) => q.name).join(', ')}`);
  }
  const start = Math.ceil((liveStart + plan.offsetMs) / MINUTE) * MINUTE;
  const end = start + plan.durationMs;
  const out: Incident[] = [{ queue: plan.queue, start, end, factor: plan.factor, patience: PATIENCE }];
  const quiet = quietQueue(world, plan.queue);
  if (quiet) out.push({ queue: quiet, start: Math.max(Math.ceil(liveStart / MINUTE) * MINUTE, start - LULL_LEAD), end, factor: LULL });
  return out;
}

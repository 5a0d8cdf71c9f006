// Where a simulation stands, kept in a small JSON file next to the data it fed (the demo's `simulator.json`):
// what generated it (seed, organisation, scale, id prefix, start, scripted incidents) and how many of its
// events are already in Pulse. A backfill writes it; a live run continues from it and keeps it current, so the
// live feed is the same simulation as the history before it, and a restarted demo goes on where it stopped.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { SIMULATION_MODEL, type Incident } from './generator.ts';
import { buildWorld, type World } from './world.ts';

export interface RunState {
  /** `SIMULATION_MODEL` of the simulator that wrote it: another model would give old ids to new events. */
  model: number;
  seed: number | string;
  agents: number;
  queues: number;
  utcOffsetMinutes: number;
  scale: number;
  idPrefix: string;
  /** The simulation's start (epoch ms): the first event of the sequence is generated from here. */
  from: number;
  /** The first hand-over: from here on only scripted incidents disturb the floor. */
  quietFrom: number;
  incidents: Incident[];
  /** Events of the sequence already sent (backfill and live runs). */
  posted: number;
  /** Simulated time those runs reached (epoch ms). */
  postedUntil: number;
}

export class RunStateError extends Error {}

/** The state in `path`, or null when there is none. Throws a RunStateError when it cannot be continued. */
export function readRunState(path: string): RunState | null {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
  const s = JSON.parse(text) as RunState;
  if (s.model !== SIMULATION_MODEL) {
    throw new RunStateError(`${path} was written by simulation model ${s.model}; this simulator is model ${SIMULATION_MODEL} and cannot continue it`);
  }
  for (const key of ['from', 'quietFrom', 'posted', 'postedUntil', 'agents', 'queues', 'utcOffsetMinutes', 'scale'] as const) {
    if (!Number.isFinite(s[key])) throw new RunStateError(`${path}: '${key}' is missing or not a number`);
  }
  return s;
}

/** Writes the state atomically (a reader never sees half a file). */
export function writeRunState(path: string, state: RunState): void {
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  renameSync(tmp, path);
}

/** The organisation a state describes. */
export function worldOf(state: RunState): World {
  return buildWorld({ seed: state.seed, agents: state.agents, queues: state.queues, utcOffsetMinutes: state.utcOffsetMinutes });
}

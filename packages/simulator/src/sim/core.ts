// The simulation's clock, its agenda of scheduled actions and the events emitted at the current time.
import type { PulseEvent } from '@pulse/contracts';
import type { Random } from '../random.ts';
import { ActionQueue } from './heap.ts';

/** An event without the `id` and `ts` that the core stamps on it. */
export type EventBody = PulseEvent extends infer E ? (E extends PulseEvent ? Omit<E, 'id' | 'ts'> : never) : never;

export class SimCore {
  now: number;
  private readonly agenda = new ActionQueue();
  private out: PulseEvent[] = [];
  private emitted = 0;
  private readonly counters = new Map<string, number>();

  constructor(
    readonly rng: Random,
    readonly idPrefix: string,
    start: number,
  ) {
    this.now = start;
  }

  /** Schedules `run` at time `t` (epoch ms, rounded; never before now). */
  at(t: number, run: () => void): void {
    this.agenda.push(Math.max(this.now, Math.round(t)), run);
  }

  after(ms: number, run: () => void): void {
    this.at(this.now + ms, run);
  }

  /** Emits an event stamped with the current time and the next event id. */
  emit(body: EventBody): void {
    const { type, ...fields } = body;
    this.out.push({ id: `${this.idPrefix}-${++this.emitted}`, type, ts: this.now, ...fields } as PulseEvent);
  }

  /** A new unique id of a kind, e.g. `s1-chat-12`. */
  newId(kind: string): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return `${this.idPrefix}-${kind}-${n}`;
  }

  /** Runs the next action if it is due before `to`; returns the events it emitted, or null when done. */
  step(to: number): PulseEvent[] | null {
    const t = this.agenda.peekTime();
    if (t === undefined || t >= to) return null;
    const action = this.agenda.pop();
    if (action === undefined) return null;
    this.now = action.t;
    action.run();
    const out = this.out;
    this.out = [];
    return out;
  }
}

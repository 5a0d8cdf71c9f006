// An item's derivation as a left fold over its events in event-time order, then a finish: the fold's
// state after the last event is enough to extend the derivation with later events (derive.ts), so an
// event later than all of an item's events is applied without replaying them.
import type { PulseEvent } from '@pulse/contracts';
import type { Contribution } from '../contribution.ts';
import type { MetricSettings } from '../settings.ts';
import type { Derived } from './item.ts';

/** A fold's state: plain JSON data (it is stored with the item), and the contributions the steps made so far. */
export interface FoldState {
  out: Contribution[];
}

export interface ItemFold<F extends FoldState, E extends PulseEvent = PulseEvent> {
  /** order of types at the same instant */
  rank: Record<string, number>;
  init(id: string): F;
  step(f: F, e: E, s: MetricSettings): void;
  /** the derivation from the state after the last event: contributions start with `f.out` (may change `f`) */
  finish(f: F, s: MetricSettings): Derived;
}

/** Where an event sorts among an item's events: ts, then the rank of its type, then its id. */
export type SortKey = [ts: number, rank: number, id: string];

export const sortKey = (rank: Record<string, number>, e: PulseEvent): SortKey => [e.ts, rank[e.type] ?? 99, e.id];

export const compareKeys = (a: SortKey, b: SortKey): number => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);

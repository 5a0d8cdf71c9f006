// One item's contributions from its events: derived from all of them, or extended from the stored state of
// its fold when every new event is later than all of its stored ones (items/fold.ts).
import type { EventOf, PulseEvent } from '@pulse/contracts';
import type { Contribution } from './contribution.ts';
import { deriveAgent } from './items/agent.ts';
import { chatFold, deriveChat, type ChatEvent } from './items/chat.ts';
import { deriveTicket, ticketFold, type TicketEvent } from './items/ticket.ts';
import { compareKeys, sortKey, type FoldState, type ItemFold, type SortKey } from './items/fold.ts';
import { byEventTime } from './items/order.ts';
import type { Derived, ItemRef } from './items/item.ts';
import type { MetricSettings } from './settings.ts';

export function deriveItem(ref: ItemRef, events: PulseEvent[], s: MetricSettings): Derived {
  switch (ref.kind) {
    case 'chat':
      return deriveChat(ref.id, events as ChatEvent[], s);
    case 'ticket':
      return deriveTicket(ref.id, events as TicketEvent[], s);
    case 'agent':
      return deriveAgent(ref.id, events as EventOf<'agent.status_changed'>[]);
  }
}

/** A derivation and the state to store with the item to extend it later (`_s`), or null (agents: their
 * events are compacted instead, items/agent.ts). */
export interface DerivedState {
  derived: Derived;
  state: string | null;
}

/** The stored state: how many of the item's contributions its fold's steps made (the first `n`), where its
 * last event sorts, and the rest of the fold's state. */
interface StoredState {
  n: number;
  last: SortKey;
  f: Omit<FoldState, 'out'>;
}

type AnyFold = ItemFold<FoldState, PulseEvent>;

function foldOf(ref: ItemRef): AnyFold | null {
  if (ref.kind === 'chat') return chatFold as unknown as AnyFold;
  if (ref.kind === 'ticket') return ticketFold as unknown as AnyFold;
  return null;
}

function steps(fold: AnyFold, f: FoldState, sorted: PulseEvent[], s: MetricSettings, last: SortKey | null): DerivedState {
  for (const e of sorted) fold.step(f, e, s);
  const end = sorted.length > 0 ? sortKey(fold.rank, sorted[sorted.length - 1]!) : last;
  const { out, ...rest } = f;
  const state = end === null ? null : JSON.stringify({ n: out.length, last: end, f: rest } satisfies StoredState);
  return { derived: fold.finish(f, s), state };
}

/** Derives an item from all of its events, with the state that extends it. */
export function deriveItemState(ref: ItemRef, events: PulseEvent[], s: MetricSettings): DerivedState {
  const fold = foldOf(ref);
  if (!fold) return { derived: deriveItem(ref, events, s), state: null };
  return steps(fold, fold.init(ref.id), [...events].sort(byEventTime(fold.rank)), s, null);
}

/**
 * Extends an item's derivation with new events from its stored state and contributions, without its
 * earlier events. Null when that cannot be done: an agent, or a new event that is not later than all of
 * the stored ones (a late event: derive the item again from all of its events).
 */
export function extendItem(ref: ItemRef, stored: string, contributions: Contribution[], fresh: PulseEvent[], s: MetricSettings): DerivedState | null {
  const fold = foldOf(ref);
  if (!fold || fresh.length === 0) return null;
  const sorted = [...fresh].sort(byEventTime(fold.rank));
  const st = JSON.parse(stored) as StoredState;
  if (compareKeys(st.last, sortKey(fold.rank, sorted[0]!)) >= 0) return null;
  if (contributions.length < st.n) throw new Error(`item ${ref.kind}:${ref.id}: its stored state counts more contributions than it has`);
  const f = { ...st.f, out: contributions.slice(0, st.n) } as FoldState;
  return steps(fold, f, sorted, s, st.last);
}

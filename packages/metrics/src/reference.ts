// The reference model: a pure function from a set of events and a "now" to the snapshot. Duplicated ids
// count once; the order of the list does not matter. The live state in Redis must always equal it.
import type { PulseEvent, Snapshot } from '@pulse/contracts';
import { deriveItem } from './derive.ts';
import { itemKey, itemOf, type ItemRef } from './items/item.ts';
import { MemoryState } from './memory.ts';
import type { MetricSettings } from './settings.ts';
import { buildSnapshot } from './snapshot.ts';
import { loadView } from './view.ts';

export function groupByItem(events: Iterable<PulseEvent>): Map<string, { ref: ItemRef; events: PulseEvent[] }> {
  const seen = new Set<string>();
  const items = new Map<string, { ref: ItemRef; events: PulseEvent[] }>();
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    const ref = itemOf(e);
    const key = itemKey(ref);
    let item = items.get(key);
    if (!item) items.set(key, (item = { ref, events: [] }));
    item.events.push(e);
  }
  return items;
}

export function referenceState(events: Iterable<PulseEvent>, s: MetricSettings): MemoryState {
  const state = new MemoryState();
  for (const { ref, events: evs } of groupByItem(events).values()) {
    for (const c of deriveItem(ref, evs, s).contributions) state.add(c);
  }
  return state;
}

export async function referenceSnapshot(events: Iterable<PulseEvent>, now: number, s: MetricSettings, extraQueues: string[] = []): Promise<Snapshot> {
  const view = await loadView(referenceState(events, s), now, s.timeZone, extraQueues);
  return buildSnapshot(view, s);
}

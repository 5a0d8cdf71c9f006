// Event-time order of an item's events: by ts, then by the natural order of types at the same instant,
// then by id, so that every arrival order replays the same way.
import type { PulseEvent } from '@pulse/contracts';

export function byEventTime(rank: Record<string, number>) {
  return (a: PulseEvent, b: PulseEvent): number => a.ts - b.ts || (rank[a.type] ?? 99) - (rank[b.type] ?? 99) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

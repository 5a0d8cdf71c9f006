// Bulk history: derives every item of a list of past events with the same metric code as the live state,
// turns each into the facts a live change would have produced, and inserts raw events and fact rows in
// large batches. Used to open the demo with months of history, and by the benchmarks. A backfill can then be
// extended with the events of the time it took to write (`extendBackfill`), so that history ends at the
// moment the live feed takes over rather than minutes before it.
import { insertOnce } from './insert.ts';
import type { ClickHouseClient } from '@clickhouse/client';
import type { PulseEvent } from '@pulse/contracts';
import { deriveItem, groupByItem, itemKey, itemName, itemOf, type ItemRef, type MetricSettings } from '@pulse/metrics';
import { historyFacts, type Facts } from '../live/facts.ts';
import { factRows, insertFactRows } from './facts-writer.ts';
import { toRow } from './writer.ts';

const BATCH = 100_000;

/** The events history holds, by item (what an extension derives its changes from). */
export type WrittenItems = Map<string, { ref: ItemRef; events: PulseEvent[] }>;

export interface BackfillResult {
  events: number;
  items: number;
  rows: number;
  /** the items written, with their events; `extendBackfill` adds to it */
  written: WrittenItems;
}

export interface BackfillProgress {
  phase: 'events' | 'facts';
  done: number;
  total: number;
}

export async function backfillHistory(
  client: ClickHouseClient,
  settings: MetricSettings,
  events: PulseEvent[],
  label: string,
  onProgress: (p: BackfillProgress) => void = () => {},
): Promise<BackfillResult> {
  for (let i = 0; i < events.length; i += BATCH) {
    const rows = events.slice(i, i + BATCH).map((e) => toRow(e, e.ts));
    await insertOnce(client, 'pulse.events', rows, `backfill:${label}:events:${i}`);
    onProgress({ phase: 'events', done: Math.min(i + BATCH, events.length), total: events.length });
  }
  const written = groupByItem(events);
  const items = [...written.values()].filter((it) => it.ref.kind !== 'agent');
  let pending: Facts[] = [];
  let rows = 0;
  let chunk = 0;
  const flush = async () => {
    const r = factRows(pending);
    rows += r.deltas.length + r.values.length + r.items.length;
    await insertFactRows(client, r, `backfill:${label}:facts:${chunk++}`);
    pending = [];
  };
  for (const [i, { ref, events: evs }] of items.entries()) {
    const d = deriveItem(ref, evs, settings);
    const f = historyFacts(itemName(ref), 1, [], d.contributions, d.summary ?? null);
    if (f) pending.push(f);
    if (pending.length >= 20_000) {
      await flush();
      onProgress({ phase: 'facts', done: i + 1, total: items.length });
    }
  }
  await flush();
  onProgress({ phase: 'facts', done: items.length, total: items.length });
  return { events: events.length, items: items.length, rows, written };
}

/**
 * Writes the events that followed a backfill (or an earlier extension), round `round` ≥ 1: the raw events, and
 * for every chat and ticket they touch the change from what history holds of it to all of its events, as a live
 * change would (facts version `round + 1`, above the backfill's 1 and below any live version). Events already
 * written are skipped. `written` gains the new events.
 */
export async function extendBackfill(
  client: ClickHouseClient,
  settings: MetricSettings,
  written: WrittenItems,
  added: PulseEvent[],
  label: string,
  round: number,
): Promise<{ events: number; items: number; rows: number }> {
  const fresh = new Map<string, PulseEvent[]>();
  const seen = new Set<string>();
  let events = 0;
  for (const e of added) {
    const ref = itemOf(e);
    const key = itemKey(ref);
    let item = written.get(key);
    if (seen.has(e.id) || item?.events.some((x) => x.id === e.id)) continue;
    seen.add(e.id);
    if (!item) written.set(key, (item = { ref, events: [] }));
    let list = fresh.get(key);
    if (!list) fresh.set(key, (list = []));
    list.push(e);
    events++;
  }
  const rows = [...fresh.values()].flat().map((e) => toRow(e, e.ts));
  await insertOnce(client, 'pulse.events', rows, `backfill:${label}:extend:${round}:events`);
  const facts: Facts[] = [];
  for (const [key, evs] of fresh) {
    const item = written.get(key)!;
    if (item.ref.kind !== 'agent') {
      const before = item.events.length > 0 ? deriveItem(item.ref, item.events, settings).contributions : [];
      const after = deriveItem(item.ref, [...item.events, ...evs], settings);
      const f = historyFacts(itemName(item.ref), round + 1, before, after.contributions, after.summary ?? null);
      if (f) facts.push(f);
    }
    item.events.push(...evs);
  }
  const r = factRows(facts);
  await insertFactRows(client, r, `backfill:${label}:extend:${round}:facts`);
  return { events, items: fresh.size, rows: rows.length + r.deltas.length + r.values.length + r.items.length };
}

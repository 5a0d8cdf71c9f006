// Bulk history: derives every item of a list of past events with the same metric code as the live state,
// turns each into the facts a live change would have produced, and inserts raw events and fact rows in
// large batches. Used to open the demo with months of history, and by the benchmarks.
import { insertOnce } from './insert.ts';
import type { ClickHouseClient } from '@clickhouse/client';
import type { PulseEvent } from '@pulse/contracts';
import { deriveItem, groupByItem, itemName, type MetricSettings } from '@pulse/metrics';
import { historyFacts, type Facts } from '../live/facts.ts';
import { factRows, insertFactRows } from './facts-writer.ts';
import { toRow } from './writer.ts';

const BATCH = 100_000;

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
): Promise<{ events: number; items: number; rows: number }> {
  for (let i = 0; i < events.length; i += BATCH) {
    const rows = events.slice(i, i + BATCH).map((e) => toRow(e, e.ts));
    await insertOnce(client, 'pulse.events', rows, `backfill:${label}:events:${i}`);
    onProgress({ phase: 'events', done: Math.min(i + BATCH, events.length), total: events.length });
  }
  const items = [...groupByItem(events).values()].filter((it) => it.ref.kind !== 'agent');
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
  return { events: events.length, items: items.length, rows };
}

// The history consumer of the facts stream: each batch of live changes becomes rows of metric_deltas,
// metric_values and items, each insert with a dedup token derived from the batch. Rows ClickHouse
// refuses go to the dead letters, with the facts entry they came from.
import { TurnBudget } from '../loop/turns.ts';
import { insertOnce } from './insert.ts';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Facts } from '../live/facts.ts';
import type { StreamEntry } from '../stream/consumer.ts';
import { dedupToken, type WriterOptions } from './writer.ts';

const MINUTE = 60_000;

export interface FactRows {
  deltas: Record<string, unknown>[];
  values: Record<string, unknown>[];
  items: Record<string, unknown>[];
}

/** The stream entry ids of each row of FactRows (parallel to them). */
export interface FactSources {
  deltas: string[][];
  values: string[][];
  items: string[][];
}

/** The rows of metric_deltas, metric_values and items that a list of facts makes. */
export function factRows(list: Iterable<Facts>, rows: FactRows = { deltas: [], values: [], items: [] }): FactRows {
  for (const f of list) {
    f.d.forEach(([minute, scope, counter, delta], idx) => {
      rows.deltas.push({ item: f.item, version: f.v, idx, minute: (minute * MINUTE) / 1000, scope, counter, delta });
    });
    f.s.forEach(([name, scope, member, value, sign, minute], idx) => {
      rows.values.push({ item: f.item, version: f.v, idx, minute: (minute * MINUTE) / 1000, scope, name, member, value, sign });
    });
    if (f.sum) {
      const s = f.sum;
      rows.items.push({
        ...s,
        version: f.v,
        queue: s.queue ?? '',
        channel: s.channel ?? '',
        agent_id: s.agent_id ?? '',
        priority: s.priority ?? '',
        tier: s.tier ?? '',
        csat: s.csat ?? '',
        reopened: s.reopened ? 1 : 0,
        abandoned: s.abandoned ? 1 : 0,
      });
    }
  }
  return rows;
}

/** Inserts fact rows, each table's insert deduplicated by `token`. */
export async function insertFactRows(client: ClickHouseClient, rows: FactRows, token: string, opts: WriterOptions = {}, sources?: FactSources): Promise<void> {
  const insert = (table: string, values: Record<string, unknown>[], from?: string[][]) =>
    insertOnce(client, table, values, `${table}:${token}`, { ...opts, sources: from });
  await insert('pulse.metric_deltas', rows.deltas, sources?.deltas);
  await insert('pulse.metric_values', rows.values, sources?.values);
  await insert('pulse.items', rows.items, sources?.items);
}

export class FactsWriter {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly opts: WriterOptions = {},
  ) {}

  handle = async (entries: StreamEntry[]): Promise<void> => {
    const rows: FactRows = { deltas: [], values: [], items: [] };
    const sources: FactSources = { deltas: [], values: [], items: [] };
    const turns = new TurnBudget();
    for (const e of entries) {
      await turns.spend();
      if (!e.fields.f) continue;
      // an entry holds the facts of one chunk of items (a JSON array; one object in entries of older versions)
      const facts = [JSON.parse(e.fields.f) as Facts | Facts[]].flat();
      const source = [e.id];
      const before = { deltas: rows.deltas.length, values: rows.values.length, items: rows.items.length };
      factRows(facts, rows);
      for (const k of ['deltas', 'values', 'items'] as const) {
        for (let i = before[k]; i < rows[k].length; i++) sources[k].push(source);
      }
    }
    await insertFactRows(this.client, rows, dedupToken(entries), this.opts, sources);
  };
}

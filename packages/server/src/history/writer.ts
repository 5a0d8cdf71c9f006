// The history consumer: writes each batch of stream entries to pulse.events in one insert (one per
// group of month partitions) whose dedup token is derived from the entry ids, so a batch retried after a
// failure is stored once. Rows ClickHouse refuses go to the dead letters, with their entry ids.
import { TurnBudget } from '../loop/turns.ts';
import { insertOnce, type InsertOptions } from './insert.ts';
import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { PulseEvent } from '@pulse/contracts';
import type { StreamEntry } from '../stream/consumer.ts';

export interface EventRow {
  id: string;
  type: string;
  ts: number;
  received_at: number;
  ticket_id: string;
  chat_id: string;
  agent_id: string;
  queue: string;
  channel: string;
  payload: string;
}

/** How history writers insert: the partition bound and where refused rows go. */
export type WriterOptions = Omit<InsertOptions, 'sources'>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

export function toRow(e: PulseEvent, receivedAt: number): EventRow {
  const f = e as Record<string, unknown>;
  return {
    id: e.id,
    type: e.type,
    ts: e.ts,
    received_at: receivedAt,
    ticket_id: str(f.ticket_id),
    chat_id: str(f.chat_id),
    agent_id: str(f.agent_id ?? f.to_agent_id),
    queue: str(f.queue ?? f.to_queue),
    channel: str(f.channel),
    payload: JSON.stringify(e),
  };
}

export function dedupToken(entries: StreamEntry[]): string {
  const h = createHash('sha256');
  for (const e of entries) h.update(e.id).update(',');
  return h.digest('hex');
}

export class HistoryWriter {
  rowsWritten = 0;

  constructor(
    private readonly client: ClickHouseClient,
    private readonly opts: WriterOptions = {},
  ) {}

  handle = async (entries: StreamEntry[]): Promise<void> => {
    const rows: EventRow[] = [];
    const sources: string[][] = [];
    const turns = new TurnBudget();
    for (const entry of entries) {
      await turns.spend();
      const source = [entry.id];
      for (const e of entry.events) {
        rows.push(toRow(e, entry.receivedAt));
        sources.push(source);
      }
    }
    const { written } = await insertOnce(this.client, 'pulse.events', rows, dedupToken(entries), { ...this.opts, sources });
    this.rowsWritten += written;
  };
}

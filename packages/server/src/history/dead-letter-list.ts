// The dead letters for admins (GET /v1/admin/dead-letters): newest first, in pages with a cursor.
import type { ClickHouseClient } from '@clickhouse/client';
import { sql } from './sql.ts';

export const MAX_DEAD_LETTERS = 500;
/** A page cursor: the time (epoch ms) and id of the last dead letter of the page before. */
export const CURSOR = /^(\d{1,15})-([0-9a-f]{16})$/;

export interface DeadLetterRow {
  id: string;
  at: string;
  table: string;
  error: string;
  entry_ids: string[];
  /** the refused row (its stored JSON text when that does not parse) */
  row: unknown;
}

export interface DeadLetterPage {
  dead_letters: DeadLetterRow[];
  /** the `before` of the next page, or null when this was the last */
  next: string | null;
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export async function listDeadLetters(client: ClickHouseClient, q: { limit: number; before?: string }): Promise<DeadLetterPage> {
  const cursor = q.before ? CURSOR.exec(q.before) : null;
  const rs = await client.query({
    query: sql('dead_letters'),
    query_params: { first: cursor ? 0 : 1, before_ms: cursor ? Number(cursor[1]) : 0, before_id: cursor?.[2] ?? '', limit: q.limit },
    format: 'JSONEachRow',
  });
  const rows = await rs.json<{ id: string; at_ms: string | number; table_name: string; entry_ids: string[]; error: string; row: string }>();
  const letters = rows.map((r) => ({
    id: r.id,
    at: new Date(Number(r.at_ms)).toISOString(),
    table: r.table_name,
    error: r.error,
    entry_ids: r.entry_ids,
    row: parsed(r.row),
  }));
  const last = rows.at(-1);
  return { dead_letters: letters, next: last && rows.length === q.limit ? `${Number(last.at_ms)}-${last.id}` : null };
}

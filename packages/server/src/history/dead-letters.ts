// Dead letters: history rows ClickHouse refused for what they hold. Each is kept in pulse.dead_letters
// with its table, the row as ASCII-only JSON (so that a row holding a lone surrogate can itself be
// stored, and parses back to the same row), the error, the stream entries it came from and the time;
// then logged and counted (pulse_history_dead_letters_total). Listed for admins (dead-letter-list.ts).
import { createHash } from 'node:crypto';
import type { ClickHouseClient } from '@clickhouse/client';
import type { Logger } from 'pino';
import { insertOnce } from './insert.ts';

export interface DeadLetter {
  row: object;
  error: string;
  entryIds: readonly string[];
}

/** JSON with every character beyond ASCII escaped (`\uXXXX`), lone surrogates included. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export class DeadLetters {
  /** dead letters written since start */
  written = 0;

  constructor(
    private readonly client: ClickHouseClient,
    private readonly log: Logger,
  ) {}

  /** Keeps the refused rows of one insert into `table` (deduplicated by that insert's `token`). */
  async write(table: string, letters: DeadLetter[], token: string): Promise<void> {
    if (letters.length === 0) return;
    const at = Date.now();
    const rows = letters.map((l, i) => ({
      at,
      id: createHash('sha256').update(`${table}\n${token}\n${i}`).digest('hex').slice(0, 16),
      table_name: table,
      entry_ids: [...l.entryIds],
      error: l.error,
      row: asciiJson(l.row),
    }));
    await insertOnce(this.client, 'pulse.dead_letters', rows, `dead-letters:${table}:${token}`);
    this.written += letters.length;
    for (const l of letters) {
      this.log.error({ table, entries: l.entryIds, err: l.error }, 'ClickHouse refused a history row; it is kept in pulse.dead_letters');
    }
  }
}

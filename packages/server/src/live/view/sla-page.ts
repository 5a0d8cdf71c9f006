// `GET /v1/live/sla`: the whole SLA lists, a page at a time, in the order of the snapshot's (the most urgent
// first). A cursor names the last item of a page: the next page starts after it, however the list changed.
import type { SlaItem } from '@pulse/contracts';
import type { SlaKind } from './sla-tracker.ts';

export interface SlaPage {
  kind: SlaKind;
  at: string;
  /** all the targets of this kind (of the queue, when asked for one) */
  total: number;
  items: SlaItem[];
  /** for the next page; null on the last one */
  next_cursor: string | null;
}

type Position = [due: number | null, ticket: string, target: string];

const encode = (i: SlaItem): string =>
  Buffer.from(JSON.stringify([i.due_at === null ? null : Date.parse(i.due_at), i.ticket_id, i.target] satisfies Position)).toString('base64url');

/** The position a cursor names, or null when it is not one of ours. */
export function decodeCursor(cursor: string): Position | null {
  try {
    const p = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (Array.isArray(p) && p.length === 3 && (p[0] === null || typeof p[0] === 'number') && typeof p[1] === 'string' && typeof p[2] === 'string') {
      return p as Position;
    }
  } catch {
    /* not JSON */
  }
  return null;
}

/** Whether `i` comes after `p` in the lists' order (due first, paused clocks last, then ticket and target). */
function after(i: SlaItem, [due, ticket, target]: Position): boolean {
  const d = i.due_at === null ? Infinity : Date.parse(i.due_at);
  const pd = due ?? Infinity;
  if (d !== pd) return d > pd;
  if (i.ticket_id !== ticket) return i.ticket_id > ticket;
  return i.target > target;
}

export function slaPage(items: SlaItem[], kind: SlaKind, at: string, from: Position | null, limit: number): SlaPage {
  const start = from === null ? 0 : items.findIndex((i) => after(i, from));
  const page = start < 0 ? [] : items.slice(start, start + limit);
  const more = start >= 0 && start + limit < items.length;
  const last = page.at(-1);
  return { kind, at, total: items.length, items: page, next_cursor: more && last !== undefined ? encode(last) : null };
}

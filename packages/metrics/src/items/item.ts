// Items: every event belongs to exactly one item (a chat, a ticket or an agent) whose state it changes.
import type { PulseEvent } from '@pulse/contracts';
import type { Contribution } from '../contribution.ts';

export interface Derived {
  contributions: Contribution[];
  /** when the item's own state may be forgotten (ms), or null while it is still live */
  expireAt: number | null;
  /** one row of the drill-down (history items): a chat's or ticket's timings and outcome */
  summary?: ItemSummary;
}

/** A chat or ticket as one row: what managers drill into behind a number. Times in epoch ms. */
export interface ItemSummary {
  kind: 'chat' | 'ticket';
  id: string;
  queue: string | null;
  channel: string | null;
  agent_id: string | null;
  status: string;
  priority: string | null;
  tier: string | null;
  /** chat requested / ticket created */
  started_at: number | null;
  /** chat first answered / ticket first replied */
  answered_at: number | null;
  /** chat ended or abandoned / ticket solved (final solve) */
  ended_at: number | null;
  wait_s: number | null;
  handle_s: number | null;
  frt_s: number | null;
  reassignments: number;
  reopened: boolean;
  abandoned: boolean;
  csat: 'good' | 'bad' | null;
  sla_met: number;
  sla_breached: number;
}

export type ItemKind = 'chat' | 'ticket' | 'agent';
export interface ItemRef {
  kind: ItemKind;
  id: string;
}

export function itemOf(e: PulseEvent): ItemRef {
  switch (e.type) {
    case 'agent.status_changed':
      return { kind: 'agent', id: e.agent_id };
    case 'csat.rated':
      return e.chat_id !== undefined ? { kind: 'chat', id: e.chat_id } : { kind: 'ticket', id: e.ticket_id! };
    case 'chat.requested':
    case 'chat.answered':
    case 'chat.transferred':
    case 'chat.ended':
    case 'chat.abandoned':
      return { kind: 'chat', id: e.chat_id };
    default:
      return { kind: 'ticket', id: e.ticket_id };
  }
}

export { itemKey } from '../model/item.ts';

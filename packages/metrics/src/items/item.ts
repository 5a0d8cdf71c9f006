// Items: every event belongs to exactly one item (a chat, a ticket or an agent) whose state it changes.
import type { PulseEvent } from '@pulse/contracts';
import type { Contribution } from '../contribution.ts';

export interface Derived {
  contributions: Contribution[];
  /** when the item's own state may be forgotten (ms), or null while it is still live */
  expireAt: number | null;
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

export const itemKey = (ref: ItemRef): string => `it:${ref.kind}:${ref.id}`;

// One item's contributions from all of its events.
import type { EventOf, PulseEvent } from '@pulse/contracts';
import { deriveAgent } from './items/agent.ts';
import { deriveChat } from './items/chat.ts';
import { deriveTicket } from './items/ticket.ts';
import type { Derived, ItemRef } from './items/item.ts';
import type { MetricSettings } from './settings.ts';

export function deriveItem(ref: ItemRef, events: PulseEvent[], s: MetricSettings): Derived {
  switch (ref.kind) {
    case 'chat':
      return deriveChat(ref.id, events as Parameters<typeof deriveChat>[1], s);
    case 'ticket':
      return deriveTicket(ref.id, events as Parameters<typeof deriveTicket>[1], s);
    case 'agent':
      return deriveAgent(ref.id, events as EventOf<'agent.status_changed'>[]);
  }
}

// Event contract of SPEC §1: one TypeBox schema per event type, shared by the server (validation),
// the simulator (generation) and the reference model (types).
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { LIMITS } from './limits.ts';

const Id = Type.String({ minLength: 1, maxLength: LIMITS.idLength });
const Name = Type.String({ minLength: 1, maxLength: LIMITS.nameLength });
const Ts = Type.Union([Type.String({ minLength: 10, maxLength: 64 }), Type.Number({ minimum: 0, maximum: 8.64e15 })]);

export const TICKET_CHANNELS = ['email', 'web', 'phone', 'chat', 'social', 'api'] as const;
export const CHAT_CHANNELS = ['chat', 'voice', 'messaging', 'social'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TICKET_STATUSES = ['new', 'open', 'pending', 'on_hold', 'solved', 'closed'] as const;
export const AGENT_STATUSES = ['online', 'away', 'offline'] as const;
export const TIERS = ['standard', 'vip'] as const;

/** A string enum: a union of literals that remembers its values for error messages. */
function lit<const T extends readonly string[]>(values: T) {
  return Type.Union(
    values.map((v) => Type.Literal(v)),
    { enumValues: values },
  ) as unknown as TSchema & {
    static: T[number];
  };
}

const Party = Type.Object({ id: Id, tier: lit(TIERS) }, { additionalProperties: false });

function event<T extends string, P extends Record<string, TSchema>>(type: T, props: P) {
  return Type.Object({ id: Id, type: Type.Literal(type), ts: Ts, ...props }, { additionalProperties: false, $id: type });
}

export const EventSchemas = {
  'ticket.created': event('ticket.created', {
    ticket_id: Id,
    queue: Name,
    channel: lit(TICKET_CHANNELS),
    priority: Type.Optional(lit(PRIORITIES)),
    agent_id: Type.Optional(Id),
    requester: Type.Optional(Party),
  }),
  'ticket.updated': event('ticket.updated', {
    ticket_id: Id,
    priority: Type.Optional(lit(PRIORITIES)),
    queue: Type.Optional(Name),
    requester: Type.Optional(Party),
  }),
  'ticket.assigned': event('ticket.assigned', {
    ticket_id: Id,
    agent_id: Type.Union([Id, Type.Null()]),
  }),
  'ticket.agent_replied': event('ticket.agent_replied', { ticket_id: Id, agent_id: Id }),
  'ticket.customer_replied': event('ticket.customer_replied', { ticket_id: Id }),
  'ticket.status_changed': event('ticket.status_changed', { ticket_id: Id, status: lit(TICKET_STATUSES) }),
  'chat.requested': event('chat.requested', {
    chat_id: Id,
    queue: Name,
    channel: Type.Optional(lit(CHAT_CHANNELS)),
    customer: Type.Optional(Party),
  }),
  'chat.answered': event('chat.answered', { chat_id: Id, agent_id: Id }),
  'chat.transferred': event('chat.transferred', {
    chat_id: Id,
    to_agent_id: Type.Optional(Id),
    to_queue: Type.Optional(Name),
  }),
  'chat.ended': event('chat.ended', { chat_id: Id }),
  'chat.abandoned': event('chat.abandoned', { chat_id: Id }),
  'csat.rated': event('csat.rated', {
    ticket_id: Type.Optional(Id),
    chat_id: Type.Optional(Id),
    score: Type.Optional(lit(['good', 'bad'] as const)),
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: 5 })),
    agent_id: Type.Optional(Id),
    comment: Type.Optional(Type.String({ maxLength: LIMITS.commentLength })),
  }),
  'agent.status_changed': event('agent.status_changed', {
    agent_id: Id,
    status: lit(AGENT_STATUSES),
    name: Type.Optional(Name),
    queues: Type.Optional(Type.Array(Name, { maxItems: LIMITS.agentQueues })),
    chat_capacity: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  }),
} as const;

export type EventType = keyof typeof EventSchemas;
export const EVENT_TYPES = Object.keys(EventSchemas) as EventType[];

/** An event as a producer sends it (ts as RFC 3339 or epoch ms). */
export type InputEvent = { [K in EventType]: Static<(typeof EventSchemas)[K]> }[EventType];

/** An accepted event: `ts` normalised to epoch milliseconds. Stored in the stream and in history. */
export type PulseEvent = { [K in EventType]: Omit<Static<(typeof EventSchemas)[K]>, 'ts'> & { ts: number } }[EventType];
export type EventOf<T extends EventType> = Extract<PulseEvent, { type: T }>;

export type TicketChannel = (typeof TICKET_CHANNELS)[number];
export type ChatChannel = (typeof CHAT_CHANNELS)[number];
export type Priority = (typeof PRIORITIES)[number];
export type TicketStatus = (typeof TICKET_STATUSES)[number];
export type AgentStatus = (typeof AGENT_STATUSES)[number];
export type Tier = (typeof TIERS)[number];

// Chatwoot: authentication (a secret path token, or the X-Chatwoot-Signature HMAC of recent versions)
// and the mapping of its webhook events to canonical events. A conversation is a chat, or a ticket for
// an e-mail inbox (configurable per inbox and per channel type, docs/sources.md).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { own, type ChatChannel, type Priority, type TicketChannel, type TicketStatus } from '@pulse/contracts';
import type { SourcesConfig } from '../config/schema.ts';
import { eventId, nothing, obj, str, toMs, unknownType, Unmappable, type Draft, type Mapped, type Obj } from './common.ts';
import type { Learned } from './learned.ts';

type Cfg = SourcesConfig['chatwoot'];
type Kind = 'chat' | 'ticket';

export const CHATWOOT_SIGNATURE = 'x-chatwoot-signature';
export const CHATWOOT_TIMESTAMP = 'x-chatwoot-timestamp';

export const CHATWOOT_DELIVERY = 'x-chatwoot-delivery';

/**
 * Checks `X-Chatwoot-Signature` = `sha256=` + hex HMAC-SHA256(secret, `<X-Chatwoot-Timestamp>.<raw body>`).
 * How old the timestamp (unix seconds) may be is the freshness check's (freshness.ts).
 */
export function verifyChatwoot(
  header: (name: string) => string | undefined,
  raw: Buffer,
  secret: string,
): { ok: true; signedAt: number; signature: string; timestamp: string } | { ok: false; error: string } {
  const signature = header(CHATWOOT_SIGNATURE);
  const timestamp = header(CHATWOOT_TIMESTAMP);
  if (!signature || !timestamp) {
    return { ok: false, error: 'the request is not signed: X-Chatwoot-Signature and X-Chatwoot-Timestamp are required' };
  }
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(`${timestamp}.`).update(raw).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, error: 'bad signature: X-Chatwoot-Signature does not match the timestamp and body signed with the configured secret' };
  }
  const signedAt = toMs(timestamp);
  if (signedAt === null) return { ok: false, error: 'X-Chatwoot-Timestamp is not a timestamp' };
  return { ok: true, signedAt, signature, timestamp };
}

/** Defaults per inbox channel type: whether conversations are chats or tickets, and their channel as each. */
const CHANNEL_TYPES: Record<string, { kind: Kind; chat: ChatChannel; ticket: TicketChannel }> = {
  'Channel::WebWidget': { kind: 'chat', chat: 'chat', ticket: 'chat' },
  'Channel::Api': { kind: 'chat', chat: 'chat', ticket: 'api' },
  'Channel::Email': { kind: 'ticket', chat: 'messaging', ticket: 'email' },
  'Channel::Whatsapp': { kind: 'chat', chat: 'messaging', ticket: 'social' },
  'Channel::Sms': { kind: 'chat', chat: 'messaging', ticket: 'social' },
  'Channel::TwilioSms': { kind: 'chat', chat: 'messaging', ticket: 'social' },
  'Channel::Telegram': { kind: 'chat', chat: 'messaging', ticket: 'social' },
  'Channel::Line': { kind: 'chat', chat: 'messaging', ticket: 'social' },
  'Channel::FacebookPage': { kind: 'chat', chat: 'social', ticket: 'social' },
  'Channel::Instagram': { kind: 'chat', chat: 'social', ticket: 'social' },
  'Channel::TwitterProfile': { kind: 'chat', chat: 'social', ticket: 'social' },
  'Channel::Tiktok': { kind: 'chat', chat: 'social', ticket: 'social' },
  'Channel::Voice': { kind: 'chat', chat: 'voice', ticket: 'phone' },
};
const OTHER_CHANNEL_TYPE = { kind: 'chat' as Kind, chat: 'chat' as ChatChannel, ticket: 'web' as TicketChannel };

/** What Pulse knows of a conversation from a payload (a conversation, or a message's `conversation`). */
interface Conversation {
  /** the conversation's id in Chatwoot (its display id) and Pulse's chat or ticket id */
  number: string;
  key: string;
  kind: Kind;
  channel: string;
  queue: string;
  inboxQueue: string;
  status: string | null;
  assignee: string | null;
  team: { id: string | null; name: string | null } | null;
  party: { id: string; tier: 'standard' | 'vip' } | undefined;
  priority: unknown;
  createdAt: number | null;
  updatedAt: number | null;
  /** when an agent first replied: null before, undefined when the payload does not say (older versions) */
  firstReplyAt: number | null | undefined;
  /** tells two updates of one conversation apart: its `updated_at` (or `timestamp`) as sent */
  version: string;
}

function conversationOf(c: Obj, ctx: ChatwootContext, at: string): Conversation {
  const { cfg } = ctx;
  const number = str(c.id);
  if (number === null) throw new Unmappable(`${at}id`, `the conversation id (${at}id) is missing`);
  const inbox = str(c.inbox_id);
  const type = str(c.channel) ?? '';
  const byType = own(CHANNEL_TYPES, type) ?? OTHER_CHANNEL_TYPE;
  const typeRule = own(cfg.channelTypes, type) ?? {};
  const inboxRule = (inbox !== null ? own(cfg.inboxes, inbox) : undefined) ?? {};
  const kind: Kind = inboxRule.kind ?? typeRule.kind ?? byType.kind;
  const channel = inboxRule.channel ?? typeRule.channel ?? (kind === 'chat' ? byType.chat : byType.ticket);
  const inboxQueue = inboxRule.queue ?? typeRule.queue ?? (inbox !== null ? `inbox-${inbox}` : cfg.defaultQueue);
  const meta = obj(c.meta) ?? {};
  const teamObj = obj(meta.team);
  const team = teamObj ? { id: str(teamObj.id), name: str(teamObj.name) } : null;
  const assignee = obj(meta.assignee);
  const byBot = str(meta.assignee_type) === 'AgentBot' || str(assignee?.type) === 'agent_bot';
  const contact = str(obj(meta.sender)?.id);
  const labels = Array.isArray(c.labels) ? c.labels.map(String) : [];
  const queue = team ? teamQueue(cfg, team.id, team.name) : inboxQueue;
  const assigneeId = assignee && !byBot ? str(assignee.id) : null;
  if (assigneeId !== null) {
    // the assignee is named in every conversation payload, and works in the conversation's queue
    ctx.learned.agent(agentOf(cfg, assigneeId), str(assignee!.available_name) ?? str(assignee!.name));
    ctx.learned.work(agentOf(cfg, assigneeId), queue);
  }
  return {
    number,
    key: `${cfg.idPrefix}${number}`,
    kind,
    channel,
    queue,
    inboxQueue,
    status: str(c.status),
    assignee: assigneeId,
    team,
    party: contact === null ? undefined : { id: `${cfg.idPrefix}contact-${contact}`, tier: labels.some((l) => cfg.vipLabels.includes(l)) ? 'vip' : 'standard' },
    priority: c.priority,
    createdAt: toMs(c.created_at) ?? toMs(c.timestamp),
    updatedAt: toMs(c.updated_at) ?? toMs(c.timestamp),
    firstReplyAt: c.first_reply_created_at === undefined ? undefined : toMs(c.first_reply_created_at),
    version: str(c.updated_at) ?? str(c.timestamp) ?? 'v0',
  };
}

function teamQueue(cfg: Cfg, id: string | null, name: string | null): string {
  return (id !== null ? own(cfg.teams, id) : undefined) ?? (name !== null ? own(cfg.teams, name) : undefined) ?? name ?? `team-${id}`;
}

/** Pulse agent id of a Chatwoot user: `agents` maps it, else `<idPrefix>agent-<user id>`. */
export const agentOf = (cfg: Cfg, id: string): string => own(cfg.agents, id) ?? `${cfg.idPrefix}agent-${id}`;

function priorityOf(v: unknown, field: string): Priority {
  const p = str(v)?.toLowerCase();
  if (p === undefined) return 'normal';
  if (p === 'medium') return 'normal';
  if (p === 'low' || p === 'normal' || p === 'high' || p === 'urgent') return p;
  throw new Unmappable(field, `${field}: priority '${p}' is not one of low, medium, high, urgent`);
}

const TICKET_STATUS: Record<string, TicketStatus> = { open: 'open', pending: 'pending', snoozed: 'on_hold', resolved: 'solved' };

export interface ChatwootContext {
  cfg: Cfg;
  now: number;
  /** what this delivery teaches: agent and inbox names, agents' queues */
  learned: Learned;
}

/** Maps one Chatwoot webhook body to canonical events. */
export function mapChatwoot(body: unknown, ctx: ChatwootContext): Mapped {
  const b = obj(body);
  if (!b) throw new Unmappable('body', 'the body must be a JSON object: a Chatwoot webhook event');
  const event = str(b.event);
  if (event === null) throw new Unmappable('event', 'event: the Chatwoot event name is missing');
  switch (event) {
    case 'conversation_created':
      return created(conversationOf(b, ctx, ''), ctx);
    case 'conversation_status_changed':
    case 'conversation_resolved':
    case 'conversation_opened': {
      const c = conversationOf(b, ctx, '');
      const status = event === 'conversation_resolved' ? 'resolved' : event === 'conversation_opened' ? 'open' : c.status;
      return statusChanged(c, status, event, ctx);
    }
    case 'conversation_updated':
      return updated(conversationOf(b, ctx, ''), b.changed_attributes, ctx);
    case 'message_created':
      return messageCreated(b, ctx);
    case 'message_updated':
      return messageUpdated(b, ctx);
  }
  return unknownType(`${event.slice(0, 64)}: not an event Pulse maps`);
}

function created(c: Conversation, ctx: ChatwootContext): Mapped {
  const { cfg } = ctx;
  const ts = c.createdAt ?? ctx.now;
  if (c.kind === 'ticket') {
    const events: Draft[] = [
      {
        id: eventId(c.key, 'created'),
        type: 'ticket.created',
        ts,
        ticket_id: c.key,
        queue: c.queue,
        channel: c.channel,
        priority: priorityOf(c.priority, 'priority'),
        ...(c.assignee !== null ? { agent_id: agentOf(cfg, c.assignee) } : {}),
        ...(c.party ? { requester: c.party } : {}),
      },
    ];
    const status = c.status ? own(TICKET_STATUS, c.status) : undefined;
    if (status && status !== 'open') events.push({ id: eventId(c.key, 'status', status), type: 'ticket.status_changed', ts, ticket_id: c.key, status });
    return { events, ignored: [] };
  }
  if (c.status !== null && c.status !== 'open') {
    return nothing(`conversation_created: a ${c.status} conversation is not waiting for an agent; it becomes a chat request when it opens`);
  }
  return { events: request(c, ts, cfg, `created`), ignored: [] };
}

/** A chat starts waiting; an agent already assigned answers it (when assignments answer). */
function request(c: Conversation, ts: number, cfg: Cfg, why: string): Draft[] {
  const events: Draft[] = [
    {
      id: eventId(c.key, 'requested'),
      type: 'chat.requested',
      ts,
      chat_id: c.key,
      queue: c.queue,
      channel: c.channel,
      ...(c.party ? { customer: c.party } : {}),
    },
  ];
  if (c.assignee !== null && cfg.answerOnAssignment) {
    events.push({ id: eventId(c.key, why, 'answered', c.assignee), type: 'chat.answered', ts, chat_id: c.key, agent_id: agentOf(cfg, c.assignee) });
  }
  return events;
}

function statusChanged(c: Conversation, status: string | null, event: string, ctx: ChatwootContext): Mapped {
  const ts = c.updatedAt ?? ctx.now;
  if (status === null) throw new Unmappable('status', `${event}: the conversation status (status) is missing`);
  if (c.kind === 'ticket') {
    const s = own(TICKET_STATUS, status);
    if (!s) throw new Unmappable('status', `${event}: status '${status.slice(0, 32)}' is not open, pending, snoozed or resolved`);
    return { events: [{ id: eventId(c.key, c.version, 'status', s), type: 'ticket.status_changed', ts, ticket_id: c.key, status: s }], ignored: [] };
  }
  switch (status) {
    case 'resolved':
      return { events: [{ id: eventId(c.key, 'ended'), type: 'chat.ended', ts, chat_id: c.key }], ignored: [] };
    case 'open':
      // a conversation a bot held (pending) is handed to the agents: it starts waiting now
      return { events: request(c, ts, ctx.cfg, c.version), ignored: [] };
    case 'pending':
    case 'snoozed':
      return nothing(`${event}: a ${status} chat keeps its state in Pulse`);
  }
  throw new Unmappable('status', `${event}: status '${status.slice(0, 32)}' is not open, pending, snoozed or resolved`);
}

/** `changed_attributes`: a list of `{ <attribute>: { previous_value, current_value } }` (or one object of them). */
function changesOf(v: unknown): Map<string, { previous: unknown; current: unknown }> {
  const out = new Map<string, { previous: unknown; current: unknown }>();
  const items = Array.isArray(v) ? v : obj(v) ? [v] : [];
  for (const item of items) {
    for (const [k, change] of Object.entries(obj(item) ?? {})) {
      const ch = obj(change);
      if (ch) out.set(k, { previous: ch.previous_value, current: ch.current_value });
    }
  }
  return out;
}

function updated(c: Conversation, changedAttributes: unknown, ctx: ChatwootContext): Mapped {
  const { cfg } = ctx;
  const ts = c.updatedAt ?? ctx.now;
  const changes = changesOf(changedAttributes);
  const id = (...what: string[]) => eventId(c.key, c.version, ...what);
  const events: Draft[] = [];
  const ignored: Mapped['ignored'] = [];
  const team = changes.get('team_id');
  const assignee = changes.get('assignee_id');
  const priority = changes.get('priority');
  const queueNow = () => {
    const current = str(team!.current);
    if (current === null) return c.inboxQueue;
    return teamQueue(cfg, current, c.team && c.team.id === current ? c.team.name : null);
  };

  if (c.kind === 'ticket') {
    if (team || priority) {
      events.push({
        id: id('updated'),
        type: 'ticket.updated',
        ts,
        ticket_id: c.key,
        ...(team ? { queue: queueNow() } : {}),
        ...(priority ? { priority: priorityOf(priority.current, 'changed_attributes.priority.current_value') } : {}),
      });
    }
    if (assignee) {
      const agent = str(assignee.current);
      events.push({ id: id('assigned'), type: 'ticket.assigned', ts, ticket_id: c.key, agent_id: agent === null ? null : agentOf(cfg, agent) });
    }
  } else {
    // the same instant: a move to another queue comes before an agent taking the chat (ids sort so)
    if (team) events.push({ id: id('t1', 'queue'), type: 'chat.transferred', ts, chat_id: c.key, to_queue: queueNow() });
    if (assignee) {
      const previous = str(assignee.previous);
      const current = str(assignee.current);
      if (current === null) ignored.push({ reason: 'nothing_to_map', note: 'conversation_updated: an unassigned chat keeps its state in Pulse' });
      else if (previous === null && !cfg.answerOnAssignment) {
        ignored.push({
          reason: 'nothing_to_map',
          note: "conversation_updated: an assignment does not answer a chat (answerOnAssignment is off); the agent's first reply does",
        });
      } else if (previous === null) {
        events.push({ id: id('t2', 'answered'), type: 'chat.answered', ts, chat_id: c.key, agent_id: agentOf(cfg, current) });
      } else if (previous !== current && !cfg.answerOnAssignment && c.firstReplyAt === null) {
        // a transfer to an agent answers a waiting chat: before the first reply, the customer still waits
        ignored.push({
          reason: 'nothing_to_map',
          note: 'conversation_updated: reassigned before the first reply; the chat keeps waiting until an agent replies',
        });
      } else if (previous !== current) {
        events.push({ id: id('t2', 'agent'), type: 'chat.transferred', ts, chat_id: c.key, to_agent_id: agentOf(cfg, current) });
      }
    }
  }
  if (events.length === 0 && ignored.length === 0) {
    const keys = [...changes.keys()].join(', ') || 'none';
    ignored.push({ reason: 'nothing_to_map', note: `conversation_updated: no change Pulse tracks (changed: ${keys.slice(0, 200)})` });
  }
  return { events, ignored };
}

const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'];

function messageParts(b: Obj, ctx: ChatwootContext) {
  const conv = obj(b.conversation);
  if (!conv) throw new Unmappable('conversation', `${String(b.event)}: the message's conversation (conversation) is missing`);
  const c = conversationOf(conv, ctx, 'conversation.');
  const message = str(b.id);
  if (message === null) throw new Unmappable('id', `${String(b.event)}: the message id (id) is missing`);
  const type = typeof b.message_type === 'number' ? MESSAGE_TYPES[b.message_type] : str(b.message_type);
  const sender = obj(b.sender);
  const senderType = str(sender?.type)?.toLowerCase() ?? null;
  const agent = type === 'outgoing' && sender && senderType !== 'contact' && senderType !== 'agent_bot' ? str(sender.id) : null;
  if (agent !== null) {
    ctx.learned.agent(agentOf(ctx.cfg, agent), str(sender!.available_name) ?? str(sender!.name));
    ctx.learned.work(agentOf(ctx.cfg, agent), c.queue);
  }
  // a message names its inbox: the display name of an inbox's default queue (`inbox-<id>`)
  const inbox = obj(b.inbox);
  if (inbox && c.inboxQueue === `inbox-${str(inbox.id)}`) ctx.learned.queue(c.inboxQueue, str(inbox.name));
  return { c, message, type, agent, fromContact: type === 'incoming' };
}

function messageCreated(b: Obj, ctx: ChatwootContext): Mapped {
  const { cfg } = ctx;
  const { c, message, type, agent, fromContact } = messageParts(b, ctx);
  if (b.private === true) return nothing('message_created: a private note is not a reply');
  const ts = toMs(b.created_at) ?? c.updatedAt ?? ctx.now;
  const id = (what: string) => eventId(c.key, `m${message}`, what);
  if (c.kind === 'ticket') {
    if (agent !== null)
      return { events: [{ id: id('agent-reply'), type: 'ticket.agent_replied', ts, ticket_id: c.key, agent_id: agentOf(cfg, agent) }], ignored: [] };
    if (fromContact) return { events: [{ id: id('customer-reply'), type: 'ticket.customer_replied', ts, ticket_id: c.key }], ignored: [] };
    return nothing(`message_created: a ${type ?? 'system'} message is not a reply`);
  }
  // the first agent reply answers a waiting chat; later ones change nothing (Pulse's model keeps the first)
  if (agent !== null) return { events: [{ id: id('answered'), type: 'chat.answered', ts, chat_id: c.key, agent_id: agentOf(cfg, agent) }], ignored: [] };
  return nothing(`message_created: a ${fromContact ? "customer's" : (type ?? 'system')} message does not change a chat's state`);
}

const CSAT_RATING = 'content_attributes.submitted_values.csat_survey_response.rating';

/** A CSAT survey answered: Chatwoot updates the survey message (content_type input_csat) with the response. */
function messageUpdated(b: Obj, ctx: ChatwootContext): Mapped {
  const { cfg } = ctx;
  const { c, message } = messageParts(b, ctx);
  if (str(b.content_type) !== 'input_csat') return nothing('message_updated: not a CSAT survey response');
  const response = obj(obj(obj(b.content_attributes)?.submitted_values)?.csat_survey_response);
  if (!response || response.rating === undefined || response.rating === null) return nothing('message_updated: the CSAT survey has no response yet');
  const rating = typeof response.rating === 'string' ? Number(response.rating) : response.rating;
  if (typeof rating !== 'number' || !Number.isInteger(rating) || rating < 1 || rating > 5) {
    throw new Unmappable(CSAT_RATING, `message_updated: ${CSAT_RATING} must be 1..5, not ${JSON.stringify(response.rating).slice(0, 32)}`);
  }
  const comment = str(response.feedback_message);
  const ts = c.updatedAt ?? toMs(b.updated_at) ?? ctx.now;
  return {
    events: [
      {
        id: eventId(c.key, `m${message}`, 'csat', String(rating)),
        type: 'csat.rated',
        ts,
        ...(c.kind === 'ticket' ? { ticket_id: c.key } : { chat_id: c.key }),
        rating,
        ...(c.assignee !== null ? { agent_id: agentOf(cfg, c.assignee) } : {}),
        ...(comment !== null ? { comment: comment.slice(0, 4096) } : {}),
      },
    ],
    ignored: [],
  };
}

// Zendesk: signature check (X-Zendesk-Webhook-Signature) and the mapping of its two kinds of webhook
// body to canonical events: the fixed payloads of ticket event subscriptions (`zen:event-type:ticket.*`)
// and the body Pulse recommends for triggers (`pulse_event` + placeholders, docs/sources.md).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { own, type Priority, type TicketChannel, type TicketStatus } from '@pulse/contracts';
import type { SourcesConfig } from '../config/schema.ts';
import { eventId, hasSeconds, nothing, obj, str, toMs, unknownType, Unmappable, type Draft, type Mapped, type Obj } from './common.ts';
import type { Learned } from './learned.ts';

type Cfg = SourcesConfig['zendesk'];

export const ZENDESK_SIGNATURE = 'x-zendesk-webhook-signature';
export const ZENDESK_TIMESTAMP = 'x-zendesk-webhook-signature-timestamp';
export const ZENDESK_INVOCATION = 'x-zendesk-webhook-invocation-id';

/** The configured signing secrets: one per Zendesk webhook (a list, or comma-separated). */
export function zendeskSecrets(cfg: Cfg): string[] {
  const raw = cfg.secret;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',') : [];
  return list.map((s) => s.trim()).filter(Boolean);
}

/**
 * Checks `X-Zendesk-Webhook-Signature` = base64(HMAC-SHA256(secret, timestamp + raw body)) against each
 * secret. How old the signature may be is the freshness check's (freshness.ts).
 * https://developer.zendesk.com/documentation/webhooks/verifying/
 */
export function verifyZendesk(
  header: (name: string) => string | undefined,
  raw: Buffer,
  secrets: string[],
): { ok: true; signedAt: number; signature: string; timestamp: string } | { ok: false; error: string } {
  const signature = header(ZENDESK_SIGNATURE);
  const timestamp = header(ZENDESK_TIMESTAMP);
  if (!signature || !timestamp) {
    return { ok: false, error: 'the request is not signed: X-Zendesk-Webhook-Signature and X-Zendesk-Webhook-Signature-Timestamp are required' };
  }
  const given = Buffer.from(signature, 'base64');
  const matches = secrets.some((secret) => {
    const expected = createHmac('sha256', secret).update(timestamp).update(raw).digest();
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) {
    return { ok: false, error: 'bad signature: X-Zendesk-Webhook-Signature does not match the timestamp and body signed with the configured secret' };
  }
  const signedAt = toMs(timestamp);
  if (signedAt === null) return { ok: false, error: 'X-Zendesk-Webhook-Signature-Timestamp is not a timestamp' };
  return { ok: true, signedAt, signature, timestamp };
}

export interface ZendeskContext {
  cfg: Cfg;
  /** when the delivery was signed (authenticated), epoch ms */
  signedAt: number;
  /** X-Zendesk-Webhook-Invocation-Id: the same for every attempt of one delivery */
  invocationId?: string;
  /** a short hash of the raw body, to tell trigger deliveries apart without an invocation id */
  bodyHash: string;
  /** Zendesk group id → name as learned from earlier payloads, for `groups` keyed by name */
  groupNames: Record<string, string>;
  /** what this delivery teaches: group and agent names, agents' queues */
  learned: Learned;
}

const EVENT_PREFIX = 'zen:event-type:';

/** Maps one Zendesk webhook body to canonical events. */
export function mapZendesk(body: unknown, ctx: ZendeskContext): Mapped {
  const b = obj(body);
  if (!b) throw new Unmappable('body', 'the body must be a JSON object: a Zendesk event or a Pulse trigger body (docs/sources.md)');
  if (typeof b.type === 'string' && b.type.startsWith(EVENT_PREFIX)) return mapEvent(b, ctx);
  if (typeof b.pulse_event === 'string') return mapTrigger(b, ctx);
  throw new Unmappable(
    'type',
    "type: the body is neither a Zendesk event (type 'zen:event-type:…') nor a Pulse trigger body (pulse_event); see docs/sources.md",
  );
}

// ---------------------------------------------------------------------------------------------------
// shared mapping rules

const VIA: [RegExp, TicketChannel][] = [
  [/^(web_service|api|any_channel|mobile_sdk|rule|closed_ticket|linked_problem|sample_ticket|side_conversation|integration)/, 'api'],
  [/(mail)/, 'email'],
  [/(voice|phone|call)/, 'phone'],
  [/(chat|messaging)/, 'chat'],
  [/(twitter|facebook|instagram|whatsapp|sms|line|wechat|telegram|viber|social|apple_business|google_rcs)/, 'social'],
  [/(web|help_center|widget|form|mobile|portal)/, 'web'],
];

/** `via.channel` or `{{ticket.via}}` → ticket channel: the mapping config first, then the defaults. */
export function channelOf(cfg: Cfg, via: unknown): TicketChannel {
  const raw = str(via);
  if (raw === null) return 'web';
  const norm = raw
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
  const mapped = own(cfg.channels, raw) ?? own(cfg.channels, norm);
  if (mapped) return mapped;
  for (const [re, channel] of VIA) if (re.test(norm)) return channel;
  return 'web';
}

function priorityOf(v: unknown, field: string): Priority {
  const p = str(v)?.toLowerCase();
  if (p === undefined || p === '-') return 'normal';
  if (p === 'low' || p === 'normal' || p === 'high' || p === 'urgent') return p;
  throw new Unmappable(field, `${field}: priority '${p}' is not one of low, normal, high, urgent`);
}

/** Zendesk status → Pulse status; null for a status Pulse has no place for (deleted, archived…). */
function statusOf(v: unknown, field: string): TicketStatus | null {
  const s = str(v)
    ?.toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (s === undefined) throw new Unmappable(field, `${field}: the ticket status is missing`);
  if (s === 'hold' || s === 'on_hold') return 'on_hold';
  if (s === 'new' || s === 'open' || s === 'pending' || s === 'solved' || s === 'closed') return s;
  if (s === 'deleted' || s === 'archived' || s === 'scrubbed' || s === 'spam') return null;
  throw new Unmappable(field, `${field}: status '${s}' is not a Zendesk ticket status Pulse knows (new, open, pending, hold, solved, closed)`);
}

/**
 * Queue of a ticket: its group, whichever payload names it. `groups` maps the group's id, else its name
 * (from the payload, else learned from an earlier one); an unmapped group is the queue named by its id,
 * whose display name is the group's name. With no group: its brand (mapped), else the default.
 */
function queueOf(ctx: ZendeskContext, group: { id?: unknown; name?: unknown }, brand: { id?: unknown; name?: unknown }): string {
  const { cfg } = ctx;
  const gid = str(group.id);
  const gname = str(group.name) ?? (gid !== null ? (own(ctx.groupNames, gid) ?? null) : null);
  if (gid !== null || gname !== null) {
    ctx.learned.group(gid, str(group.name));
    const queue = (gid !== null ? own(cfg.groups, gid) : undefined) ?? (gname !== null ? own(cfg.groups, gname) : undefined) ?? gid ?? gname!;
    if (queue === gid) ctx.learned.queue(gid, gname);
    return queue;
  }
  const bid = str(brand.id);
  const bname = str(brand.name);
  return (bid !== null ? own(cfg.brands, bid) : undefined) ?? (bname !== null ? own(cfg.brands, bname) : undefined) ?? cfg.defaultQueue;
}

const agentOf = (cfg: Cfg, id: string): string => own(cfg.agents, id) ?? `${cfg.idPrefix}agent-${id}`;
const userRef = (v: unknown): string | null => {
  const id = str(v);
  return id === null || id === '0' ? null : id;
};

function requesterOf(cfg: Cfg, requesterId: unknown, tags: unknown, organizationId: unknown) {
  const id = userRef(requesterId);
  if (id === null) return undefined;
  const tagList = Array.isArray(tags) ? tags.map(String) : typeof tags === 'string' ? tags.split(/\s+/) : [];
  const org = str(organizationId);
  const vip = tagList.some((t) => cfg.vipTags.includes(t)) || (org !== null && cfg.vipOrganizations.includes(org));
  return { id: `${cfg.idPrefix}user-${id}`, tier: vip ? ('vip' as const) : ('standard' as const) };
}

/** The status events a new ticket needs besides `ticket.created` (which starts it as `new`). */
function initialStatus(status: TicketStatus | null): TicketStatus | null {
  return status === 'pending' || status === 'on_hold' || status === 'solved' || status === 'closed' ? status : null;
}

// ---------------------------------------------------------------------------------------------------
// ticket event subscriptions: https://developer.zendesk.com/api-reference/webhooks/event-types/ticket-events/

const TICKET_EVENTS = new Set([
  'ticket.created',
  'ticket.status_changed',
  'ticket.priority_changed',
  'ticket.group_assignment_changed',
  'ticket.brand_changed',
  'ticket.agent_assignment_changed',
  'ticket.comment_added',
]);

function mapEvent(b: Obj, ctx: ZendeskContext): Mapped {
  const { cfg } = ctx;
  const type = b.type as string;
  const kind = type.slice(EVENT_PREFIX.length);
  if (!TICKET_EVENTS.has(kind)) return unknownType(`${type}: not an event Pulse maps`);
  const detail = obj(b.detail) ?? {};
  const event = obj(b.event) ?? {};
  const ticket = str(detail.id) ?? (typeof b.subject === 'string' ? (/^zen:ticket:(\d+)$/.exec(b.subject)?.[1] ?? null) : null);
  if (ticket === null) throw new Unmappable('detail.id', `${type}: the ticket id (detail.id) is missing`);
  const zid = str(b.id);
  if (zid === null) throw new Unmappable('id', `${type}: the Zendesk event id (id) is missing`);
  const ts = toMs(b.time) ?? toMs(detail.updated_at);
  if (ts === null) throw new Unmappable('time', `${type}: the event time (time) is missing or not a timestamp`);
  const ticket_id = `${cfg.idPrefix}${ticket}`;
  const id = (what: string) => eventId(`${cfg.idPrefix}${ticket}`, zid, what);
  const group = { id: detail.group_id };
  const brand = { id: detail.brand_id };
  // the ticket's assignee works in the ticket's queue
  const assignee = userRef(detail.assignee_id);
  if (assignee !== null) ctx.learned.work(agentOf(cfg, assignee), queueOf(ctx, group, brand));

  switch (kind) {
    case 'ticket.created': {
      const createdAt = toMs(detail.created_at) ?? ts;
      const agent = userRef(detail.assignee_id);
      const requester = requesterOf(cfg, detail.requester_id, detail.tags, detail.organization_id);
      const events: Draft[] = [
        {
          id: id('created'),
          type: 'ticket.created',
          ts: createdAt,
          ticket_id,
          queue: queueOf(ctx, group, brand),
          channel: channelOf(cfg, obj(detail.via)?.channel),
          priority: priorityOf(detail.priority, 'detail.priority'),
          ...(agent !== null ? { agent_id: agentOf(cfg, agent) } : {}),
          ...(requester ? { requester } : {}),
        },
      ];
      const status = str(detail.status) === null ? null : initialStatus(statusOf(detail.status, 'detail.status'));
      if (status) events.push({ id: id('status'), type: 'ticket.status_changed', ts: createdAt, ticket_id, status });
      return { events, ignored: [] };
    }
    case 'ticket.status_changed': {
      const status = statusOf(event.current, 'event.current');
      if (status === null) return nothing(`${type}: status ${String(event.current)} has no Pulse equivalent`);
      return one({ id: id('status'), type: 'ticket.status_changed', ts, ticket_id, status });
    }
    case 'ticket.priority_changed':
      return one({ id: id('updated'), type: 'ticket.updated', ts, ticket_id, priority: priorityOf(event.current, 'event.current') });
    case 'ticket.group_assignment_changed':
      return one({ id: id('updated'), type: 'ticket.updated', ts, ticket_id, queue: queueOf(ctx, { id: event.current }, brand) });
    case 'ticket.brand_changed':
      if (str(detail.group_id) !== null) return nothing(`${type}: the ticket's group, not its brand, sets its queue`);
      return one({ id: id('updated'), type: 'ticket.updated', ts, ticket_id, queue: queueOf(ctx, {}, { id: event.current }) });
    case 'ticket.agent_assignment_changed': {
      const agent = userRef(event.current);
      return one({ id: id('assigned'), type: 'ticket.assigned', ts, ticket_id, agent_id: agent === null ? null : agentOf(cfg, agent) });
    }
    case 'ticket.comment_added': {
      const comment = obj(event.comment);
      if (!comment) throw new Unmappable('event.comment', `${type}: the comment (event.comment) is missing`);
      const author = obj(comment.author) ?? {};
      const authorId = userRef(author.id);
      const staff = typeof author.is_staff === 'boolean' ? author.is_staff : authorId !== null && authorId !== userRef(detail.requester_id);
      // an agent's comment, public or not, names its author
      if (staff && authorId !== null) ctx.learned.agent(agentOf(cfg, authorId), str(author.name));
      if (comment.is_public === false) return nothing(`${type}: a private comment (internal note) is not a reply`);
      if (!staff) return one({ id: id('customer-reply'), type: 'ticket.customer_replied', ts, ticket_id });
      if (authorId === null) throw new Unmappable('event.comment.author.id', `${type}: the author of an agent's comment (event.comment.author.id) is missing`);
      ctx.learned.work(agentOf(cfg, authorId), queueOf(ctx, group, brand));
      return one({ id: id('agent-reply'), type: 'ticket.agent_replied', ts, ticket_id, agent_id: agentOf(cfg, authorId) });
    }
  }
  return unknownType(`${type}: not an event Pulse maps`);
}

const one = (e: Draft): Mapped => ({ events: [e], ignored: [] });

// ---------------------------------------------------------------------------------------------------
// trigger bodies (docs/sources.md): one webhook, one trigger per `pulse_event`, the same JSON body

const TRIGGER_EVENTS = new Set([
  'ticket.created',
  'ticket.updated',
  'ticket.assigned',
  'ticket.status_changed',
  'ticket.agent_replied',
  'ticket.customer_replied',
  'csat.rated',
]);

function mapTrigger(b: Obj, ctx: ZendeskContext): Mapped {
  const { cfg } = ctx;
  const kind = b.pulse_event as string;
  if (!TRIGGER_EVENTS.has(kind)) return unknownType(`pulse_event '${kind.slice(0, 64)}': not an event Pulse maps`);
  const t = obj(b.ticket);
  if (!t) throw new Unmappable('ticket', `trigger ${kind}: the ticket object (ticket) is missing`);
  const ticket = str(t.id);
  if (ticket === null) throw new Unmappable('ticket.id', `trigger ${kind}: the ticket id (ticket.id) is missing`);
  const ticket_id = `${cfg.idPrefix}${ticket}`;
  // every attempt of one delivery carries the same invocation id; without it, the body tells them apart
  const delivery = ctx.invocationId ? `i${ctx.invocationId}` : `b${ctx.bodyHash}`;
  const id = (what: string) => eventId(`${cfg.idPrefix}${ticket}`, delivery, what);
  const ts = when(kind === 'ticket.created' ? t.created_at : t.updated_at, ctx);
  const group = { id: t.group_id, name: t.group };
  const brand = { id: t.brand_id, name: t.brand };
  const requester = () => requesterOf(cfg, t.requester_id, t.tags, t.organization_id);
  const queue = queueOf(ctx, group, brand);
  // the assignee (`{{ticket.assignee.name}}` names them) works in the ticket's queue
  const assignee = userRef(t.assignee_id);
  if (assignee !== null) {
    ctx.learned.agent(agentOf(cfg, assignee), str(t.assignee));
    ctx.learned.work(agentOf(cfg, assignee), queue);
  }

  switch (kind) {
    case 'ticket.created': {
      const agent = userRef(t.assignee_id);
      const req = requester();
      const events: Draft[] = [
        {
          id: id('created'),
          type: 'ticket.created',
          ts,
          ticket_id,
          queue,
          channel: channelOf(cfg, t.via),
          priority: priorityOf(t.priority, 'ticket.priority'),
          ...(agent !== null ? { agent_id: agentOf(cfg, agent) } : {}),
          ...(req ? { requester: req } : {}),
        },
      ];
      const status = str(t.status) === null ? null : initialStatus(statusOf(t.status, 'ticket.status'));
      if (status) events.push({ id: id('status'), type: 'ticket.status_changed', ts, ticket_id, status });
      return { events, ignored: [] };
    }
    case 'ticket.updated': {
      const req = requester();
      return one({
        id: id('updated'),
        type: 'ticket.updated',
        ts,
        ticket_id,
        priority: priorityOf(t.priority, 'ticket.priority'),
        queue,
        ...(req ? { requester: req } : {}),
      });
    }
    case 'ticket.assigned': {
      const agent = userRef(t.assignee_id);
      return one({ id: id('assigned'), type: 'ticket.assigned', ts, ticket_id, agent_id: agent === null ? null : agentOf(cfg, agent) });
    }
    case 'ticket.status_changed': {
      const status = statusOf(t.status, 'ticket.status');
      if (status === null) return nothing(`trigger ${kind}: status ${String(t.status)} has no Pulse equivalent`);
      return one({ id: id('status'), type: 'ticket.status_changed', ts, ticket_id, status });
    }
    case 'ticket.agent_replied': {
      const user = obj(b.current_user);
      const agent = userRef(user?.id);
      if (agent === null) throw new Unmappable('current_user.id', `trigger ${kind}: the replying agent (current_user.id) is missing`);
      ctx.learned.agent(agentOf(cfg, agent), str(user?.name));
      ctx.learned.work(agentOf(cfg, agent), queue);
      return one({ id: id('agent-reply'), type: 'ticket.agent_replied', ts, ticket_id, agent_id: agentOf(cfg, agent) });
    }
    case 'ticket.customer_replied':
      return one({ id: id('customer-reply'), type: 'ticket.customer_replied', ts, ticket_id });
    case 'csat.rated': {
      const s = obj(b.satisfaction) ?? {};
      const rating = str(s.rating)?.toLowerCase();
      if (rating === undefined || rating === 'offered' || rating === 'unoffered') {
        return nothing(`trigger ${kind}: the satisfaction survey has no rating yet`);
      }
      const score = /^good/.test(rating) ? 'good' : /^bad/.test(rating) ? 'bad' : null;
      const numeric = /^[1-5]$/.test(rating) ? Number(rating) : null;
      if (score === null && numeric === null) {
        throw new Unmappable('satisfaction.rating', `trigger ${kind}: satisfaction.rating '${rating.slice(0, 64)}' is neither good, bad nor 1..5`);
      }
      const agent = userRef(t.assignee_id);
      const comment = str(s.comment);
      return one({
        id: id(`csat-${score ?? numeric}`),
        type: 'csat.rated',
        ts,
        ticket_id,
        ...(score !== null ? { score } : { rating: numeric }),
        ...(agent !== null ? { agent_id: agentOf(cfg, agent) } : {}),
        ...(comment !== null ? { comment: comment.slice(0, 4096) } : {}),
      });
    }
  }
  return unknownType(`pulse_event '${kind}': not an event Pulse maps`);
}

/**
 * The time of a trigger event: the ticket's timestamp from the body. Zendesk prints it to the minute;
 * when the (authenticated) signature time falls within that minute, it gives the seconds. Without a
 * timestamp in the body, the signature time stands for it.
 */
function when(v: unknown, ctx: ZendeskContext): number {
  const ts = toMs(v);
  if (ts === null) return ctx.signedAt;
  if (!hasSeconds(v) && ctx.signedAt >= ts && ctx.signedAt < ts + 60_000) return ctx.signedAt;
  return ts;
}

// Alerts of SPEC §4: one per rule and subject at a time, firing → acknowledged → resolved, with the noise
// control of §4: `for` durations, SLA roll-ups per queue and rule, superseding, snoozes and silences.
import type { AgentStatus, Priority } from './events.ts';
import type { SlaTarget } from './snapshot.ts';

export * from './alert-text.ts';

export const ALERT_RULES = ['sla_at_risk', 'sla_breach', 'queue_wait', 'service_level', 'csat_low', 'agent_stranded', 'ticket_pingpong', 'rebalance'] as const;
export type AlertRule = (typeof ALERT_RULES)[number];
export type AlertSeverity = 'warning' | 'critical';
/**
 * firing → acknowledged → resolved (by itself when its condition clears, or by a lead once it has cleared);
 * snoozed: put away by a lead until `snoozed_until`, when it fires again if its condition still holds;
 * superseded: an at-risk roll-up whose last items became breaches (they moved to the breach roll-up).
 */
export const ALERT_STATES = ['firing', 'acknowledged', 'snoozed', 'resolved', 'superseded'] as const;
export type AlertState = (typeof ALERT_STATES)[number];
/** States of an alert whose condition is still being followed (one per rule and subject). */
export const OPEN_STATES: readonly AlertState[] = ['firing', 'acknowledged', 'snoozed'];

export interface AlertScope {
  queue?: string;
  channel?: string;
  agent_id?: string;
  ticket_id?: string;
  chat_id?: string;
}

/** One ticket target of an SLA roll-up (`sla_at_risk` or `sla_breach` of one queue). */
export interface AlertItem {
  ticket_id: string;
  target: SlaTarget;
  due_at: string | null;
  /** when the target became at risk or breached, in the state's own time */
  since: string | null;
  priority?: Priority;
  agent_id?: string | null;
  /** the agent's name when live state has it */
  agent_name?: string | null;
  /** the ticket in the help desk (`alerts.links.ticket`) */
  url?: string;
  /** found from events older than `alerts.quietAfterMs` (replays, backfill): listed, never notified */
  quiet?: boolean;
  /** when it joined this alert */
  added_at: string;
}

/** One ticket, chat or agent of a suggestion, with whom to give it to (best first). */
export interface SuggestionItem {
  kind: 'ticket' | 'chat' | 'agent';
  id: string;
  /** the item's queue: only agents who serve it are suggested */
  queue?: string | null;
  /** online agents of the item's queue with spare capacity, least loaded first (reassign) */
  to_agent_ids?: string[];
  /** the ticket or chat in the help desk (`alerts.links`) */
  url?: string;
}

/** What a reassignment alert proposes: move these items from one agent to others, or move idle agents to a queue. */
export interface Suggestion {
  action: 'reassign' | 'move_agent';
  /** tickets or chats to move (reassign), each with its own candidates, or agents to move (move_agent) */
  items: SuggestionItem[];
  from_agent_id?: string;
  from_queue?: string;
  /** the first choice of each item, best first */
  to_agent_ids?: string[];
  to_queue?: string;
  /** display names of the agents it names, by id */
  names?: Record<string, string>;
  /** display names of the queues it names, by id (where the configuration gives them) */
  queue_names?: Record<string, string>;
  /** move_agent with staffing known: whom to move from where, and what Erlang C forecasts for every queue it touches */
  move?: StaffingMove;
}

/**
 * A move of whole agents to a queue below its service-level goal (rebalance, docs/alerts.md): chosen so that
 * the queue reaches its goal at the least cost to the queues the agents leave, none of them below its own goal.
 */
export interface StaffingMove {
  to_queue: string;
  to_queue_name: string;
  /** each agent with the queues it leaves (a moved agent works only `to_queue`) */
  agents: { id: string; name: string; from_queues: string[]; from_queue_names: string[] }[];
  /** forecast service level (%) before and after the move: `to_queue` first, then each queue it takes agents from
   * that has a forecast (a queue with fewer than 5 offered in 15 minutes has none) */
  forecast: { queue: string; queue_name: string; before_pct: number; after_pct: number; goal_pct: number }[];
}

/** The facts an alert's title and message are written from, in any language and time zone (alert-text.ts). */
export type AlertDetails =
  | { kind: 'sla'; queue: string | null; queue_name: string | null }
  | {
      kind: 'queue_wait';
      queue: string;
      queue_name: string;
      waiting: number;
      longest_wait_s: number;
      /** when the longest waiting contact started waiting */
      wait_since: string;
      threshold_s: number;
      agents_online: number;
    }
  | {
      kind: 'service_level';
      queue: string;
      queue_name: string;
      pct: number;
      goal_pct: number;
      offered: number;
      abandoned: number;
      /** the value it clears at once firing (the goal plus the hysteresis) */
      clears_at_pct?: number;
    }
  | {
      kind: 'csat_low';
      queue: string;
      queue_name: string;
      pct: number;
      threshold_pct: number;
      responses: number;
      /** the value it clears at once firing (the threshold plus the hysteresis) */
      clears_at_pct?: number;
    }
  | {
      kind: 'agent_stranded';
      agent_id: string;
      agent_name: string;
      status: AgentStatus;
      status_since: string | null;
      chats: number;
      tickets: number;
    }
  | {
      kind: 'ticket_pingpong';
      ticket_id: string;
      queue: string | null;
      queue_name: string | null;
      count: number;
      agent_id: string | null;
      agent_name: string | null;
      url?: string;
    }
  | {
      kind: 'rebalance';
      queue: string;
      queue_name: string;
      waiting: number;
      longest_wait_s: number;
      from_queue: string;
      from_queue_name: string;
      idle: { id: string; name: string }[];
      /** the move that brings the queue to its goal, when staffing finds one (the message then gives it) */
      move?: StaffingMove;
    };

export interface Alert {
  id: string;
  rule: AlertRule;
  severity: AlertSeverity;
  state: AlertState;
  scope: AlertScope;
  title: string;
  message: string;
  value: number | null;
  threshold: number | null;
  started_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  resolved_at: string | null;
  /** when an unacknowledged critical alert was escalated */
  escalated_at: string | null;
  suggestion?: Suggestion;
  /** SLA roll-ups: the ticket targets, most overdue (breach) or soonest due (at risk) first */
  items?: AlertItem[];
  details?: AlertDetails;
  /** when the condition began in the state's own time (a wait, a due moment, a status change), else when first found */
  since?: string | null;
  /** when it last fired (first, again after a snooze, or raised to critical): the escalation clock */
  fired_at?: string | null;
  ack_note?: string | null;
  snoozed_until?: string | null;
  snoozed_by?: string | null;
  superseded_at?: string | null;
  /** the alert that took over (the breach roll-up of the same queue) */
  superseded_by?: string | null;
  /** silences that match it now: its changes are not delivered */
  silenced_by?: string[];
  /** fired from events older than `alerts.quietAfterMs`: kept, never delivered */
  quiet?: boolean;
  /** its firing was delivered (so its resolution is too) */
  notified?: boolean;
  /** roll-ups: the count of fresh items last delivered (it is delivered again when it grows by the step) */
  notified_count?: number;
  /** its condition has been found clear since then; it resolves once that has lasted the rule's `for` */
  clearing_since?: string | null;
  /** how many times in a row it fired again within `alerts.flapMs` of its predecessor's resolution: a flapping
   * alert clears only after its condition has stayed clear for `alerts.flapMs` */
  flaps?: number;
}

/** A lead's silence: alerts matching every given field are kept but not delivered, until `ends_at`. */
export interface Silence {
  id: string;
  queue?: string;
  rule?: AlertRule;
  agent_id?: string;
  ends_at: string;
  reason: string;
  created_by: string;
  created_at: string;
}

/** Where alerts are delivered (no secrets): the lead's page warns when there is none. */
export interface AlertChannelInfo {
  name: string;
  type: 'webhook' | 'slack' | 'email';
  lang: string;
}

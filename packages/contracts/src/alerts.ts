// Alerts of SPEC §4: one per rule and subject at a time, firing → acknowledged → resolved.
export const ALERT_RULES = [
  'sla_at_risk',
  'sla_breach',
  'queue_wait',
  'service_level',
  'csat_low',
  'agent_stranded',
  'ticket_pingpong',
  'rebalance',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];
export type AlertSeverity = 'warning' | 'critical';
export type AlertState = 'firing' | 'acknowledged' | 'resolved';

export interface AlertScope {
  queue?: string;
  channel?: string;
  agent_id?: string;
  ticket_id?: string;
  chat_id?: string;
}

/** What a reassignment alert proposes: move these items from one agent to others, or move idle agents to a queue. */
export interface Suggestion {
  action: 'reassign' | 'move_agent';
  /** tickets or chats to move (reassign), or agents to move (move_agent) */
  items: { kind: 'ticket' | 'chat' | 'agent'; id: string }[];
  from_agent_id?: string;
  from_queue?: string;
  /** best first: online agents with spare capacity, least loaded first */
  to_agent_ids?: string[];
  to_queue?: string;
}

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
}

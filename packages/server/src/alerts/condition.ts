// A condition: what a rule finds true now about one subject, with the facts its texts are written from and
// when it began in the state's own time. The engine turns conditions into alerts.
import type { AgentView, AlertDetails, AlertItem, AlertRule, AlertScope, AlertSeverity, Snapshot, Suggestion } from '@pulse/contracts';
import type { SlaEntry } from './sla-entries.ts';

export interface Condition {
  rule: AlertRule;
  /** what the alert is about, unique within its rule: a queue, an agent, a ticket… */
  subject: string;
  severity: AlertSeverity;
  scope: AlertScope;
  value: number | null;
  threshold: number | null;
  /** when the condition began in the state's own time (epoch ms); null: from the first evaluation that found it */
  since: number | null;
  /** the newest fact behind it (epoch ms; default `since`): older than `quietAfterMs` when first found → never delivered */
  latest?: number | null;
  details: AlertDetails;
  /** SLA roll-ups: the ticket targets (added_at and quiet are the engine's) */
  items?: ConditionItem[];
  suggestion?: Suggestion;
}

/**
 * A ticket target of an SLA roll-up, with the newest fact behind it (epoch ms; default its `since`): a breach
 * whose moment is old is still news when a fresh change (a priority raised now) put its due moment in the past.
 */
export type ConditionItem = Omit<AlertItem, 'added_at' | 'quiet'> & { latest?: number };

export const alertKey = (rule: AlertRule, subject: string): string => `${rule}|${subject}`;

/** Thresholds of the queue rules, resolved for one queue. */
export interface QueueThresholds {
  queueWaitWarningS: number;
  queueWaitCriticalS: number;
  serviceLevelGoalPct: number;
  serviceLevelMinOffered: number;
  csatLowPct: number;
  csatMinResponses: number;
}

/** An open ticket or chat of an agent who is away or offline, with the queue it is in. */
export interface HeldItem {
  id: string;
  queue: string | null;
  /** when the ticket was created or the chat answered */
  at: number;
}

export interface RuleContext {
  snapshot: Snapshot;
  /** the moment the rules judge: when the SLA targets were read, at or after the snapshot's (`snapshot.at`,
   * the moment its durations are of) */
  now: number;
  thresholds(queue: string): QueueThresholds;
  /** fraction by which a firing value must come back past its threshold before the alert clears */
  hysteresis: number;
  /** the rule's `for` duration in ms */
  forMs(rule: AlertRule): number;
  /** the severity of the open alert of this rule and subject, or null */
  active(rule: AlertRule, subject: string): AlertSeverity | null;
  /** open work of agents who are away or offline (active chats; tickets with an unmet target whose clock runs), by agent id (own properties: read with `own`) */
  agentItems: Record<string, { chats: HeldItem[]; tickets: HeldItem[] }>;
  /** unsolved tickets that were reassigned, with how often, by ticket id */
  reassigned: Record<string, { count: number; queue: string | null; agent_id: string | null }>;
  pingpongReassignments: number;
  /** every open SLA target that is at risk or breached now, paused ones included (due_at null) */
  sla: SlaEntry[];
  /** display names */
  names: Names;
  /** help-desk links of tickets and chats */
  link(kind: 'ticket' | 'chat', id: string): string | undefined;
}

export interface Names {
  queue(id: string): string;
  agent(id: string): string;
  agents: AgentView[];
}

/** A rule's conditions now. An iterable: the engine may take a turn of the event loop between two (a big floor's roll-ups and reassignment plans take tens of ms). */
export type Rule = (ctx: RuleContext) => Iterable<Condition>;

/** value ≥ threshold to fire; once active, it holds until value < threshold × (1 − h). */
export function atOrAbove(value: number, threshold: number, active: boolean, h: number): boolean {
  return value >= (active ? threshold * (1 - h) : threshold);
}

/** value < threshold to fire; once active, it holds until value ≥ threshold × (1 + h). */
export function below(value: number, threshold: number, active: boolean, h: number): boolean {
  return value < (active ? threshold * (1 + h) : threshold);
}

export const iso = (ms: number): string => new Date(ms).toISOString();

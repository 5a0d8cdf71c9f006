// A condition: what a rule finds true now about one subject. The engine turns conditions into alerts.
import type { AlertRule, AlertScope, AlertSeverity, Snapshot, Suggestion } from '@pulse/contracts';

export interface Condition {
  rule: AlertRule;
  /** what the alert is about, unique within its rule: a queue, an agent, a ticket target… */
  subject: string;
  severity: AlertSeverity;
  scope: AlertScope;
  title: string;
  message: string;
  value: number | null;
  threshold: number | null;
  suggestion?: Suggestion;
}

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

export interface RuleContext {
  snapshot: Snapshot;
  now: number;
  thresholds(queue: string): QueueThresholds;
  /** fraction by which a firing value must come back past its threshold before the alert clears */
  hysteresis: number;
  /** the severity of the active (firing or acknowledged) alert of this rule and subject, or null */
  active(rule: AlertRule, subject: string): AlertSeverity | null;
  /** open work of agents who are away or offline, by agent id (own properties: read with `own`) */
  agentItems: Record<string, { chats: string[]; tickets: string[] }>;
  /** unsolved tickets that were reassigned, with how often, by ticket id */
  reassigned: Record<string, { count: number; queue: string | null; agent_id: string | null }>;
  pingpongReassignments: number;
}

export type Rule = (ctx: RuleContext) => Condition[];

/** value ≥ threshold to fire; once active, it holds until value < threshold × (1 − h). */
export function atOrAbove(value: number, threshold: number, active: boolean, h: number): boolean {
  return value >= (active ? threshold * (1 - h) : threshold);
}

/** value < threshold to fire; once active, it holds until value ≥ threshold × (1 + h). */
export function below(value: number, threshold: number, active: boolean, h: number): boolean {
  return value < (active ? threshold * (1 + h) : threshold);
}

export const fmtDuration = (s: number): string => {
  const t = Math.max(0, Math.round(s));
  const h = Math.floor(t / 3600);
  const m = Math.floor((t % 3600) / 60);
  const sec = String(t % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
};

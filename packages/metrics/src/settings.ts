// What the metric definitions depend on besides events: the time zone of "today", service-level
// thresholds and how long finished work stays in live state. Filled from the server's config.
import { own } from '@pulse/contracts';
import { DEFAULT_SLA_SETTINGS, type SlaSettings } from './sla/policy.ts';
import { DEFAULT_SERVICE_LEVEL_S } from './rules.ts';

export interface MetricSettings {
  timeZone: string;
  /** Service-level threshold T in seconds by chat channel, and per-queue overrides (SPEC §2). */
  serviceLevelS: { byChannel: Record<string, number>; byQueue: Record<string, number> };
  /** How long a finished item's state is kept after it ends (ms). */
  itemRetentionMs: number;
  sla: SlaSettings;
  /** Staffing (SPEC §2): the handle time used while a queue has none, and the service-level goal per queue. */
  staffing: StaffingSettings;
}

export interface StaffingSettings {
  /** seconds; the spec's default is 300 */
  defaultAhtS: number;
  /** % of contacts answered within T: the alerts' `service_level_goal_pct` (default, then per queue) */
  goalPct: { default: number; byQueue: Record<string, number> };
}

export const DEFAULT_METRIC_SETTINGS: MetricSettings = {
  timeZone: 'UTC',
  serviceLevelS: { byChannel: { chat: DEFAULT_SERVICE_LEVEL_S, voice: 20, messaging: 120, social: 120 }, byQueue: {} },
  itemRetentionMs: 24 * 3600_000,
  sla: DEFAULT_SLA_SETTINGS,
  staffing: { defaultAhtS: 300, goalPct: { default: 80, byQueue: {} } },
};

/** T for a wait in a queue on a channel, in seconds: the queue's override, else the channel's default, else the chat one. */
export function serviceLevelThresholdS(s: MetricSettings, queue: string | null, channel: string): number {
  const byQueue = queue != null ? own(s.serviceLevelS.byQueue, queue) : undefined;
  return byQueue ?? own(s.serviceLevelS.byChannel, channel) ?? own(s.serviceLevelS.byChannel, 'chat') ?? DEFAULT_SERVICE_LEVEL_S;
}

/** T in milliseconds (serviceLevelThresholdS). */
export const serviceLevelThresholdMs = (s: MetricSettings, queue: string | null, channel: string): number => 1000 * serviceLevelThresholdS(s, queue, channel);

/** The service-level goal of a queue in %: its own, else the default. */
export function serviceLevelGoalPct(s: MetricSettings, queue: string): number {
  return own(s.staffing.goalPct.byQueue, queue) ?? s.staffing.goalPct.default;
}

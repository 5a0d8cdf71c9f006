// The thresholds of the queue rules for one queue: the queue's own, else the defaults, else the spec's.
// queue_wait is 2 × T (warning) and 6 × T (critical), T being the queue's service-level threshold
// (its own, else the chat default of 30 s).
import type { MetricSettings } from '@pulse/metrics';
import type { AlertsConfig } from '../config/schema.ts';
import type { QueueThresholds } from './condition.ts';

export function queueThresholds(alerts: AlertsConfig, settings: MetricSettings, queue: string): QueueThresholds {
  const own = alerts.byQueue[queue] ?? {};
  const def = alerts.defaults ?? {};
  const t = settings.serviceLevelS.byQueue[queue] ?? settings.serviceLevelS.byChannel.chat ?? 30;
  return {
    queueWaitWarningS: own.queue_wait_warning_s ?? def.queue_wait_warning_s ?? 2 * t,
    queueWaitCriticalS: own.queue_wait_critical_s ?? def.queue_wait_critical_s ?? 6 * t,
    serviceLevelGoalPct: own.service_level_goal_pct ?? def.service_level_goal_pct ?? 80,
    serviceLevelMinOffered: own.service_level_min_offered ?? def.service_level_min_offered ?? 5,
    csatLowPct: own.csat_low_pct ?? def.csat_low_pct ?? 70,
    csatMinResponses: own.csat_min_responses ?? def.csat_min_responses ?? 5,
  };
}

// The thresholds of the queue rules for one queue: the queue's own, else the defaults, else the spec's.
// queue_wait is 2 × T (warning) and 6 × T (critical), T being the queue's service-level threshold
// (its own, else the chat default of 30 s).
import { own } from '@pulse/contracts';
import { DEFAULT_SERVICE_LEVEL_S, queueWaitThresholdsS, type MetricSettings } from '@pulse/metrics';
import type { AlertsConfig } from '../config/schema.ts';
import type { QueueThresholds } from './condition.ts';

export function queueThresholds(alerts: AlertsConfig, settings: MetricSettings, queue: string): QueueThresholds {
  // queue names are data: a queue named `constructor` has no thresholds of its own unless configured
  const q = own(alerts.byQueue, queue) ?? {};
  const def = alerts.defaults ?? {};
  const t = own(settings.serviceLevelS.byQueue, queue) ?? own(settings.serviceLevelS.byChannel, 'chat') ?? DEFAULT_SERVICE_LEVEL_S;
  const wait = queueWaitThresholdsS(t);
  return {
    queueWaitWarningS: q.queue_wait_warning_s ?? def.queue_wait_warning_s ?? wait.warning,
    queueWaitCriticalS: q.queue_wait_critical_s ?? def.queue_wait_critical_s ?? wait.critical,
    serviceLevelGoalPct: q.service_level_goal_pct ?? def.service_level_goal_pct ?? 80,
    serviceLevelMinOffered: q.service_level_min_offered ?? def.service_level_min_offered ?? 5,
    csatLowPct: q.csat_low_pct ?? def.csat_low_pct ?? 70,
    csatMinResponses: q.csat_min_responses ?? def.csat_min_responses ?? 5,
  };
}

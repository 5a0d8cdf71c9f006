// The metric settings the live state is derived with, from the configuration: the spec's defaults
// filled in where the configuration says nothing.
import { DEFAULT_METRIC_SETTINGS, DEFAULT_SLA_POLICY, PRIORITIES_ORDER, type MetricSettings, type SlaPolicy } from '@pulse/metrics';
import { recordOf } from '@pulse/contracts';
import type { Config, SlaPolicyConfig } from './schema.ts';

function policy(base: SlaPolicy, c: SlaPolicyConfig | undefined): SlaPolicy {
  if (!c) return base;
  const targets = { ...base.targets };
  for (const p of PRIORITIES_ORDER) targets[p] = { ...base.targets[p], ...c.targets?.[p] };
  let vipTargets = base.vipTargets;
  if (c.vipTargets) {
    vipTargets = {};
    for (const p of PRIORITIES_ORDER) {
      const half = { first_reply: targets[p].first_reply / 2, next_reply: targets[p].next_reply / 2, resolution: targets[p].resolution / 2 };
      vipTargets[p] = { ...(base.vipTargets?.[p] ?? half), ...c.vipTargets[p] };
    }
  }
  const calendar: SlaPolicy['calendar'] =
    c.calendar?.kind === 'business'
      ? { kind: 'business', hours: { ...c.calendar.hours, holidays: c.calendar.hours.holidays ?? [] } as never }
      : (c.calendar ?? base.calendar);
  return { targets, vipTargets, calendar };
}

export function metricSettings(config: Config): MetricSettings {
  const def = policy(DEFAULT_SLA_POLICY, config.sla.default);
  return {
    timeZone: config.timeZone,
    serviceLevelS: { byChannel: DEFAULT_METRIC_SETTINGS.serviceLevelS.byChannel, byQueue: config.live.serviceLevelSeconds },
    itemRetentionMs: config.live.itemRetentionHours * 3600_000,
    sla: {
      default: def,
      byQueue: Object.fromEntries(Object.entries(config.sla.byQueue).map(([q, c]) => [q, policy(def, c)])),
    },
    // staffing's goal is the service_level alert's: one setting, per queue
    staffing: {
      defaultAhtS: config.live.defaultAhtSeconds,
      goalPct: {
        default: config.alerts.defaults.service_level_goal_pct ?? DEFAULT_METRIC_SETTINGS.staffing.goalPct.default,
        byQueue: recordOf(
          Object.entries(config.alerts.byQueue).flatMap(([q, t]) => (t.service_level_goal_pct === undefined ? [] : [[q, t.service_level_goal_pct] as const])),
        ),
      },
    },
  };
}

// A queue's `staffing` in a snapshot: its window figures and online agents read from the live view, its T and
// goal from the settings.
import type { ScopeMetrics, Staffing } from '@pulse/contracts';
import { windowBuckets } from '../buckets.ts';
import { queueScope } from '../scopes.ts';
import { scopeCounters } from '../scope-counters.ts';
import { serviceLevelGoalPct, serviceLevelThresholdMs, type MetricSettings } from '../settings.ts';
import type { LiveView } from '../view.ts';
import { channelMix } from './channels.ts';
import { computeStaffing, staffingAht } from './staffing.ts';

/** The counters of one scope summed over the `15m` window (through the buckets' scope index: scope-counters.ts). */
function counters15m(view: LiveView, scope: string): Record<string, number> {
  return scopeCounters(view, windowBuckets(view.now, view.timeZone)['15m'], scope);
}

export function queueStaffing(view: LiveView, queue: string, m: ScopeMetrics, s: MetricSettings): Staffing {
  const mix = channelMix(counters15m(view, queueScope(queue)));
  const capacities = view.agents.filter((a) => a.status === 'online' && a.queues.includes(queue)).map((a) => a.capacity);
  return computeStaffing({
    offered15m: m.windows['15m'].offered,
    ahtS: staffingAht(m.windows['60m'].aht_s, m.windows.today.aht_s, s.staffing.defaultAhtS),
    voice: mix.voice,
    capacities,
    thresholdS: serviceLevelThresholdMs(s, queue, mix.main) / 1000,
    goalPct: serviceLevelGoalPct(s, queue),
  });
}

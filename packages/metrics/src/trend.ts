// Per-minute window metrics of the last 60 minutes, per scope: the board's sparklines. Each point is the
// window metrics computed over that one minute's outcomes, so trend and windows agree.
import type { Trend } from '@pulse/contracts';
import { minuteBucketKey, valuesKey } from './buckets.ts';
import { windowMetrics, type Counters } from './formulas.ts';
import { scopedField } from './scopes.ts';
import { minuteOf, MINUTE_MS, iso } from './time.ts';
import type { LiveView } from './view.ts';

export type { Trend };

export function buildTrend(view: LiveView, minutes = 60): Trend {
  const current = minuteOf(view.now);
  const keys = Array.from({ length: minutes }, (_, i) => current - (minutes - 1) + i);
  const series: Trend['series'] = {};
  for (const scope of view.scopes) {
    const prefix = scopedField(scope, '');
    series[scope] = keys.map((m) => {
      const key = minuteBucketKey(m);
      const counters: Counters = {};
      for (const [field, v] of Object.entries(view.buckets[key] ?? {})) {
        if (field.startsWith(prefix)) counters[field.slice(prefix.length)] = v;
      }
      return windowMetrics(counters, view.values[valuesKey(key, 'frt', scope)] ?? []);
    });
  }
  return { at: iso(view.now), minutes: keys.map((m) => iso(m * MINUTE_MS)), series };
}

// Outcome buckets: every outcome counts in the bucket of its minute and of its local day, per scope.
// Windows are read back as sums of minute buckets (15m, 60m) or the day bucket (today).
import type { Contribution } from './contribution.ts';
import { scopedField } from './model/scope.ts';
import { dayBucketKey, minuteBucketKey, valuesKey, type ValueSet } from './model/keys.ts';
import { MINUTE_MS, localDate, minuteOf } from './time.ts';
import type { MetricSettings } from './settings.ts';
import { startOfLocalDay } from './sla/calendar.ts';

/** Minute buckets live long enough for the 60m window; day buckets a day past their date. */
export const MINUTE_BUCKET_TTL_MS = 3 * 3600_000;
export const DAY_BUCKET_TTL_MS = 3 * 24 * 3600_000;

export { minuteBucketKey, dayBucketKey, valuesKey } from './model/keys.ts';

/** Counters of one outcome, added to the minute and day bucket of `ts` for each scope. */
export function outcome(s: MetricSettings, ts: number, scopes: string[], counters: Record<string, number>): Contribution[] {
  const minute = minuteOf(ts);
  const mKey = minuteBucketKey(minute);
  const dKey = dayBucketKey(localDate(ts, s.timeZone));
  const mExpire = (minute + 1) * MINUTE_MS + MINUTE_BUCKET_TTL_MS;
  const dExpire = ts + DAY_BUCKET_TTL_MS + 24 * 3600_000;
  const out: Contribution[] = [];
  for (const scope of scopes) {
    for (const [counter, d] of Object.entries(counters)) {
      if (d === 0) continue;
      const field = scopedField(scope, counter);
      out.push({ k: 'n', key: mKey, field, d, expireAt: mExpire });
      out.push({ k: 'n', key: dKey, field, d, expireAt: dExpire });
    }
  }
  return out;
}

/** A value (e.g. one first-reply time) kept per bucket for percentiles: sorted sets `<bucket>:<name>:<scope>`. */
export function outcomeValue(s: MetricSettings, ts: number, scopes: string[], name: ValueSet, member: string, value: number): Contribution[] {
  const minute = minuteOf(ts);
  const mExpire = (minute + 1) * MINUTE_MS + MINUTE_BUCKET_TTL_MS;
  const dExpire = ts + DAY_BUCKET_TTL_MS + 24 * 3600_000;
  const dKey = dayBucketKey(localDate(ts, s.timeZone));
  return scopes.flatMap((scope): Contribution[] => [
    { k: 'z', key: valuesKey(minuteBucketKey(minute), name, scope), m: member, s: value, expireAt: mExpire },
    { k: 'z', key: valuesKey(dKey, name, scope), m: member, s: value, expireAt: dExpire },
  ]);
}

/** The bucket keys that make each window at `now` (SPEC §2: aligned to whole minutes). */
export function windowBuckets(now: number, timeZone: string): { '15m': string[]; '60m': string[]; today: string[] } {
  const current = minuteOf(now);
  const range = (n: number) => Array.from({ length: n }, (_, i) => minuteBucketKey(current - i));
  return { '15m': range(15), '60m': range(60), today: [dayBucketKey(localDate(now, timeZone))] };
}

/** The first instant of each window at `now`: whole minutes for 15m and 60m, local midnight for today. */
export function windowStarts(now: number, timeZone: string): { '15m': number; '60m': number; today: number } {
  const current = minuteOf(now);
  return {
    '15m': (current - 14) * MINUTE_MS,
    '60m': (current - 59) * MINUTE_MS,
    today: startOfLocalDay(now, timeZone),
  };
}

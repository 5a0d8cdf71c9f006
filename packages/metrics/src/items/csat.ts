// CSAT of an item: only its latest rating counts (SPEC §2), at the time it was given.
import type { EventOf } from '@pulse/contracts';
import type { Contribution } from '../contribution.ts';
import { outcome } from '../buckets.ts';
import type { MetricSettings } from '../settings.ts';
import { byEventTime } from './order.ts';

export function isGood(e: EventOf<'csat.rated'>): boolean {
  return e.score !== undefined ? e.score === 'good' : (e.rating ?? 0) >= 4;
}

export function csatOutcome(s: MetricSettings, ratings: EventOf<'csat.rated'>[], scopes: string[]): Contribution[] {
  if (ratings.length === 0) return [];
  const latest = [...ratings].sort(byEventTime({})).at(-1)!;
  const good = isGood(latest);
  return outcome(s, latest.ts, scopes, { csat_good: good ? 1 : 0, csat_bad: good ? 0 : 1 });
}

/** The latest rating of an item, as good or bad, or null when it has none. */
export function latestCsat(ratings: EventOf<'csat.rated'>[]): 'good' | 'bad' | null {
  if (ratings.length === 0) return null;
  return isGood([...ratings].sort(byEventTime({})).at(-1)!) ? 'good' : 'bad';
}

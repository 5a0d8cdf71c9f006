// SLA roll-ups (SPEC §4): one alert per queue and rule listing its ticket targets. Items keep when they joined
// and whether they came from old events (quiet: listed, never delivered): an item is quiet when both its moment
// and the newest change behind it are older than `alerts.quietAfterMs` when it first joins. A roll-up is
// delivered when it first has a fresh item, again each time its fresh items grow by `alerts.rollupStep` since the
// last delivery, and when it clears; an at-risk roll-up whose last items became breaches is superseded, not
// resolved.
import type { Alert, AlertItem } from '@pulse/contracts';
import type { Condition } from './condition.ts';
import { isQuiet } from './timing.ts';

const itemKey = (i: { ticket_id: string; target: string }) => `${i.ticket_id}|${i.target}`;

export const isRollup = (a: Pick<Alert, 'rule'>): boolean => a.rule === 'sla_at_risk' || a.rule === 'sla_breach';

/** The condition's items, each keeping its `added_at` and `quiet` from the alert's previous items. */
export function mergeItems(prev: AlertItem[] | undefined, next: NonNullable<Condition['items']>, now: number, quietAfterMs: number): AlertItem[] {
  const before = new Map((prev ?? []).map((i) => [itemKey(i), i]));
  return next.map(({ latest, ...i }) => {
    const old = before.get(itemKey(i));
    const quiet = old ? old.quiet === true : isQuiet(latest ?? (i.since ? Date.parse(i.since) : null), now, quietAfterMs);
    return { ...i, added_at: old?.added_at ?? new Date(now).toISOString(), ...(quiet ? { quiet: true } : {}) };
  });
}

export const freshCount = (items: AlertItem[] | undefined): number => (items ?? []).filter((i) => !i.quiet).length;

/** Items of an at-risk roll-up that are now in its queue's breach roll-up (they moved there). */
export function movedToBreach(atRisk: AlertItem[] | undefined, breach: Condition | undefined): AlertItem[] {
  if (!breach?.items) return [];
  const breached = new Set(breach.items.map(itemKey));
  return (atRisk ?? []).filter((i) => breached.has(itemKey(i)));
}

// `for` durations and quiet conditions (SPEC §4, "Noise control"). A condition fires once it has held for its
// rule's `for`: measured from its start in the state's own time where it has one (a wait, a due moment, a
// status change), so one that already held long enough when its events arrive fires at once; else from the
// first evaluation that found it true. Its clearing must hold as long before the alert resolves — and, for an
// alert that fired again soon after its predecessor resolved (a flap), `alerts.flapMs`. A condition
// that began longer ago than `quietAfterMs` when first found comes from old events (replays, backfill): its
// alert is kept but never delivered.
import type { AlertRule } from '@pulse/contracts';
import type { AlertsConfig } from '../config/schema.ts';

export const DEFAULT_FOR_MS: Record<AlertRule, number> = {
  queue_wait: 60_000,
  agent_stranded: 120_000,
  // follows queue_wait: it is about the same long wait
  rebalance: 60_000,
  // the windows smooth
  service_level: 0,
  csat_low: 0,
  // a breach, an at-risk moment and a third reassignment are moments
  sla_at_risk: 0,
  sla_breach: 0,
  ticket_pingpong: 0,
};

export function forMsOf(config: Pick<AlertsConfig, 'forMs'>, rule: AlertRule): number {
  return config.forMs?.[rule] ?? DEFAULT_FOR_MS[rule];
}

/** Whether a condition has held long enough to fire: from its start, else from when it was first found. */
export function heldFor(since: number | null, firstSeen: number, forMs: number, now: number): boolean {
  return now - (since ?? firstSeen) >= forMs;
}

/** Whether a condition, found now, comes from events older than the quiet age. */
export function isQuiet(latest: number | null, now: number, quietAfterMs: number): boolean {
  return latest !== null && latest < now - quietAfterMs;
}

/** How long an open alert's clearing must hold: its rule's `for`, or `flapMs` for a flapping alert. */
export function clearingHoldMs(config: Pick<AlertsConfig, 'forMs' | 'flapMs'>, rule: AlertRule, flaps: number | undefined): number {
  const base = forMsOf(config, rule);
  return flaps && flaps > 0 ? Math.max(base, config.flapMs) : base;
}

// SLA policies (SPEC §2): per priority, three targets in minutes; calendar time or business hours.
// A queue may have its own policy; VIP requesters get tighter targets.
import { own, type Priority, type Tier } from '@pulse/contracts';
import type { Calendar } from './calendar.ts';

export const PRIORITIES_ORDER: Priority[] = ['urgent', 'high', 'normal', 'low'];

export const SLA_TARGETS = ['first_reply', 'next_reply', 'resolution'] as const;
export type SlaTargetName = (typeof SLA_TARGETS)[number];
export type TargetMinutes = Record<SlaTargetName, number>;

export interface SlaPolicy {
  targets: Record<Priority, TargetMinutes>;
  /** VIP requesters' targets are these minutes instead (default: half of the standard ones) */
  vipTargets?: Partial<Record<Priority, TargetMinutes>>;
  calendar: Calendar;
}

export interface SlaSettings {
  default: SlaPolicy;
  byQueue: Record<string, SlaPolicy>;
}

export const DEFAULT_SLA_POLICY: SlaPolicy = {
  targets: {
    urgent: { first_reply: 15, next_reply: 30, resolution: 240 },
    high: { first_reply: 60, next_reply: 120, resolution: 480 },
    normal: { first_reply: 240, next_reply: 480, resolution: 1440 },
    low: { first_reply: 480, next_reply: 1440, resolution: 4320 },
  },
  calendar: { kind: 'calendar' },
};

export const DEFAULT_SLA_SETTINGS: SlaSettings = { default: DEFAULT_SLA_POLICY, byQueue: {} };

export function policyFor(s: SlaSettings, queue: string | null): SlaPolicy {
  return (queue !== null ? own(s.byQueue, queue) : undefined) ?? s.default;
}

/** A target's length in milliseconds for a ticket of this priority and requester tier. */
export function targetMs(policy: SlaPolicy, priority: Priority, tier: Tier, target: SlaTargetName): number {
  const minutes = tier === 'vip' ? (policy.vipTargets?.[priority]?.[target] ?? policy.targets[priority][target] / 2) : policy.targets[priority][target];
  return minutes * 60_000;
}

// What simulated agents aim for: the SPEC's default SLA targets, the ones Pulse measures against (VIP
// requesters get half). Agents plan each reply at a share of the time the target gives, so most targets are
// met and a few are missed.
import type { Priority, Tier } from '@pulse/contracts';
import { DEFAULT_SLA_POLICY, targetMs as policyTargetMs } from '@pulse/metrics';
import type { Random } from '../random.ts';

export type AimedTarget = 'first_reply' | 'next_reply';

/** A target's length in ms for a ticket of this priority and requester tier, under the default SLA policy. */
export function targetMs(priority: Priority, tier: Tier, target: AimedTarget | 'resolution'): number {
  return policyTargetMs(DEFAULT_SLA_POLICY, priority, tier, target);
}

/**
 * The share of a target an agent takes to reply: log-normal around 30 %, so about 1 reply in 100 would miss the
 * target even with the agent at work all along (breaks and shift changes add a few more).
 */
export function replyShare(rng: Random): number {
  return Math.min(3, Math.max(0.03, rng.logNormal(0.3, 0.5)));
}

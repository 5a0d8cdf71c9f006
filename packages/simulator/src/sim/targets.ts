// What simulated agents aim for: the SPEC's default SLA targets in minutes (VIP requesters get half). Agents
// plan each reply at a share of the time the target gives, so most targets are met and a few are missed.
import type { Priority, Tier } from '@pulse/contracts';
import type { Random } from '../random.ts';
import { MINUTE } from './calendar.ts';

export type AimedTarget = 'first_reply' | 'next_reply';

const TARGET_MIN: Record<Priority, Record<AimedTarget | 'resolution', number>> = {
  urgent: { first_reply: 15, next_reply: 30, resolution: 240 },
  high: { first_reply: 60, next_reply: 120, resolution: 480 },
  normal: { first_reply: 240, next_reply: 480, resolution: 1440 },
  low: { first_reply: 480, next_reply: 1440, resolution: 4320 },
};

/** A target's length in ms for a ticket of this priority and requester tier. */
export function targetMs(priority: Priority, tier: Tier, target: AimedTarget | 'resolution'): number {
  return TARGET_MIN[priority][target] * MINUTE * (tier === 'vip' ? 0.5 : 1);
}

/**
 * The share of a target an agent takes to reply: log-normal around 30 %, so about 1 reply in 100 would miss the
 * target even with the agent at work all along (breaks and shift changes add a few more).
 */
export function replyShare(rng: Random): number {
  return Math.min(3, Math.max(0.03, rng.logNormal(0.3, 0.5)));
}

// Business rules of SPEC §2 that more than one part of Pulse applies: defined here once.

/** T, the service-level threshold of a chat in seconds when nothing else is configured. */
export const DEFAULT_SERVICE_LEVEL_S = 30;

/** Queue wait is a warning from 2 × T and critical from 6 × T (T: the queue's service-level threshold). */
export const QUEUE_WAIT_FACTORS = { warning: 2, critical: 6 } as const;

/** The queue-wait thresholds (seconds) of a queue whose service-level threshold is `tS` seconds. */
export function queueWaitThresholdsS(tS: number): { warning: number; critical: number } {
  return { warning: QUEUE_WAIT_FACTORS.warning * tS, critical: QUEUE_WAIT_FACTORS.critical * tS };
}

/** Utilization: chats handled by online agents over their chat capacity, in %; null without capacity. */
export function utilizationPct(activeChats: number, capacity: number): number | null {
  return capacity > 0 ? (100 * activeChats) / capacity : null;
}

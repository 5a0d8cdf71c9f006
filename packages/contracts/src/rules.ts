// Business rules of SPEC §2 that both the server and the wall-board's defaults apply: defined here once
// (contracts depend on nothing of ours; @pulse/metrics re-exports them beside its other rules).

/** T, the service-level threshold of a chat in seconds when nothing else is configured. */
export const DEFAULT_SERVICE_LEVEL_S = 30;

/** Queue wait is a warning from 2 × T and critical from 6 × T (T: the queue's service-level threshold). */
export const QUEUE_WAIT_FACTORS = { warning: 2, critical: 6 } as const;

/** The queue-wait thresholds (seconds) of a queue whose service-level threshold is `tS` seconds. */
export function queueWaitThresholdsS(tS: number): { warning: number; critical: number } {
  return { warning: QUEUE_WAIT_FACTORS.warning * tS, critical: QUEUE_WAIT_FACTORS.critical * tS };
}

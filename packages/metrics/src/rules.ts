// Business rules of SPEC §2 that more than one part of Pulse applies: defined here once.

export { DEFAULT_SERVICE_LEVEL_S, QUEUE_WAIT_FACTORS, queueWaitThresholdsS } from '@pulse/contracts/rules';

/** Utilization: chats handled by online agents over their chat capacity, in %; null without capacity. */
export function utilizationPct(activeChats: number, capacity: number): number | null {
  return capacity > 0 ? (100 * activeChats) / capacity : null;
}

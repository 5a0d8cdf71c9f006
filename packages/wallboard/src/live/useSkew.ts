// A steady estimate of the client-minus-server clock offset. Each snapshot gives a new estimate (arrival time
// minus its `at`), which jitters by the network delay; the estimate moves only when it is off by more than
// half a second, so rows that tick from server times (agents, SLA) keep stable props between snapshots.
import { useState } from 'react';
import { clockSkew } from '../board/metrics.ts';

const TOLERANCE_MS = 500;

export function useSkew(serverAt: string | undefined, receivedAt: number | undefined): number {
  const [skew, setSkew] = useState<number | null>(null);
  if (serverAt && receivedAt !== undefined) {
    const fresh = clockSkew(serverAt, receivedAt);
    if (skew === null || Math.abs(fresh - skew) > TOLERANCE_MS) {
      setSkew(fresh);
      return fresh;
    }
  }
  return skew ?? 0;
}

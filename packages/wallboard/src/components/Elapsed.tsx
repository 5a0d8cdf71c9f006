// Time since a server moment (an agent's status change), ticking each second, corrected for clock skew.
import { elapsedSince } from '../board/metrics.ts';
import { formatDuration } from '../format.ts';
import { useNow } from '../live/clock.ts';

export function Elapsed({ since, skewMs, testId }: { since: string | null; skewMs: number; testId: string }) {
  const now = useNow();
  const seconds = elapsedSince(since, skewMs, now);
  return (
    <span className="elapsed" data-testid={testId} data-value={seconds === null ? undefined : Math.floor(seconds)}>
      {formatDuration(seconds)}
    </span>
  );
}

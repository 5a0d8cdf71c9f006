// Longest wait, ticking each second on the client between snapshots, coloured by its threshold as it grows.
import { levelOf, type Threshold } from '../board/levels.ts';
import { tickingWait } from '../board/metrics.ts';
import { formatDuration } from '../format.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { useNow } from '../live/clock.ts';
import { Metric } from './Metric.tsx';

export interface LongestWaitProps {
  longestWaitS: number;
  waiting: number;
  receivedAt: number;
  threshold: Threshold | undefined;
  known: boolean;
  testId: string;
  className?: string;
}

export function LongestWait({ longestWaitS, waiting, receivedAt, threshold, known, testId, className }: LongestWaitProps) {
  const { t } = useI18n();
  const now = useNow();
  const seconds = tickingWait(longestWaitS, waiting, receivedAt, now);
  return (
    <Metric
      label={t.longestWait}
      text={formatDuration(seconds)}
      level={waiting > 0 ? levelOf(threshold, seconds) : levelOf(threshold, 0)}
      known={known}
      testId={testId}
      raw={Math.floor(seconds)}
      className={className}
    />
  );
}

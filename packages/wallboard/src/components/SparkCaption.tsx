// What a sparkline draws, in words above it: the series (with their colours), per minute over the last 60
// minutes, and its peak (or the goal line), so a chart without axes still says what its height means.
import { memo } from 'react';
import type { SparkPoint } from '../board/trend.ts';
import type { SparkMetric } from '../config/boards.ts';
import { formatCount, formatDuration, formatPct } from '../format.ts';
import { useI18n } from '../i18n/I18n.tsx';

function SparkCaptionView({ points, metric, goal }: { points: SparkPoint[]; metric: SparkMetric; goal?: number }) {
  const { t, locale } = useI18n();
  const words = t.wall.spark;
  let peak = 0;
  for (const p of points) peak = Math.max(peak, (p.v ?? 0) + (metric === 'offered' ? (p.w ?? 0) : 0));
  const scale =
    metric === 'offered'
      ? words.peak(`${formatCount(peak, locale)} ${words.perMinute}`)
      : metric === 'service_level'
        ? goal !== undefined
          ? words.goal(formatPct(goal, locale))
          : ''
        : words.peak(formatDuration(peak));
  return (
    <div className="spark-caption" data-testid="spark-caption">
      {metric === 'offered' ? (
        <>
          <span className="spark-key key-answered">{words.answered}</span>
          <span className="spark-key key-abandoned">{words.abandoned}</span>
        </>
      ) : (
        <span className="spark-key key-line">{t.trend[metric].split(' · ')[0]}</span>
      )}
      <span className="spark-scale">
        {words.last60}
        {scale && ` · ${scale}`}
      </span>
    </div>
  );
}

export const SparkCaption = memo(SparkCaptionView);

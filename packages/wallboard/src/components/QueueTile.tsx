// One queue (or channel): waiting and the ticking longest wait in large type, the 60-minute sparkline, and the
// window figures (service level, ASA, abandon rate, CSAT), each coloured by its threshold with a shape and,
// for the tile as a whole, the word of its worst level.
import { memo } from 'react';
import type { ScopeMetrics, WindowName } from '@pulse/contracts';
import type { TileDensity } from '../board/layout.ts';
import { levelOf, worstLevel, type Level, type Thresholds } from '../board/levels.ts';
import { tickingWait, type TileEntry } from '../board/metrics.ts';
import type { SparkPoint } from '../board/trend.ts';
import type { SparkMetric } from '../config/boards.ts';
import { formatCount, formatDuration, formatPct } from '../format.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { useClock } from '../live/clock.ts';
import { LevelMark, LevelWord } from './LevelMark.tsx';
import { LongestWait } from './LongestWait.tsx';
import { Metric } from './Metric.tsx';
// Loaded with the board, not lazily: a chunk fetched later can fail when the server goes away at that moment,
// and a TV must not depend on a download after it has started.
import Sparkline from './Sparkline.tsx';

export interface QueueTileProps {
  kind: TileEntry['kind'];
  name: string;
  metrics: ScopeMetrics;
  receivedAt: number;
  /** This queue's thresholds; null while the board config loads. */
  thresholds: Thresholds | null;
  window: WindowName;
  spark: SparkPoint[] | undefined;
  sparkMetric: SparkMetric;
  density: TileDensity;
}

/** CSAT needs more responses than 15 minutes give: it uses 60 minutes when the tile's window is 15 minutes. */
export const csatWindow = (w: WindowName): WindowName => (w === '15m' ? '60m' : w);

function QueueTileView({ kind, name, metrics, receivedAt, thresholds, window, spark, sparkMetric, density }: QueueTileProps) {
  const { t, locale } = useI18n();
  const th = thresholds ?? {};
  const known = thresholds !== null;
  const w = metrics.windows?.[window];
  const cw = csatWindow(window);
  const csat = metrics.windows?.[cw]?.csat_pct ?? null;
  const levels: Record<string, Level> = {
    waiting: levelOf(th.waiting, metrics.waiting),
    sl: levelOf(th.service_level_pct, w?.service_level_pct),
    asa: levelOf(th.asa_s, w?.asa_s),
    abandon: levelOf(th.abandon_rate_pct, w?.abandon_rate_pct),
    csat: levelOf(th.csat_pct, csat),
  };
  // The longest wait's level moves with the clock; the tile re-renders only when that level changes.
  const waitLevel = useClock(
    (now) => levelOf(th.longest_wait_s, tickingWait(metrics.longest_wait_s, metrics.waiting, receivedAt, now)),
    [th.longest_wait_s, metrics.longest_wait_s, metrics.waiting, receivedAt],
  );
  const worst = known ? worstLevel([...Object.values(levels), waitLevel]) : 'neutral';
  const windowLabel = density === 'full' ? t.window[window] : undefined;
  return (
    <section
      className={`tile tile-${kind} tile-${worst} is-${density}`}
      data-testid={kind === 'queue' ? 'queue-tile' : 'channel-tile'}
      {...(kind === 'queue' ? { 'data-queue': name } : { 'data-channel': name })}
      data-level={worst}
    >
      <div className="tile-inner">
      <header className="tile-head">
        <h2 className="tile-name" title={name}>
          {kind === 'channel' && <span className="tile-kind">{t.channel}</span>}
          {name}
        </h2>
        {density === 'mini' ? (
          <span className="tile-mark" data-testid="tile-level" data-level={worst}>
            <LevelMark level={worst} />
          </span>
        ) : (
          <LevelWord level={worst} testId="tile-level" />
        )}
      </header>

      <div className="tile-main">
        <Metric
          className="metric-hero metric-waiting"
          label={t.waiting}
          text={formatCount(metrics.waiting, locale)}
          level={levels.waiting!}
          known={known}
          testId="waiting"
          raw={metrics.waiting}
        />
        <LongestWait
          className="metric-hero metric-longest"
          longestWaitS={metrics.longest_wait_s}
          waiting={metrics.waiting}
          receivedAt={receivedAt}
          threshold={th.longest_wait_s}
          known={known}
          testId="longest-wait"
        />
      </div>

      {density === 'full' && (
        <div className="tile-spark" aria-hidden="true">
          <span className="tile-spark-label">{t.trend[sparkMetric]}</span>
          {spark && <Sparkline points={spark} metric={sparkMetric} goal={sparkMetric === 'service_level' ? th.service_level_pct?.amber : undefined} />}
        </div>
      )}

      <div className="tile-stats">
        <Metric label={t.serviceLevelShort} sub={windowLabel} title={t.serviceLevel} text={formatPct(w?.service_level_pct, locale)} level={levels.sl!} known={known} testId="service-level" raw={w?.service_level_pct} />
        <Metric label={t.asa} sub={windowLabel} title={t.asaLong} text={formatDuration(w?.asa_s)} level={levels.asa!} known={known} testId="asa" raw={w?.asa_s} />
        <Metric label={t.abandonRateShort} sub={windowLabel} title={t.abandonRate} text={formatPct(w?.abandon_rate_pct, locale)} level={levels.abandon!} known={known} testId="abandon-rate" raw={w?.abandon_rate_pct} />
        <Metric label={t.csat} sub={density === 'full' ? t.window[cw] : undefined} text={formatPct(csat, locale)} level={levels.csat!} known={known} testId="csat" raw={csat} />
      </div>
      </div>
    </section>
  );
}

export const QueueTile = memo(QueueTileView);

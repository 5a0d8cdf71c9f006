// One queue (or channel): chats waiting and the ticking longest wait in large type, the 60-minute sparkline with
// what it draws, the window figures (service level, ASA, abandon rate, CSAT: coloured only on a large enough
// sample) and the ticket backlog (unsolved, unassigned, oldest unassigned). The tile's level comes from the chats
// waiting first: only they make it critical. A ticket channel's tile shows its backlog instead of waits.
import { memo } from 'react';
import type { ScopeMetrics, WindowName } from '@pulse/contracts';
import { csatWindow, tileFigures, tileLevelNow } from '../board/figures.ts';
import type { TileDensity } from '../board/layout.ts';
import { levelOf, tileLevel, type MinSample, type Thresholds } from '../board/levels.ts';
import type { ChannelKind, TileEntry } from '../board/metrics.ts';
import type { SparkPoint } from '../board/trend.ts';
import type { SparkMetric } from '../config/boards.ts';
import { formatCount, formatDuration, formatPct } from '../format.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { useClock } from '../live/clock.ts';
import { LevelMark, LevelWord } from './LevelMark.tsx';
import { LongestWait } from './LongestWait.tsx';
import { Metric } from './Metric.tsx';
import { SparkCaption } from './SparkCaption.tsx';
import { StaffingLine } from './StaffingLine.tsx';
// Loaded with the board, not lazily: a chunk fetched later can fail when the server goes away at that moment,
// and a TV must not depend on a download after it has started.
import Sparkline from './Sparkline.tsx';

export { csatWindow } from '../board/figures.ts';

export interface QueueTileProps {
  kind: TileEntry['kind'];
  /** The queue's or channel's id. */
  name: string;
  /** What people call it. */
  title: string;
  channelKind?: ChannelKind;
  metrics: ScopeMetrics;
  receivedAt: number;
  /** This queue's thresholds; null while the board config loads. */
  thresholds: Thresholds | null;
  minSample: MinSample;
  window: WindowName;
  spark: SparkPoint[] | undefined;
  sparkMetric: SparkMetric;
  density: TileDensity;
}

function QueueTileView(props: QueueTileProps) {
  const { kind, name, title, channelKind, metrics, receivedAt, thresholds, density } = props;
  const { t } = useI18n();
  const th = thresholds ?? {};
  const known = thresholds !== null;
  const tickets = kind === 'channel' && channelKind === 'ticket';
  const figures = tileFigures(metrics, props.window, th, props.minSample);
  // The longest wait moves with the clock; the tile re-renders only when its level changes.
  const now = useClock(
    (clock) => (tickets ? tileLevel([figures.levels.unassigned, figures.levels.oldest], []) : tileLevelNow(figures, metrics, th, receivedAt, clock)),
    [tickets, figures.levels, metrics, th, receivedAt],
  );
  const worst = known ? now : 'neutral';
  return (
    <section
      className={`tile tile-${kind} tile-${worst} is-${density}${tickets ? ' tile-tickets' : ''}`}
      data-testid={kind === 'queue' ? 'queue-tile' : 'channel-tile'}
      {...(kind === 'queue' ? { 'data-queue': name } : { 'data-channel': name, 'data-kind': channelKind })}
      data-level={worst}
    >
      <div className="tile-inner">
        <header className="tile-head">
          <h2 className="tile-name" title={title}>
            {kind === 'channel' && <span className="tile-kind">{tickets ? t.wall.ticketChannel : t.wall.chatChannel}</span>}
            {title}
          </h2>
          {kind === 'queue' && density !== 'full' && (
            <StaffingLine staffing={metrics.staffing} measuredPct={metrics.windows?.['15m']?.service_level_pct} variant="chip" />
          )}
          {density === 'mini' ? (
            <span className="tile-mark" data-testid="tile-level" data-level={worst}>
              <LevelMark level={worst} />
            </span>
          ) : (
            <LevelWord level={worst} testId="tile-level" />
          )}
        </header>
        {tickets ? <TicketChannelBody {...props} known={known} /> : <ChatBody {...props} figures={figures} known={known} />}
      </div>
    </section>
  );
}

type BodyProps = QueueTileProps & { known: boolean };

function ChatBody({
  kind,
  metrics,
  receivedAt,
  thresholds,
  window,
  spark,
  sparkMetric,
  density,
  known,
  figures,
}: BodyProps & { figures: ReturnType<typeof tileFigures> }) {
  const { t, locale } = useI18n();
  const th = thresholds ?? {};
  const w = metrics.windows?.[window];
  const cw = csatWindow(window);
  const csat = metrics.windows?.[cw]?.csat_pct ?? null;
  const { levels, short } = figures;
  const windowLabel = density === 'full' ? t.window[window] : undefined;
  const sample = (key: keyof typeof short) => {
    const n = short[key];
    if (n === undefined) return null;
    const text = formatCount(n, locale);
    return { n, text: t.wall.sample(text), title: t.wall.sampleTitle(text) };
  };
  return (
    <>
      <div className="tile-main">
        <Metric
          className="metric-hero metric-waiting"
          label={t.waiting}
          text={formatCount(metrics.waiting, locale)}
          level={levels.waiting}
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
        <div className="tile-spark">
          {spark && <SparkCaption points={spark} metric={sparkMetric} goal={sparkMetric === 'service_level' ? th.service_level_pct?.amber : undefined} />}
          <div className="tile-spark-chart" aria-hidden="true">
            {spark && <Sparkline points={spark} metric={sparkMetric} goal={sparkMetric === 'service_level' ? th.service_level_pct?.amber : undefined} />}
          </div>
        </div>
      )}
      {kind === 'queue' && density === 'full' && (
        <StaffingLine staffing={metrics.staffing} measuredPct={metrics.windows?.['15m']?.service_level_pct} variant="line" />
      )}

      <div className="tile-stats">
        <Metric
          label={t.serviceLevelShort}
          sub={windowLabel}
          title={t.serviceLevel}
          text={formatPct(w?.service_level_pct, locale)}
          level={levels.sl}
          known={known}
          testId="service-level"
          raw={w?.service_level_pct}
          sample={sample('sl')}
        />
        <Metric
          label={t.asa}
          sub={windowLabel}
          title={t.asaLong}
          text={formatDuration(w?.asa_s)}
          level={levels.asa}
          known={known}
          testId="asa"
          raw={w?.asa_s}
          sample={sample('asa')}
        />
        <Metric
          label={t.abandonRateShort}
          sub={windowLabel}
          title={t.abandonRate}
          text={formatPct(w?.abandon_rate_pct, locale)}
          level={levels.abandon}
          known={known}
          testId="abandon-rate"
          raw={w?.abandon_rate_pct}
          sample={sample('abandon')}
        />
        <Metric
          label={t.csat}
          sub={density === 'full' ? t.window[cw] : undefined}
          text={formatPct(csat, locale)}
          level={levels.csat}
          known={known}
          testId="csat"
          raw={csat}
          sample={sample('csat')}
        />
      </div>

      {kind === 'queue' && density !== 'mini' && <TicketRow metrics={metrics} levels={levels} known={known} />}
    </>
  );
}

function TicketRow({ metrics, levels, known }: { metrics: ScopeMetrics; levels: ReturnType<typeof tileFigures>['levels']; known: boolean }) {
  const { t, locale } = useI18n();
  const oldest = metrics.unassigned_tickets > 0 ? metrics.oldest_unassigned_s : null;
  return (
    <div className="tile-tickets-row" data-testid="tile-tickets">
      <span className="tile-tickets-label">{t.wall.tickets}</span>
      <Metric
        className="ticket-figure"
        label={t.wall.unsolved}
        text={formatCount(metrics.unsolved_tickets, locale)}
        level={levels.unsolved}
        known={known}
        testId="unsolved"
        raw={metrics.unsolved_tickets}
      />
      <Metric
        className="ticket-figure"
        label={t.wall.unassigned}
        text={formatCount(metrics.unassigned_tickets, locale)}
        level={levels.unassigned}
        known={known}
        testId="unassigned"
        raw={metrics.unassigned_tickets}
      />
      <Metric
        className="ticket-figure"
        label={
          <>
            <span className="label-long">{t.wall.oldestUnassigned}</span>
            <span className="label-short">{t.wall.oldest}</span>
          </>
        }
        title={t.wall.oldestUnassigned}
        text={formatDuration(oldest)}
        level={levels.oldest}
        known={known}
        testId="oldest-unassigned"
        raw={oldest}
      />
    </div>
  );
}

/** A ticket channel (email, web form, API): its backlog now, and what came in and went out in the window. */
function TicketChannelBody({ metrics, thresholds, window, density, known }: BodyProps) {
  const { t, locale } = useI18n();
  const th = thresholds ?? {};
  const w = metrics.windows?.[window];
  const oldest = metrics.unassigned_tickets > 0 ? metrics.oldest_unassigned_s : null;
  const windowLabel = density === 'full' ? t.window[window] : undefined;
  return (
    <>
      <div className="tile-main">
        <Metric
          className="metric-hero metric-waiting"
          label={t.wall.unsolved}
          text={formatCount(metrics.unsolved_tickets, locale)}
          level={levelOf(th.unsolved_tickets, metrics.unsolved_tickets)}
          known={known}
          testId="unsolved"
          raw={metrics.unsolved_tickets}
        />
        <Metric
          className="metric-hero metric-longest"
          label={t.wall.unassigned}
          text={formatCount(metrics.unassigned_tickets, locale)}
          level={levelOf(th.unassigned_tickets, metrics.unassigned_tickets)}
          known={known}
          testId="unassigned"
          raw={metrics.unassigned_tickets}
        />
      </div>
      <div className="tile-stats">
        <Metric
          label={t.wall.oldestUnassigned}
          text={formatDuration(oldest)}
          level={levelOf(th.oldest_unassigned_s, oldest ?? 0)}
          known={known}
          testId="oldest-unassigned"
          raw={oldest}
        />
        <Metric label={t.wall.created} sub={windowLabel} text={formatCount(w?.created, locale)} level="neutral" testId="created" raw={w?.created} />
        <Metric label={t.wall.solved} sub={windowLabel} text={formatCount(w?.solved, locale)} level="neutral" testId="solved" raw={w?.solved} />
        <Metric label={t.wall.firstReply} sub={windowLabel} text={formatDuration(w?.frt_avg_s)} level="neutral" testId="frt" raw={w?.frt_avg_s} />
      </div>
    </>
  );
}

export const QueueTile = memo(QueueTileView);

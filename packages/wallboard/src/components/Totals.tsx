// The header's totals for the board: waiting, longest wait (ticking), the window's service level and abandon
// rate next to them (coloured only on a large enough sample), chats, agents, utilization, SLA counts. At risk is
// a warning: amber however many.
import { memo } from 'react';
import type { WindowName } from '@pulse/contracts';
import { capLevel, levelOf, sampledLevel, type MinSample, type Thresholds } from '../board/levels.ts';
import type { Totals as TotalsData } from '../board/metrics.ts';
import { DASH, formatCount, formatPct } from '../format.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { LongestWait } from './LongestWait.tsx';
import { Metric } from './Metric.tsx';

export interface TotalsProps {
  totals: TotalsData | null;
  receivedAt: number;
  thresholds: Thresholds | null;
  minSample: MinSample;
  window: WindowName;
}

function TotalsView({ totals, receivedAt, thresholds, minSample, window }: TotalsProps) {
  const { t, locale } = useI18n();
  const th = thresholds ?? {};
  const known = thresholds !== null && totals !== null;
  const n = (v: number | undefined) => (v === undefined ? DASH : formatCount(v, locale));
  const offered = totals?.offered ?? 0;
  const short = totals !== null && offered < minSample.offered;
  const sample = short ? { n: offered, text: t.wall.sample(formatCount(offered, locale)), title: t.wall.sampleTitle(formatCount(offered, locale)) } : null;
  return (
    <div className="totals">
      <Metric
        className="total total-main"
        label={t.waiting}
        text={n(totals?.waiting)}
        level={levelOf(th.waiting, totals?.waiting)}
        known={known}
        testId="total-waiting"
        raw={totals?.waiting}
      />
      {totals ? (
        <LongestWait
          className="total"
          longestWaitS={totals.longestWaitS}
          waiting={totals.waiting}
          receivedAt={receivedAt}
          threshold={th.longest_wait_s}
          known={known}
          testId="total-longest-wait"
        />
      ) : (
        <Metric className="total" label={t.longestWait} text={DASH} level="neutral" testId="total-longest-wait" />
      )}
      <Metric
        className="total"
        label={t.serviceLevel}
        sub={t.window[window]}
        text={formatPct(totals?.serviceLevelPct, locale)}
        level={sampledLevel(th.service_level_pct, totals?.serviceLevelPct, offered, minSample.offered)}
        known={known}
        testId="total-service-level"
        raw={totals?.serviceLevelPct}
        sample={totals?.serviceLevelPct != null ? sample : null}
      />
      <Metric
        className="total"
        label={t.abandonRate}
        sub={t.window[window]}
        text={formatPct(totals?.abandonRatePct, locale)}
        level={sampledLevel(th.abandon_rate_pct, totals?.abandonRatePct, offered, minSample.offered)}
        known={known}
        testId="total-abandon-rate"
        raw={totals?.abandonRatePct}
        sample={totals?.abandonRatePct != null ? sample : null}
      />
      <Metric className="total" label={t.activeChats} text={n(totals?.activeChats)} level="neutral" testId="total-active-chats" raw={totals?.activeChats} />
      <Metric className="total" label={t.agentsOnline} text={n(totals?.agentsOnline)} level="neutral" testId="total-agents-online" raw={totals?.agentsOnline} />
      <Metric
        className="total"
        label={t.utilization}
        text={formatPct(totals?.utilizationPct, locale)}
        level={levelOf(th.utilization_pct, totals?.utilizationPct)}
        known={known}
        testId="total-utilization"
        raw={totals?.utilizationPct}
      />
      <Metric
        className="total"
        label={t.slaBreached}
        text={n(totals?.slaBreached)}
        level={levelOf(th.sla_breached, totals?.slaBreached)}
        known={known}
        testId="total-sla-breached"
        raw={totals?.slaBreached}
      />
      <Metric
        className="total"
        label={t.slaAtRisk}
        text={n(totals?.slaAtRisk)}
        level={capLevel(levelOf(th.sla_at_risk, totals?.slaAtRisk), 'amber')}
        known={known}
        testId="total-sla-at-risk"
        raw={totals?.slaAtRisk}
      />
    </div>
  );
}

export const Totals = memo(TotalsView);

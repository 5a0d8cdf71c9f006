// The header's totals for the board: waiting, longest wait (ticking), chats, agents, utilization, SLA counts.
import { memo } from 'react';
import { levelOf, type Thresholds } from '../board/levels.ts';
import type { Totals as TotalsData } from '../board/metrics.ts';
import { DASH, formatCount, formatPct } from '../format.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { LongestWait } from './LongestWait.tsx';
import { Metric } from './Metric.tsx';

function TotalsView({ totals, receivedAt, thresholds }: { totals: TotalsData | null; receivedAt: number; thresholds: Thresholds | null }) {
  const { t, locale } = useI18n();
  const th = thresholds ?? {};
  const known = thresholds !== null && totals !== null;
  const n = (v: number | undefined) => (v === undefined ? DASH : formatCount(v, locale));
  return (
    <div className="totals">
      <Metric className="total total-main" label={t.waiting} text={n(totals?.waiting)} level={levelOf(th.waiting, totals?.waiting)} known={known} testId="total-waiting" raw={totals?.waiting} />
      {totals ? (
        <LongestWait className="total" longestWaitS={totals.longestWaitS} waiting={totals.waiting} receivedAt={receivedAt} threshold={th.longest_wait_s} known={known} testId="total-longest-wait" />
      ) : (
        <Metric className="total" label={t.longestWait} text={DASH} level="neutral" testId="total-longest-wait" />
      )}
      <Metric className="total" label={t.activeChats} text={n(totals?.activeChats)} level="neutral" testId="total-active-chats" raw={totals?.activeChats} />
      <Metric className="total" label={t.agentsOnline} text={n(totals?.agentsOnline)} level="neutral" testId="total-agents-online" raw={totals?.agentsOnline} />
      <Metric className="total" label={t.utilization} text={formatPct(totals?.utilizationPct, locale)} level={levelOf(th.utilization_pct, totals?.utilizationPct)} known={known} testId="total-utilization" raw={totals?.utilizationPct} />
      <Metric className="total" label={t.slaBreached} text={n(totals?.slaBreached)} level={levelOf(th.sla_breached, totals?.slaBreached)} known={known} testId="total-sla-breached" raw={totals?.slaBreached} />
      <Metric className="total" label={t.slaAtRisk} text={n(totals?.slaAtRisk)} level={levelOf(th.sla_at_risk, totals?.slaAtRisk)} known={known} testId="total-sla-at-risk" raw={totals?.slaAtRisk} />
    </div>
  );
}

export const Totals = memo(TotalsView);

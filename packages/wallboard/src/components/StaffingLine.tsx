// A queue's staffing on its tile (SPEC §2 "Staffing", Erlang C): "needs N more" or "N spare" when the gap between
// the agents online and the agents needed is at least one, and the forecast service level beside the measured
// one (15 min). On a full tile it is a line of its own; on smaller tiles only the gap, as a chip in the header.
// Nothing shows while the queue has too few contacts to forecast (staffing null).
import { memo } from 'react';
import type { Staffing } from '@pulse/contracts';
import { formatCount, formatDuration, formatPct } from '../format.ts';
import { useI18n } from '../i18n/I18n.tsx';

export interface StaffingLineProps {
  staffing: Staffing | undefined;
  /** the measured `15m` service level, the window the forecast is made from */
  measuredPct: number | null | undefined;
  variant: 'line' | 'chip';
}

/** required − online: > 0 short of agents, < 0 agents to spare; null when not forecast. */
export function staffingGap(s: Staffing | undefined): number | null {
  if (!s || s.required_agents === null) return null;
  return s.required_agents - s.staffed_agents;
}

function StaffingLineView({ staffing, measuredPct, variant }: StaffingLineProps) {
  const { t, locale } = useI18n();
  if (!staffing || staffing.forecast_sl_pct === null) return null;
  const gap = staffingGap(staffing);
  const words = t.staffing;
  const gapText =
    gap === null
      ? staffing.overloaded
        ? words.overloaded
        : null
      : gap >= 1
        ? words.needs(formatCount(gap, locale))
        : gap <= -1
          ? words.spare(formatCount(-gap, locale))
          : null;
  const kind = gap === null ? 'overloaded' : gap >= 1 ? 'needs' : gap <= -1 ? 'spare' : 'even';
  const title =
    staffing.required_agents !== null && staffing.goal_pct !== null && staffing.threshold_s !== null
      ? words.title({
          staffed: formatCount(staffing.staffed_agents, locale),
          required: formatCount(staffing.required_agents, locale),
          goal: formatPct(staffing.goal_pct, locale),
          threshold: `${formatCount(staffing.threshold_s, locale)} s`,
          asa: staffing.forecast_asa_s === null ? null : formatDuration(staffing.forecast_asa_s),
        })
      : undefined;
  const gapEl = gapText && (
    <span className={`staffing-gap gap-${kind}`} data-testid="staffing-gap" data-gap={gap ?? undefined}>
      {gapText}
    </span>
  );
  if (variant === 'chip') {
    return gapEl ? (
      <span className="tile-staffing-chip" data-testid="staffing" title={title}>
        {gapEl}
      </span>
    ) : null;
  }
  return (
    <div className="tile-staffing" data-testid="staffing" title={title}>
      {gapEl}
      <span className="staffing-sl">
        <span className="staffing-label">{words.forecast}</span>{' '}
        <b data-testid="forecast-sl" data-raw={staffing.forecast_sl_pct}>
          {formatPct(staffing.forecast_sl_pct, locale)}
        </b>
        <span className="staffing-measured">
          {' · '}
          <span className="staffing-label">{words.measured}</span> <span data-testid="measured-sl">{formatPct(measuredPct, locale)}</span>
        </span>
      </span>
    </div>
  );
}

export const StaffingLine = memo(StaffingLineView);

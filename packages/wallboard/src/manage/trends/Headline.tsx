// The headline row: each metric's value for the period, its change against the comparison period (green
// when better, red when worse) and, where few outcomes stand behind it, how many.
import type { WindowMetrics } from '@pulse/contracts';
import { HEADLINE, METRICS, notApplicable, type Filter, type Samples } from './metrics.ts';
import type { TrendsMessages } from './messages.ts';
import { formatChange, formatNumber, formatValue } from './units.ts';

/** Fewer outcomes than this behind a figure: say how many. */
export const SMALL_SAMPLE = 30;

interface Totals {
  metrics: WindowMetrics;
  samples: Samples;
}

interface Props {
  current: Totals | null;
  compare: Totals | null;
  /** the comparison period in words, or null without one */
  compareLabel: string | null;
  filter: Filter;
  loading: boolean;
  t: TrendsMessages;
  locale: string;
}

export function Headline({ current, compare, compareLabel, filter, loading, t, locale }: Props) {
  return (
    <section className="headline" data-testid="headline" aria-busy={loading}>
      {HEADLINE.filter((m) => notApplicable(m, filter) === null).map((m) => {
        const def = METRICS[m];
        const value = current ? current.metrics[m] : null;
        const before = compare ? compare.metrics[m] : null;
        const change = current && compare ? formatChange(value, before, def.unit, locale, t.pts) : null;
        const d = typeof value === 'number' && typeof before === 'number' ? value - before : 0;
        const tone = !change || d === 0 || def.better === null ? 'neutral' : d > 0 === (def.better === 'up') ? 'better' : 'worse';
        const sample = def.sample;
        const n = sample && current ? current.samples[sample] : null;
        return (
          <div key={m} className="kpi" data-testid="kpi" data-metric={m}>
            <div className="kpi-label">{t.metric[m]}</div>
            <div className="kpi-value" data-testid="kpi-value">
              {loading ? '…' : formatValue(value, def.unit, locale)}
            </div>
            {!loading && change && (
              <div className={`kpi-change ${tone}`} data-testid="kpi-change" title={compareLabel ? t.comparedWith(compareLabel) : undefined}>
                {change} <span className="kpi-before">{t.vs(formatValue(before, def.unit, locale))}</span>
              </div>
            )}
            {!loading && sample && n !== null && n > 0 && n < SMALL_SAMPLE && (
              <div className="kpi-sample" data-testid="kpi-sample">
                {t.sample[sample](formatNumber(n, locale), n)}
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}

// The period: presets and custom dates (local, both included) on one row; the interval (those the period
// cannot use are disabled), what to compare with and the filters on the next.
import type { ReactNode } from 'react';
import { INTERVALS, PRESETS, intervalFits, weekCompareFits, type Compare, type Interval, type Preset, type Range } from '../range.ts';
import type { TrendsMessages } from './messages.ts';

interface Props {
  preset: Preset;
  fromDate: string;
  toDate: string;
  range: Range;
  interval: Interval;
  compare: Compare;
  t: TrendsMessages;
  onPreset: (p: Preset) => void;
  onDates: (from: string, to: string) => void;
  onInterval: (i: Interval) => void;
  onCompare: (c: Compare) => void;
  /** the filters, on the second row */
  children?: ReactNode;
}

export function PeriodBar(p: Props) {
  const { t } = p;
  const weekFits = weekCompareFits(p.range);
  const custom = p.preset === 'custom' ? 'custom on' : 'custom';
  return (
    <div className="toolbar">
      <div className="row period" role="group" aria-label={t.period}>
        <div className="presets">
          {PRESETS.map((x) => (
            <button
              key={x.id}
              type="button"
              className={x.id === p.preset ? 'on' : ''}
              aria-pressed={x.id === p.preset}
              data-testid={`preset-${x.id}`}
              onClick={() => p.onPreset(x.id)}
            >
              {t.preset[x.id]}
            </button>
          ))}
        </div>
        <label className={custom}>
          {t.from}
          <input
            type="date"
            value={p.fromDate}
            max={p.toDate}
            data-testid="date-from"
            onChange={(e) => e.target.value && p.onDates(e.target.value, p.toDate)}
          />
        </label>
        <label className={custom}>
          {t.to}
          <input
            type="date"
            value={p.toDate}
            min={p.fromDate}
            data-testid="date-to"
            onChange={(e) => e.target.value && p.onDates(p.fromDate, e.target.value)}
          />
        </label>
      </div>
      <div className="row">
        <label>
          {t.interval}
          <select value={p.interval} data-testid="interval" title={t.intervalUnfitTitle} onChange={(e) => p.onInterval(e.target.value as Interval)}>
            {INTERVALS.map((i) => (
              <option key={i} value={i} disabled={!intervalFits(i, p.range)}>
                {t.intervalName[i]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.compare}
          <select value={p.compare} data-testid="compare" onChange={(e) => p.onCompare(e.target.value as Compare)}>
            {(['prev', 'week', 'none'] as Compare[]).map((c) => (
              <option key={c} value={c} disabled={c === 'week' && !weekFits} title={c === 'week' && !weekFits ? t.compareWeekUnfit : undefined}>
                {t.compareName[c]}
              </option>
            ))}
          </select>
        </label>
        {p.children}
      </div>
    </div>
  );
}

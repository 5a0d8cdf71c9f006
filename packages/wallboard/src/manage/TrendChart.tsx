// One trend chart: its metrics per interval with a legend, the comparison dashed, human units on the axis
// and in the tooltip; "loading", "no data" and "not applicable" said in words instead of a line. A click
// on a point opens the items behind it.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { DotItemDotProps } from 'recharts';
import type { Interval } from './range.ts';
import { hasValues, niceTicks, type Row } from './trends/chartRows.ts';
import { bucketLabel, day, tickLabel, tickPositions } from './trends/dates.ts';
import { colorOf, type MetricKey } from './trends/metrics.ts';
import { axisTicks, formatValue, type Unit } from './trends/units.ts';

interface Props {
  id: string;
  title: string;
  unit: Unit;
  /** the metrics to draw, with their legend labels */
  lines: { key: MetricKey; label: string }[];
  rows: Row[];
  compare: boolean;
  compareLabel: (label: string) => string;
  /** the legend's entry for the dashed lines, e.g. "Comparison: 18–24 Nov" */
  compareLegend: string;
  /** a message instead of the chart: loading, not applicable, an error */
  notice?: { kind: 'loading' | 'na' | 'error'; text: string } | null;
  noDataText: string;
  hint: string;
  interval: Interval;
  span: number;
  locale: string;
  timeZone: string;
  picked: number | null;
  onPick: (t: number) => void;
}

const HEIGHT = 200;
/** Series this short show each point as a dot. */
const DOTS_UP_TO = 45;

/** A dot only where a value stands alone between gaps (a line needs two points to show). */
function loneDot(color: string) {
  return (p: DotItemDotProps) => {
    const key = `${String(p.dataKey)}-${p.index}`;
    const v = (i: number) => (p.points[i] as { value?: unknown } | undefined)?.value;
    const alone = p.value !== null && p.value !== undefined && (v(p.index - 1) ?? null) === null && (v(p.index + 1) ?? null) === null;
    return alone && p.cx !== undefined && p.cy !== undefined ? <circle key={key} cx={p.cx} cy={p.cy} r={2.5} fill={color} /> : <g key={key} />;
  };
}

export function TrendChart(props: Props) {
  const { id, title, unit, lines, rows, compare, notice, locale, timeZone, interval, span } = props;
  const keys = lines.flatMap((l) => (compare ? [l.key, `cmp_${l.key}`] : [l.key]));
  const empty = !notice && !hasValues(rows, keys);
  const state = notice?.kind ?? (empty ? 'empty' : 'chart');
  const max = Math.max(0, ...rows.flatMap((r) => keys.map((k) => r[k] ?? 0)));
  const ticks = niceTicks(unit, max);
  const tick = axisTicks(unit, max, locale);
  const byT = new Map(rows.map((r) => [r.t, r]));
  const pickedRow = props.picked === null ? undefined : byT.get(props.picked);
  const xTicks = tickPositions(
    rows.map((r) => r.t),
    interval,
    span,
    timeZone,
  );
  return (
    <section className="chart" data-testid="trend-chart" data-chart={id} data-title={title} data-state={state}>
      <h3>{title}</h3>
      {state === 'chart' && (
        <ul className="legend" data-testid="legend">
          {lines.map((l, i) => (
            <li key={l.key}>
              <svg width="18" height="8" aria-hidden="true">
                <line x1="0" y1="4" x2="18" y2="4" stroke={colorOf(i)} strokeWidth="2.5" />
              </svg>
              {l.label}
            </li>
          ))}
          {compare && (
            <li className="cmp">
              <svg width="18" height="8" aria-hidden="true">
                <line x1="0" y1="4" x2="18" y2="4" stroke="#94a3b8" strokeWidth="2" strokeDasharray="4 3" />
              </svg>
              {props.compareLegend}
            </li>
          )}
        </ul>
      )}
      {notice ? (
        <div className={`chart-notice ${notice.kind}`} style={{ height: HEIGHT }} data-testid="chart-notice">
          {notice.text}
        </div>
      ) : empty ? (
        <div className="chart-notice empty" style={{ height: HEIGHT }} data-testid="chart-notice">
          {props.noDataText}
        </div>
      ) : (
        <ResponsiveContainer width="100%" height={HEIGHT}>
          <LineChart
            data={rows}
            margin={{ top: 4, right: 18, bottom: 0, left: 0 }}
            onClick={(e) => {
              const i = e?.activeIndex !== undefined ? Number(e.activeIndex) : NaN;
              const row = Number.isFinite(i) ? rows[i] : undefined;
              if (row) props.onPick(row.t);
            }}
          >
            <CartesianGrid stroke="#253043" strokeDasharray="3 3" />
            <XAxis
              dataKey="t"
              ticks={xTicks}
              interval={0}
              padding={{ left: 6, right: 6 }}
              tickFormatter={(t: number) => tickLabel(t, interval, span, locale, timeZone)}
              stroke="#8a97ad"
              fontSize={11}
            />
            <YAxis
              stroke="#8a97ad"
              fontSize={11}
              width={58}
              ticks={ticks}
              domain={[0, ticks[ticks.length - 1] ?? 'auto']}
              tickFormatter={tick}
              allowDecimals={unit !== 'count'}
            />
            <Tooltip
              contentStyle={{ background: '#0b1220', border: '1px solid #334155', borderRadius: 6 }}
              labelStyle={{ color: '#e2e8f0', fontWeight: 600 }}
              labelFormatter={(l) => {
                const r = byT.get(Number(l));
                return r ? bucketLabel(r.t, r.end, interval, locale, timeZone) : '';
              }}
              formatter={(value, name, item) => {
                const key = String(item.dataKey ?? '');
                const r = item.payload as Row | undefined;
                const label = key.startsWith('cmp_') && r?.ct ? `${String(name)} (${day(r.ct, locale, timeZone)})` : String(name);
                return [formatValue(typeof value === 'number' ? value : null, unit, locale), label];
              }}
            />
            {lines.map((l, i) => (
              <Line
                key={l.key}
                type="linear"
                dataKey={l.key}
                name={l.label}
                stroke={colorOf(i)}
                strokeWidth={2}
                dot={rows.length <= DOTS_UP_TO ? { r: 2.5, fill: colorOf(i), strokeWidth: 0 } : loneDot(colorOf(i))}
                isAnimationActive={false}
              />
            ))}
            {compare &&
              lines.map((l, i) => (
                <Line
                  key={`cmp_${l.key}`}
                  type="linear"
                  dataKey={`cmp_${l.key}`}
                  name={props.compareLabel(l.label)}
                  stroke={colorOf(i)}
                  strokeDasharray="5 4"
                  strokeOpacity={0.55}
                  dot={rows.length <= DOTS_UP_TO ? { r: 2.5, fill: 'none', stroke: colorOf(i), strokeOpacity: 0.7, strokeDasharray: '' } : false}
                  isAnimationActive={false}
                />
              ))}
          </LineChart>
        </ResponsiveContainer>
      )}
      {state === 'chart' && <p className="chart-hint">{pickedRow ? `▸ ${bucketLabel(pickedRow.t, pickedRow.end, interval, locale, timeZone)}` : props.hint}</p>}
    </section>
  );
}

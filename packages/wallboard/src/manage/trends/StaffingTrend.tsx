// Agents needed (Erlang C) against agents online, interval by interval, for one queue: a manager sees the
// under- and over-staffed hours of the period (docs/metrics.md "Staffing over time"). Two step lines and the
// counts of intervals short of agents and with one to spare; CSV of the figures.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { withToken } from '../api.ts';
import type { Interval, Range } from '../range.ts';
import { bucketLabel, tickLabel, tickPositions } from './dates.ts';
import type { TrendsMessages } from './messages.ts';
import { staffingCounts, staffingInterval, staffingPath, useStaffing } from './staffing.ts';
import { formatNumber, formatPercent, formatSeconds } from './units.ts';

interface Props {
  range: Range;
  /** the page's interval: quarter hours below an hour, hours otherwise */
  interval: Interval;
  /** the queues chosen: one is needed */
  queues: string[];
  queueName: (id: string) => string;
  timeZone: string;
  locale: string;
  t: TrendsMessages;
}

const HEIGHT = 200;
const REQUIRED = '#fbbf24';
const ONLINE = '#38bdf8';

export function StaffingTrend({ range, interval: page, queues, queueName, timeZone, locale, t }: Props) {
  const w = t.staffingTrend;
  const queue = queues.length === 1 ? (queues[0] ?? null) : null;
  const interval = staffingInterval(page);
  const path = queue ? staffingPath(range, timeZone, queue, interval) : null;
  const reply = useStaffing(path);
  const series = reply.data?.series[0];
  const rows = (series?.points ?? []).map((p) => ({ ...p, t: Date.parse(p.t) }));
  const step = interval === '15m' ? 900_000 : 3_600_000;
  const counts = staffingCounts(series?.points ?? []);
  const notice = !queue ? w.pickQueue : !path ? w.tooLong : reply.error ? `${t.error}: ${(reply.error as Error).message}` : reply.isPending ? t.loading : null;
  const span = range.to - range.from;
  return (
    <section className="panel staffing-trend" data-testid="staffing-trend" data-state={notice ? 'notice' : 'chart'}>
      <h2>
        {w.title(queue ? queueName(queue) : '')}{' '}
        {path && (
          <a className="csv" href={withToken(`${path}&format=csv`)} data-testid="csv-staffing" title={t.csvTitle}>
            {t.csv}
          </a>
        )}
      </h2>
      {series && <p className="note">{w.note(formatPercent(series.goal_pct, locale, 0), w.interval[interval])}</p>}
      {notice ? (
        <p className="chart-notice na" data-testid="staffing-trend-notice">
          {notice}
        </p>
      ) : (
        <>
          <p className="staffing-counts" data-testid="staffing-counts" data-under={counts.under} data-over={counts.over}>
            {counts.under === 0 && counts.over === 0 ? w.even : `${w.under(counts.under)} · ${w.over(counts.over)}`}
          </p>
          <ul className="legend">
            <li>
              <svg width="18" height="8" aria-hidden="true">
                <line x1="0" y1="4" x2="18" y2="4" stroke={REQUIRED} strokeWidth="2.5" />
              </svg>
              {w.required}
            </li>
            <li>
              <svg width="18" height="8" aria-hidden="true">
                <line x1="0" y1="4" x2="18" y2="4" stroke={ONLINE} strokeWidth="2.5" />
              </svg>
              {w.online}
            </li>
          </ul>
          <ResponsiveContainer width="100%" height={HEIGHT}>
            <LineChart data={rows} margin={{ top: 4, right: 18, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#253043" strokeDasharray="3 3" />
              <XAxis
                dataKey="t"
                ticks={tickPositions(
                  rows.map((r) => r.t),
                  interval,
                  span,
                  timeZone,
                )}
                interval={0}
                tickFormatter={(x: number) => tickLabel(x, interval, span, locale, timeZone)}
                stroke="#8a97ad"
                fontSize={11}
              />
              <YAxis stroke="#8a97ad" fontSize={11} width={40} allowDecimals={false} />
              <Tooltip
                contentStyle={{ background: '#0b1220', border: '1px solid #334155', borderRadius: 6 }}
                labelStyle={{ color: '#e2e8f0', fontWeight: 600 }}
                labelFormatter={(l) => {
                  const r = rows.find((x) => x.t === Number(l));
                  if (!r) return '';
                  const when = bucketLabel(r.t, Math.min(r.t + step, range.to), interval, locale, timeZone);
                  return `${when} · ${w.point({
                    offered: formatNumber(r.offered, locale),
                    rate: formatNumber(r.arrival_rate_per_h, locale, 1),
                    aht: formatSeconds(r.aht_s, locale),
                    load: formatNumber(r.load_erlangs, locale, 2),
                  })}`;
                }}
                formatter={(value, name) => [formatNumber(typeof value === 'number' ? value : null, locale, 1), String(name)]}
              />
              {/* a dot at each interval's start: an interval with a figure between two without one still shows */}
              <Line
                type="stepAfter"
                dataKey="required_agents"
                name={w.required}
                stroke={REQUIRED}
                strokeWidth={2}
                dot={{ r: 2.5, fill: REQUIRED, strokeWidth: 0 }}
                isAnimationActive={false}
              />
              <Line type="stepAfter" dataKey="agents_online" name={w.online} stroke={ONLINE} strokeWidth={2} dot={false} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </>
      )}
    </section>
  );
}

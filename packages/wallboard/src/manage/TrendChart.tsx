// One trend chart: a metric per interval, optionally with the previous period dashed; a click on a
// point opens the rows behind it.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Point {
  t: string;
  [metric: string]: number | string | null;
}

interface Props {
  title: string;
  metrics: { key: string; label: string; color: string }[];
  points: Point[];
  previous?: Point[];
  unit: string;
  onPick: (t: string) => void;
}

const fmtTime = (t: string) => {
  const d = new Date(t);
  return `${d.toISOString().slice(5, 10)} ${d.toISOString().slice(11, 16)}`;
};

export function TrendChart({ title, metrics, points, previous, unit, onPick }: Props) {
  const data = points.map((p, i) => ({
    ...p,
    ...Object.fromEntries(metrics.map((m) => [`prev_${m.key}`, previous?.[i]?.[m.key] ?? null])),
  }));
  return (
    <section className="chart" data-testid="trend-chart" data-title={title}>
      <h3>
        {title} <span className="unit">{unit}</span>
      </h3>
      <ResponsiveContainer width="100%" height={180}>
        <LineChart
          data={data}
          onClick={(e) => {
            const state = e as { activeLabel?: string | number; activeIndex?: number | string } | null;
            const index = state?.activeIndex !== undefined ? Number(state.activeIndex) : NaN;
            const label = state?.activeLabel !== undefined ? String(state.activeLabel) : Number.isFinite(index) ? data[index]?.t : undefined;
            if (label) onPick(label);
          }}
        >
          <CartesianGrid stroke="#253043" strokeDasharray="3 3" />
          <XAxis dataKey="t" tickFormatter={fmtTime} stroke="#8a97ad" fontSize={11} minTickGap={40} />
          <YAxis stroke="#8a97ad" fontSize={11} width={44} />
          <Tooltip labelFormatter={(l) => fmtTime(String(l))} contentStyle={{ background: '#111827', border: '1px solid #334155' }} />
          {metrics.map((m) => (
            <Line key={m.key} type="monotone" dataKey={m.key} name={m.label} stroke={m.color} dot={false} isAnimationActive={false} connectNulls />
          ))}
          {previous &&
            metrics.map((m) => (
              <Line key={`prev_${m.key}`} type="monotone" dataKey={`prev_${m.key}`} name={`${m.label} (previous)`} stroke={m.color} strokeDasharray="4 4" strokeOpacity={0.5} dot={false} isAnimationActive={false} connectNulls />
            ))}
        </LineChart>
      </ResponsiveContainer>
    </section>
  );
}

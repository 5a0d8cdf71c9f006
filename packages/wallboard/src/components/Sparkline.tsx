// Tiny chart of `waiting` over the last minutes (client-side history). Loaded lazily: the board shows first.
import { memo, useId } from 'react';
import { Area, AreaChart, ResponsiveContainer, YAxis } from 'recharts';
import type { SeriesPoint } from '../live/history.ts';

const COLORS = { ok: '#38bdf8', warning: '#fbbf24', critical: '#f87171' } as const;

function Sparkline({ data, tone }: { data: SeriesPoint[]; tone: keyof typeof COLORS }) {
  const gradientId = `spark-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  if (data.length < 2) return null;
  const color = COLORS[tone];
  return (
    <ResponsiveContainer width="100%" height="100%" minWidth={0} minHeight={0} debounce={100}>
      <AreaChart data={data} margin={{ top: 4, right: 0, bottom: 0, left: 0 }}>
        <defs>
          <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
            <stop offset="0%" stopColor={color} stopOpacity={0.45} />
            <stop offset="100%" stopColor={color} stopOpacity={0.02} />
          </linearGradient>
        </defs>
        {/* Headroom so a steady 2 does not look like a full bar; small queues keep a floor of 5. */}
        <YAxis hide domain={[0, (max: number) => Math.max(5, Math.ceil(max * 1.2))]} />
        <Area
          type="linear"
          dataKey="v"
          stroke={color}
          strokeWidth={2.5}
          fill={`url(#${gradientId})`}
          isAnimationActive={false}
          dot={false}
          activeDot={false}
        />
      </AreaChart>
    </ResponsiveContainer>
  );
}

export default memo(Sparkline);

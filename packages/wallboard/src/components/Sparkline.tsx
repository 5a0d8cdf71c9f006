// The tile's 60-minute trend (recharts). Redrawn only when its points
// change (the trend is refetched once a minute), never on a live update.
import { memo, useId } from 'react';
import { Area, AreaChart, Line, LineChart, ReferenceLine, ResponsiveContainer, YAxis } from 'recharts';
import type { SparkPoint } from '../board/trend.ts';
import type { SparkMetric } from '../config/boards.ts';

function Sparkline({ points, metric, goal }: { points: SparkPoint[]; metric: SparkMetric; goal?: number }) {
  const id = `spark-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  if (points.length < 2) return null;
  if (metric === 'offered') {
    return (
      <ResponsiveContainer width="100%" height="100%" minWidth={0} minHeight={0} debounce={150}>
        <AreaChart data={points} margin={{ top: 2, right: 0, bottom: 0, left: 0 }}>
          <defs>
            <linearGradient id={id} x1="0" y1="0" x2="0" y2="1">
              <stop offset="0%" className="spark-stop-top" />
              <stop offset="100%" className="spark-stop-bottom" />
            </linearGradient>
          </defs>
          <YAxis hide domain={[0, (max: number) => Math.max(4, Math.ceil(max * 1.15))]} />
          <Area
            type="linear"
            dataKey="v"
            stackId="o"
            className="spark-answered"
            fill={`url(#${id})`}
            strokeWidth={2}
            isAnimationActive={false}
            dot={false}
            activeDot={false}
          />
          <Area type="linear" dataKey="w" stackId="o" className="spark-abandoned" strokeWidth={1.5} isAnimationActive={false} dot={false} activeDot={false} />
        </AreaChart>
      </ResponsiveContainer>
    );
  }
  return (
    <ResponsiveContainer width="100%" height="100%" minWidth={0} minHeight={0} debounce={150}>
      <LineChart data={points} margin={{ top: 3, right: 0, bottom: 3, left: 0 }}>
        <YAxis hide domain={metric === 'service_level' ? [0, 100] : [0, (max: number) => Math.max(30, Math.ceil(max * 1.15))]} />
        {goal !== undefined && <ReferenceLine y={goal} className="spark-goal" strokeDasharray="3 3" />}
        <Line type="monotone" dataKey="v" className="spark-line" strokeWidth={2} connectNulls={false} isAnimationActive={false} dot={false} activeDot={false} />
      </LineChart>
    </ResponsiveContainer>
  );
}

export default memo(Sparkline);

import { formatClock, formatDay } from '../format.ts';

/** Wall clock in the board's time zone. */
export function Clock({ now, timeZone }: { now: number; timeZone: string }) {
  return (
    <div className="clock">
      <time className="clock-time" dateTime={new Date(now).toISOString()}>
        {formatClock(now, timeZone)}
      </time>
      <div className="clock-meta">
        <span>{formatDay(now, timeZone)}</span>
        <span className="clock-tz">{timeZone.replace(/_/g, ' ')}</span>
      </div>
    </div>
  );
}

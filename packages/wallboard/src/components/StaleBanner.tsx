import { formatAgo, formatClock } from '../format.ts';
import type { ConnectionStatus } from '../live/connection.ts';

/** Shown when no message arrived for a while: the figures on screen may be out of date. */
export function StaleBanner({
  lastUpdateAt,
  openedAt,
  now,
  timeZone,
  connection,
  problem,
}: {
  lastUpdateAt: number | null;
  openedAt: number;
  now: number;
  timeZone: string;
  connection: ConnectionStatus;
  /** An error worth saying (auth failure, server message). */
  problem: string | null;
}) {
  const since = lastUpdateAt ?? openedAt;
  const what =
    lastUpdateAt === null
      ? `No data received since the board opened at ${formatClock(since, timeZone)}`
      : `Last update at ${formatClock(since, timeZone)}`;
  return (
    <div className="stale-banner" data-testid="stale-banner" role="alert">
      <span className="stale-title">Data may be out of date</span>
      <span className="stale-what">
        {what} · {formatAgo(now - since)}
      </span>
      <span className="stale-conn">{problem ?? describeConnection(connection, now)}</span>
    </div>
  );
}

function describeConnection(c: ConnectionStatus, now: number): string {
  switch (c.state) {
    case 'open':
      return 'Connected, but the server is silent';
    case 'connecting':
      return 'Connecting…';
    case 'retrying': {
      const s = c.retryAt ? Math.max(0, Math.ceil((c.retryAt - now) / 1000)) : 0;
      const why = c.lastError ? `${capitalize(c.lastError)} · ` : '';
      return s > 0 ? `${why}Reconnecting in ${s} s` : `${why}Reconnecting…`;
    }
    default:
      return 'Disconnected';
  }
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

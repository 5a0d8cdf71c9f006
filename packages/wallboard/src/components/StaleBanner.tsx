// Shown when the board's data is not known current (App.tsx: nothing confirmed it for 5 s, or the server's
// heartbeats say live state is unavailable): the figures on screen may be out of date, since when, and what
// the connection is doing about it.
import { formatClock } from '../format.ts';
import { useI18n } from '../i18n/I18n.tsx';
import type { ConnectionStatus } from '../live/connection.ts';
import { useNow } from '../live/clock.ts';
import type { Messages } from '../i18n/messages.ts';

export interface StaleBannerProps {
  lastUpdateAt: number | null;
  openedAt: number;
  connection: ConnectionStatus;
  /** An error worth saying (auth failure). */
  problem: string | null;
}

export function StaleBanner({ lastUpdateAt, openedAt, connection, problem }: StaleBannerProps) {
  const { t, locale, timeZone } = useI18n();
  const now = useNow();
  const since = lastUpdateAt ?? openedAt;
  const time = formatClock(since, timeZone, locale);
  return (
    <div
      className="stale-banner"
      data-testid="stale-banner"
      data-last-update={lastUpdateAt === null ? undefined : new Date(lastUpdateAt).toISOString()}
      data-live-problem={connection.state === 'open' && connection.liveProblem ? connection.liveProblem : undefined}
      role="alert"
    >
      <span className="stale-title">
        <span className="stale-icon" aria-hidden="true">
          !
        </span>
        {t.staleTitle}
      </span>
      <span className="stale-what">
        {lastUpdateAt === null ? t.noDataSince(time) : t.lastUpdateAt(time)}
        <span className="stale-ago"> · {t.ago(Math.max(0, Math.floor((now - since) / 1000)))}</span>
      </span>
      <span className="stale-conn">{problem ?? describeConnection(connection, now, t)}</span>
    </div>
  );
}

function describeConnection(c: ConnectionStatus, now: number, t: Messages): string {
  switch (c.state) {
    case 'open':
      // the link works; the server says it cannot serve live state (Redis unreachable…), or only heartbeats come
      return c.liveProblem ? t.liveUnavailable : t.silentServer;
    case 'connecting':
      return t.connecting;
    case 'retrying': {
      const s = c.retryAt ? Math.max(0, Math.ceil((c.retryAt - now) / 1000)) : 0;
      return s > 0 ? t.reconnectingIn(s) : t.reconnecting;
    }
    default:
      return t.disconnected;
  }
}

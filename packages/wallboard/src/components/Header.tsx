import { formatCount, formatDuration, formatPct } from '../format.ts';
import { tickingWait, waitSeverity, type Totals } from '../board/metrics.ts';
import { Clock } from './Clock.tsx';
import { LiveStatus } from './LiveStatus.tsx';
import { Stat } from './Stat.tsx';

export interface HeaderProps {
  totals: Totals | null;
  /** Client time the snapshot behind `totals` arrived (for the ticking longest wait). */
  receivedAt: number | null;
  now: number;
  timeZone: string;
  stale: boolean;
  /** Queues named in the URL, shown as the board's subtitle. */
  queueFilter: string[] | null;
}

export function Header({ totals, receivedAt, now, timeZone, stale, queueFilter }: HeaderProps) {
  const longest = totals && receivedAt !== null ? tickingWait(totals.longestWaitS, totals.waiting, receivedAt, now) : null;
  const severity = longest === null ? 'ok' : waitSeverity(longest, null);
  return (
    <header className="board-header">
      <div className="brand">
        <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="8" />
          <path d="M4 17h6l3-8 5 15 3-7h7" />
        </svg>
        <div>
          <div className="brand-name">Pulse</div>
          <div className="brand-sub" title={queueFilter?.join(', ')}>
            {queueFilter ? queueFilter.join(' · ') : 'All queues'}
          </div>
        </div>
      </div>

      <div className="totals">
        <Stat
          className="total-main"
          label="Waiting"
          testId="total-waiting"
          value={totals ? formatCount(totals.waiting) : '—'}
          tone={totals && totals.waiting > 0 ? undefined : 'muted'}
        />
        <Stat
          label="Longest wait"
          testId="total-longest-wait"
          value={formatDuration(longest)}
          tone={longest ? severity : 'muted'}
        />
        <Stat
          label="Active chats"
          testId="total-active-chats"
          value={totals ? formatCount(totals.activeChats) : '—'}
          tone={totals ? undefined : 'muted'}
        />
        <Stat
          label="Agents online"
          testId="total-agents-online"
          value={totals ? formatCount(totals.agentsOnline) : '—'}
          tone={totals ? undefined : 'muted'}
        />
        <Stat
          label="Utilization"
          testId="total-utilization"
          value={formatPct(totals?.utilizationPct)}
          tone={totals?.utilizationPct == null ? 'muted' : undefined}
        />
      </div>

      <div className="header-right">
        <Clock now={now} timeZone={timeZone} />
        <LiveStatus stale={stale} />
      </div>
    </header>
  );
}

import { lazy, Suspense, type CSSProperties } from 'react';
import type { ScopeMetrics } from '@pulse/contracts';
import { formatCount, formatDuration, formatPct } from '../format.ts';
import { SERVICE_LEVEL_GOAL_PCT, tickingWait, waitSeverity, type Severity } from '../board/metrics.ts';
import type { SeriesPoint } from '../live/history.ts';
import { Stat } from './Stat.tsx';

const Sparkline = lazy(() => import('./Sparkline.tsx'));

export interface QueueTileProps {
  name: string;
  metrics: ScopeMetrics;
  receivedAt: number;
  now: number;
  /** Severity of the server's `queue_wait` alert for this queue, if one is firing. */
  alert: Severity | null;
  history: SeriesPoint[];
}

/** Shrinks a big figure that has more characters than its column is sized for (128 waiting, 1:02:03). */
function fit(text: string, roomFor: number): CSSProperties {
  return { '--fit': text.length <= roomFor ? 1 : roomFor / text.length } as CSSProperties;
}

const SEVERITY_LABEL: Record<Severity, string> = { ok: '', warning: 'Long wait', critical: 'Critical wait' };

/** One queue: waiting (big), the live longest wait, and the 15-minute figures. */
export function QueueTile({ name, metrics, receivedAt, now, alert, history }: QueueTileProps) {
  const longest = tickingWait(metrics.longest_wait_s, metrics.waiting, receivedAt, now);
  const waitingText = formatCount(metrics.waiting);
  const longestText = formatDuration(longest);
  const severity = waitSeverity(longest, alert);
  const w15 = metrics.windows?.['15m'];
  const sl = w15?.service_level_pct ?? null;
  const slTone = sl === null ? 'muted' : sl < SERVICE_LEVEL_GOAL_PCT ? 'critical' : 'ok';
  return (
    <section data-testid="queue-tile" data-queue={name} data-severity={severity} className={`tile sev-${severity}`}>
      <div className="tile-inner">
      <header className="tile-head">
        <h2 className="tile-name" title={name}>
          {name}
        </h2>
        {severity !== 'ok' && <span className="tile-flag">{SEVERITY_LABEL[severity]}</span>}
      </header>

      <div className="tile-main">
        <div className={`figure figure-waiting${metrics.waiting > 0 ? '' : ' is-zero'}`}>
          <div className="figure-label">Waiting</div>
          <div className="figure-value" data-testid="waiting" style={fit(waitingText, 2)}>
            {waitingText}
          </div>
        </div>
        <div className={`figure figure-longest${metrics.waiting > 0 ? '' : ' is-zero'}`}>
          <div className="figure-label">Longest wait</div>
          <div
            className="figure-value"
            data-testid="longest-wait"
            data-seconds={Math.floor(longest)}
            style={fit(longestText, 5)}
          >
            {longestText}
          </div>
        </div>
      </div>

      <div className="tile-spark" aria-hidden="true">
        <Suspense fallback={null}>
          <Sparkline data={history} tone={severity} />
        </Suspense>
      </div>

      <div className="tile-stats">
        <Stat label="Chats" title="Active chats" testId="active-chats" value={formatCount(metrics.active_chats)} />
        <Stat label="Agents" title="Agents online" testId="agents-online" value={formatCount(metrics.agents_online)} />
        <Stat label="SL 15m" title="Service level, last 15 minutes" testId="service-level" value={formatPct(sl)} tone={slTone} />
        <Stat label="ASA 15m" title="Average speed of answer, last 15 minutes" testId="asa" value={formatDuration(w15?.asa_s)} tone={w15?.asa_s == null ? 'muted' : undefined} />
        <Stat
          label="Aband. 15m"
          title="Abandon rate, last 15 minutes"
          testId="abandon-rate"
          value={formatPct(w15?.abandon_rate_pct)}
          tone={w15?.abandon_rate_pct == null ? 'muted' : undefined}
        />
      </div>
      </div>
    </section>
  );
}

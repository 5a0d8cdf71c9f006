import { useState } from 'react';
import type { BoardConfig } from './config.ts';
import { resolveTimeZone } from './config.ts';
import { computeTotals, selectQueues } from './board/metrics.ts';
import { isAuthError, LiveHttpError } from './live/api.ts';
import { useLiveSnapshot } from './live/useLiveSnapshot.ts';
import { useNow } from './live/useNow.ts';
import { useWaitingHistory } from './live/useWaitingHistory.ts';
import { Header } from './components/Header.tsx';
import { StaleBanner } from './components/StaleBanner.tsx';
import { QueueGrid } from './components/QueueGrid.tsx';
import { Notice } from './components/Notice.tsx';

/** No message (snapshot or heartbeat) for this long → STALE. The server sends a heartbeat every 2 s. */
export const STALE_AFTER_MS = 5_000;

export function App({ config }: { config: BoardConfig }) {
  const live = useLiveSnapshot({ token: config.token });
  const now = useNow();
  const [openedAt] = useState(() => Date.now());
  const history = useWaitingHistory(live.data, now);

  const snapshot = live.data?.snapshot;
  const timeZone = resolveTimeZone(config.tz, snapshot?.time_zone);
  // Nothing for 5 s → STALE. Before anything ever arrived, a failed first fetch is STALE at once (no grace).
  const stale =
    now - (live.lastUpdateAt ?? openedAt) > STALE_AFTER_MS || (live.lastUpdateAt === null && live.error !== null);
  const authError = isAuthError(live.error) ? live.error : null;

  const queues = snapshot ? selectQueues(snapshot, config.queues) : [];
  const totals = snapshot ? computeTotals(snapshot, config.queues) : null;

  let body;
  if (authError && !snapshot) {
    body = <AuthNotice hasToken={config.token !== null} status={authError.status} />;
  } else if (!snapshot) {
    body = live.error ? (
      <Notice title="Cannot reach the Pulse server" tone="error" testId="connection-error">
        <p>{describeError(live.error)}</p>
        <p className="muted">Retrying automatically.</p>
      </Notice>
    ) : (
      <Notice title="Connecting…" testId="connecting" />
    );
  } else if (queues.length === 0) {
    body = (
      <Notice title="Waiting for events…" testId="empty-state">
        <p>
          {config.queues
            ? `No activity yet in ${config.queues.join(', ')}.`
            : 'No queue has activity yet.'}{' '}
          Tiles appear as soon as the first chats and agents come in.
        </p>
      </Notice>
    );
  } else {
    body = (
      <QueueGrid queues={queues} snapshot={snapshot} receivedAt={live.data!.receivedAt} now={now} history={history} />
    );
  }

  return (
    <div className={`board${stale ? ' is-stale' : ''}`}>
      <Header
        totals={totals}
        receivedAt={live.data?.receivedAt ?? null}
        now={now}
        timeZone={timeZone}
        stale={stale}
        queueFilter={config.queues}
      />
      {stale && (
        <StaleBanner
          lastUpdateAt={live.lastUpdateAt}
          openedAt={openedAt}
          now={now}
          timeZone={timeZone}
          connection={live.connection}
          problem={authError ? tokenProblem(config.token !== null) : null}
        />
      )}
      <main className="board-main">{body}</main>
    </div>
  );
}

function tokenProblem(hasToken: boolean): string {
  return hasToken ? 'The viewer token was refused' : 'No viewer token in the URL';
}

function AuthNotice({ hasToken, status }: { hasToken: boolean; status: number }) {
  return (
    <Notice
      title={hasToken ? 'Viewer token rejected' : 'Viewer token missing'}
      tone="error"
      testId="auth-error"
    >
      {hasToken ? (
        <p>
          The server refused the token in this page&apos;s address (HTTP {status}). It is wrong, expired or lacks the
          viewer role.
        </p>
      ) : (
        <p>This board needs a viewer token to read live data (HTTP {status}).</p>
      )}
      <p>
        Open the board as <code>{`${window.location.origin}/?token=<viewer token>`}</code>
      </p>
    </Notice>
  );
}

function describeError(err: Error): string {
  if (err instanceof LiveHttpError) return err.status ? `HTTP ${err.status}: ${err.message}` : err.message;
  return err.message || 'Network error';
}

// The wall-board: live data (REST + WebSocket into react-query), the URL's boards in rotation, never silently stale.
import { useEffect, useMemo, useState } from 'react';
import { computeTotals, queueFilter } from './board/metrics.ts';
import { minSampleFor, thresholdsFor } from './board/levels.ts';
import { queueNamer } from './board/names.ts';
import type { BoardView } from './config/boards.ts';
import { resolveTimeZone, type BoardSettings } from './config/url.ts';
import { useRotation } from './hooks/useRotation.ts';
import { I18nProvider } from './i18n/I18n.tsx';
import { chooseLocale } from './i18n/locale.ts';
import { MESSAGES, type Messages } from './i18n/messages.ts';
import { isAuthError } from './live/api.ts';
import { useClock } from './live/clock.ts';
import { useBoardConfig } from './live/useBoardConfig.ts';
import { useLiveSnapshot } from './live/useLiveSnapshot.ts';
import { useSkew } from './live/useSkew.ts';
import { useTrend } from './live/useTrend.ts';
import { BoardBody } from './components/BoardBody.tsx';
import { Controls } from './components/Controls.tsx';
import { Header } from './components/Header.tsx';
import { NoDataNotice } from './components/Notices.tsx';
import { StaleBanner } from './components/StaleBanner.tsx';
import { Totals } from './components/Totals.tsx';

/** No message (snapshot or heartbeat) for this long → STALE. The server sends a heartbeat every 2 s. */
export const STALE_AFTER_MS = 5_000;

function boardTitle(view: BoardView, t: Messages, queueName: (id: string) => string): string {
  if (view.title) return view.title;
  const names = [...(Array.isArray(view.queues) ? view.queues.map(queueName) : []), ...(Array.isArray(view.channels) ? view.channels : [])];
  return names.length > 0 ? names.join(' · ') : t.allQueues;
}

export function App({ settings, browserLanguages }: { settings: BoardSettings; browserLanguages: readonly string[] }) {
  const live = useLiveSnapshot({ token: settings.token });
  const config = useBoardConfig(settings.token);
  const trend = useTrend(settings.token);
  const [openedAt] = useState(() => Date.now());
  const rotation = useRotation(settings.boards.length, settings.rotateS);
  const view = settings.boards[rotation.index] ?? settings.boards[0];

  const snapshot = live.data?.snapshot;
  const receivedAt = live.data?.receivedAt ?? 0;
  const skewMs = useSkew(snapshot?.at, live.data?.receivedAt);
  const { lang, locale } = chooseLocale(settings.lang, browserLanguages);
  const timeZone = resolveTimeZone(settings.tz, config?.time_zone, snapshot?.time_zone);
  const lastUpdateAt = live.lastUpdateAt;
  // Nothing for 5 s → STALE. Before anything ever arrived, a failed first fetch is STALE at once.
  const silent = useClock((now) => now - (lastUpdateAt ?? openedAt) > STALE_AFTER_MS, [lastUpdateAt, openedAt]);
  const stale = silent || live.liveProblem !== null || (lastUpdateAt === null && live.error !== null);
  const authError = isAuthError(live.error);
  const t = MESSAGES[lang];

  useEffect(() => {
    document.documentElement.dataset.theme = settings.theme;
    document.documentElement.dataset.kiosk = settings.kiosk ? '1' : '0';
    document.documentElement.lang = locale;
  }, [settings.theme, settings.kiosk, locale]);

  const queues = queueFilter(view);
  const totals = snapshot ? computeTotals(snapshot, queues, view.window) : null;
  const defaults = useMemo(() => thresholdsFor(config, null), [config]);
  const minSample = minSampleFor(config, queues?.length === 1 ? (queues[0] ?? null) : null);

  return (
    <I18nProvider lang={lang} locale={locale} timeZone={timeZone}>
      <div className={`board${stale ? ' is-stale' : ''}`} data-testid="board" data-board={rotation.index + 1}>
        <Header title={boardTitle(view, t, queueNamer(config))} board={{ index: rotation.index, count: settings.boards.length }} stale={stale}>
          <Totals totals={totals} receivedAt={totals && totals.waiting > 0 ? receivedAt : 0} thresholds={defaults} minSample={minSample} window={view.window} />
        </Header>
        {stale && (
          <StaleBanner
            lastUpdateAt={lastUpdateAt}
            openedAt={openedAt}
            connection={live.connection}
            problem={authError ? (settings.token ? t.tokenRefused : t.tokenMissing) : null}
          />
        )}
        {snapshot?.rebuilding && (
          <div className="stale-banner" data-testid="rebuilding-banner" role="status">
            <span className="stale-title">{t.rebuilding}</span>
          </div>
        )}
        {snapshot ? (
          <BoardBody
            key={rotation.index}
            view={view}
            snapshot={snapshot}
            receivedAt={receivedAt}
            skewMs={skewMs}
            config={config}
            trend={trend}
            pageSeconds={settings.pageS}
          />
        ) : (
          <main className="board-body is-empty">
            <NoDataNotice error={live.error} hasToken={settings.token !== null} />
          </main>
        )}
        {!settings.kiosk && <Controls rotation={rotation} boards={settings.boards.length} />}
      </div>
    </I18nProvider>
  );
}

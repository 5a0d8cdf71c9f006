// The alert ticker along the bottom: alerts about queues and agents (ticket alerts come rolled up per queue; single
// tickets have the SLA panel), as many as fit side by side, critical first, paging through the rest fast enough
// that a cycle takes under a minute.
import { memo, useMemo, type CSSProperties } from 'react';
import { alertMessage, alertTitle, type Alert, type AgentView } from '@pulse/contracts';
import { tickerAlerts, tickerSuggestion } from '../board/alerts.ts';
import { agentNamer, type Namer } from '../board/names.ts';
import { pageCount } from '../board/layout.ts';
import { formatCount } from '../format.ts';
import { useElementSize } from '../hooks/useElementSize.ts';
import { usePage } from '../hooks/usePage.ts';
import { useRem } from '../hooks/useRem.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { AlertItem } from './AlertItem.tsx';
import { Pager } from './Pager.tsx';

const ITEM_MIN_WIDTH_REM = 38;
/** A full turn of the ticker takes less than this; a page shows at least MIN_PAGE_S. */
const CYCLE_S = 59;
const MIN_PAGE_S = 4;

/** Seconds per page so that `pages` pages go round within a minute (never slower than the board's own pace). */
export function tickerPageSeconds(pages: number, pageSeconds: number): number {
  return Math.max(Math.min(MIN_PAGE_S, pageSeconds), Math.min(pageSeconds, CYCLE_S / Math.max(1, pages)));
}

export interface AlertTickerProps {
  alerts: Alert[];
  agents: AgentView[];
  queues: string[] | null;
  queueName: Namer;
  pageSeconds: number;
}

function AlertTickerView({ alerts, agents, queues, queueName, pageSeconds }: AlertTickerProps) {
  const { t, lang, locale, timeZone } = useI18n();
  const [ref, size] = useElementSize<HTMLUListElement>();
  const rem = useRem(size.width);
  const active = useMemo(() => tickerAlerts(alerts, queues), [alerts, queues]);
  const name = useMemo(() => agentNamer(agents), [agents]);
  const perPage = Math.max(1, Math.floor(size.width / (ITEM_MIN_WIDTH_REM * rem)));
  // More than a minute's worth: the most urgent go round, the rest are counted (the alerts page has them all).
  const maxPages = Math.max(1, Math.floor(CYCLE_S / Math.min(MIN_PAGE_S, pageSeconds)));
  const listed = active.slice(0, maxPages * perPage);
  const pages = pageCount(listed.length, perPage);
  const perPageS = tickerPageSeconds(pages, pageSeconds);
  const page = Math.min(usePage(pages, perPageS), pages - 1);
  const shown = listed.slice(page * perPage, (page + 1) * perPage);
  const critical = active.some((a) => a.severity === 'critical');
  return (
    <section className={`ticker${active.length ? ' has-alerts' : ''}${critical ? ' has-critical' : ''}`} data-testid="alert-ticker" data-page-s={perPageS}>
      <h2 className="ticker-title">
        {t.alerts}
        <span className="ticker-count" data-testid="alert-count">
          {formatCount(active.length, locale)}
        </span>
      </h2>
      <ul ref={ref} className="ticker-list" style={{ '--per-page': perPage } as CSSProperties}>
        {shown.map((a) => {
          // in the board's language and time zone, from the alert's facts
          const o = { lang, timeZone, now: Date.now() };
          return (
            <AlertItem
              key={a.id}
              alert={a}
              title={alertTitle(a, o)}
              message={alertMessage(a, o)}
              suggestion={tickerSuggestion(a, lang, locale, name, queueName)}
            />
          );
        })}
        {active.length === 0 && <li className="ticker-empty">{t.noAlerts}</li>}
      </ul>
      {active.length > listed.length && <span className="ticker-more">{t.wall.moreAlerts(active.length - listed.length)}</span>}
      <Pager page={page} pages={pages} perPage={perPage} testId="alerts-pager" />
    </section>
  );
}

export const AlertTicker = memo(AlertTickerView);

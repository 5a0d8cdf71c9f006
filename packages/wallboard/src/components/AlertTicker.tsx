// The alert ticker along the bottom: as many alerts as fit side by side, critical first, paging through the rest.
import { memo, useMemo, type CSSProperties } from 'react';
import type { Alert, AgentView } from '@pulse/contracts';
import { activeAlerts, agentNamer, suggestionText } from '../board/alerts.ts';
import { pageCount } from '../board/layout.ts';
import { formatCount } from '../format.ts';
import { useElementSize } from '../hooks/useElementSize.ts';
import { usePage } from '../hooks/usePage.ts';
import { useRem } from '../hooks/useRem.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { AlertItem } from './AlertItem.tsx';
import { Pager } from './Pager.tsx';

const ITEM_MIN_WIDTH_REM = 38;

export interface AlertTickerProps {
  alerts: Alert[];
  agents: AgentView[];
  queues: string[] | null;
  pageSeconds: number;
}

function AlertTickerView({ alerts, agents, queues, pageSeconds }: AlertTickerProps) {
  const { t, locale } = useI18n();
  const [ref, size] = useElementSize<HTMLUListElement>();
  const rem = useRem(size.width);
  const active = useMemo(() => activeAlerts(alerts, queues), [alerts, queues]);
  const name = useMemo(() => agentNamer(agents), [agents]);
  const perPage = Math.max(1, Math.floor(size.width / (ITEM_MIN_WIDTH_REM * rem)));
  const pages = pageCount(active.length, perPage);
  const page = Math.min(usePage(pages, pageSeconds), pages - 1);
  const shown = active.slice(page * perPage, (page + 1) * perPage);
  const critical = active.some((a) => a.severity === 'critical');
  return (
    <section className={`ticker${active.length ? ' has-alerts' : ''}${critical ? ' has-critical' : ''}`} data-testid="alert-ticker">
      <h2 className="ticker-title">
        {t.alerts}
        <span className="ticker-count" data-testid="alert-count">
          {formatCount(active.length, locale)}
        </span>
      </h2>
      <ul ref={ref} className="ticker-list" style={{ '--per-page': perPage } as CSSProperties}>
        {shown.map((a) => (
          <AlertItem key={a.id} alert={a} suggestion={suggestionText(a, t, name)} />
        ))}
        {active.length === 0 && <li className="ticker-empty">{t.noAlerts}</li>}
      </ul>
      <Pager page={page} pages={pages} testId="alerts-pager" />
    </section>
  );
}

export const AlertTicker = memo(AlertTickerView);

// The SLA panel: breached targets, then at-risk ones, with live countdowns; pages itself when they do not fit.
import { memo, useMemo } from 'react';
import type { Snapshot } from '@pulse/contracts';
import { agentNamer } from '../board/alerts.ts';
import { listCapacity, pageCount } from '../board/layout.ts';
import { slaRows } from '../board/sla.ts';
import { formatCount } from '../format.ts';
import { useElementSize } from '../hooks/useElementSize.ts';
import { usePage } from '../hooks/usePage.ts';
import { useRem } from '../hooks/useRem.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { LevelMark } from './LevelMark.tsx';
import { Pager } from './Pager.tsx';
import { Panel } from './Panel.tsx';
import { SlaRow } from './SlaRow.tsx';

const ROW_HEIGHT_REM = 3.9;
const GAP_REM = 0.45;

export interface SlaPanelProps {
  sla: Snapshot['sla'];
  agents: Snapshot['agents'];
  queues: string[] | null;
  skewMs: number;
  pageSeconds: number;
}

function SlaPanelView({ sla, agents, queues, skewMs, pageSeconds }: SlaPanelProps) {
  const { t, locale } = useI18n();
  const [ref, size] = useElementSize<HTMLUListElement>();
  const rem = useRem(size.width, size.height);
  const rows = useMemo(() => slaRows(sla, queues), [sla, queues]);
  const name = useMemo(() => agentNamer(agents), [agents]);
  const breached = rows.filter((r) => r.state === 'breached').length;
  const { perPage } = listCapacity(1, size.height, 1, ROW_HEIGHT_REM * rem, GAP_REM * rem);
  const pages = pageCount(rows.length, perPage);
  const page = Math.min(usePage(pages, pageSeconds), pages - 1);
  const shown = rows.slice(page * perPage, (page + 1) * perPage);
  return (
    <Panel
      className="sla-panel"
      testId="sla-panel"
      title={t.sla}
      summary={
        <span className="sla-counts">
          <span className={`sla-count count-breached${breached ? ' is-on' : ''}`}>
            <LevelMark level="red" />
            <span data-testid="sla-breached-count">{formatCount(breached, locale)}</span> {t.breached}
          </span>
          <span className={`sla-count count-at-risk${rows.length - breached ? ' is-on' : ''}`}>
            <LevelMark level="amber" />
            <span data-testid="sla-at-risk-count">{formatCount(rows.length - breached, locale)}</span> {t.atRisk}
          </span>
        </span>
      }
      pager={<Pager page={page} pages={pages} testId="sla-pager" />}
    >
      <ul ref={ref} className="sla-list">
        {shown.map(({ key, state, item }) => (
          <SlaRow
            key={key}
            state={state}
            ticketId={item.ticket_id}
            target={item.target}
            priority={item.priority}
            queue={item.queue}
            agent={item.agent_id ? name(item.agent_id) : null}
            dueAt={item.due_at}
            skewMs={skewMs}
          />
        ))}
        {rows.length === 0 && <li className="panel-empty">{t.noSla}</li>}
      </ul>
    </Panel>
  );
}

export const SlaPanel = memo(SlaPanelView);

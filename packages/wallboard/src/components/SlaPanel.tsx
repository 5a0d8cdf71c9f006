// The SLA panel: one row per ticket with its worst target, what breached in the last hour first, then what is
// about to breach, then the long overdue; live countdowns; the counts of each group always on top, whatever page
// of the list is on screen.
import { memo, useMemo } from 'react';
import type { Snapshot } from '@pulse/contracts';
import { listCapacity, pageCount } from '../board/layout.ts';
import { agentNamer, type Namer } from '../board/names.ts';
import { slaCounts, slaRows, SLA_GROUPS } from '../board/sla.ts';
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
const MARK = { recent: 'red', at_risk: 'amber', overdue: 'red' } as const;

export interface SlaPanelProps {
  sla: Snapshot['sla'];
  agents: Snapshot['agents'];
  queues: string[] | null;
  queueName: Namer;
  skewMs: number;
  pageSeconds: number;
}

function SlaPanelView({ sla, agents, queues, queueName, skewMs, pageSeconds }: SlaPanelProps) {
  const { t, locale } = useI18n();
  const [ref, size] = useElementSize<HTMLUListElement>();
  const rem = useRem(size.width, size.height);
  const rows = useMemo(() => slaRows(sla, queues), [sla, queues]);
  const counts = slaCounts(rows);
  const name = useMemo(() => agentNamer(agents), [agents]);
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
        <span className="sla-counts" data-testid="sla-counts">
          {SLA_GROUPS.map((g) => (
            <span key={g} className={`sla-count count-${g}${counts[g] ? ' is-on' : ''}`}>
              <LevelMark level={MARK[g]} />
              <span data-testid={`sla-count-${g}`}>{formatCount(counts[g], locale)}</span> {t.wall.slaGroup[g]}
            </span>
          ))}
        </span>
      }
      pager={<Pager page={page} pages={pages} perPage={perPage} testId="sla-pager" />}
    >
      <ul ref={ref} className="sla-list">
        {shown.map(({ key, state, group, item, others }) => (
          <SlaRow
            key={key}
            state={state}
            group={group}
            ticketId={item.ticket_id}
            target={item.target}
            others={others}
            priority={item.priority}
            queue={item.queue ? queueName(item.queue) : null}
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

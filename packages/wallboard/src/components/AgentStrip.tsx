// The agent strip: a page of agents at a time (as many rows and columns as fit), turning every few seconds.
import { memo, useMemo, type CSSProperties } from 'react';
import type { AgentView } from '@pulse/contracts';
import { agentList } from '../board/agents.ts';
import { listCapacity, pageCount } from '../board/layout.ts';
import type { Threshold } from '../board/levels.ts';
import { formatCount } from '../format.ts';
import { useElementSize } from '../hooks/useElementSize.ts';
import { usePage } from '../hooks/usePage.ts';
import { useRem } from '../hooks/useRem.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { AgentRow } from './AgentRow.tsx';
import { Pager } from './Pager.tsx';
import { Panel } from './Panel.tsx';

/** Row geometry in rem (the board's rem grows with the screen). */
const ROW_MIN_WIDTH_REM = 25;
const ROW_HEIGHT_REM = 2.35;
const GAP_REM = 0.5;

export interface AgentStripProps {
  agents: AgentView[];
  queues: string[] | null;
  skewMs: number;
  loadThreshold: Threshold | undefined;
  pageSeconds: number;
}

function AgentStripView({ agents, queues, skewMs, loadThreshold, pageSeconds }: AgentStripProps) {
  const { t, locale } = useI18n();
  const [ref, size] = useElementSize<HTMLUListElement>();
  const rem = useRem(size.width, size.height);
  const list = useMemo(() => agentList(agents, queues), [agents, queues]);
  const { cols, perPage } = listCapacity(size.width, size.height, ROW_MIN_WIDTH_REM * rem, ROW_HEIGHT_REM * rem, GAP_REM * rem);
  const pages = pageCount(list.listed.length, perPage);
  const page = Math.min(usePage(pages, pageSeconds), pages - 1);
  const shown = perPage > 0 ? list.listed.slice(page * perPage, (page + 1) * perPage) : [];
  const n = (v: number) => formatCount(v, locale);
  return (
    <Panel
      className="agents-panel"
      testId="agents-panel"
      title={t.agents}
      summary={
        <>
          <span className="agent-counts" data-testid="agent-counts" data-online={list.online} data-away={list.away} data-offline={list.offline}>
            <span className="count-online">
              {n(list.online)} {t.status.online}
            </span>
            <span className="count-away">
              {n(list.away)} {t.status.away}
            </span>
            <span className="count-offline">
              {n(list.offline)} {t.status.offline}
            </span>
          </span>
          {agents.some((a) => a.presence === 'inferred') && (
            <span className="agent-note" data-testid="presence-inferred">
              {t.presenceInferred}
            </span>
          )}
        </>
      }
      pager={<Pager page={page} pages={pages} perPage={perPage} testId="agents-pager" />}
    >
      <ul ref={ref} className="agent-list" style={{ '--cols': cols } as CSSProperties}>
        {shown.map((a) => (
          <AgentRow key={a.id} agent={a} skewMs={skewMs} loadThreshold={loadThreshold} />
        ))}
        {list.listed.length === 0 && <li className="panel-empty">{t.noAgents}</li>}
      </ul>
    </Panel>
  );
}

export const AgentStrip = memo(AgentStripView);

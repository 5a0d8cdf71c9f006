// One board: the panels its view asks for, filled from the snapshot and laid out to fill the screen.
import { useMemo, type CSSProperties } from 'react';
import type { Snapshot } from '@pulse/contracts';
import type { BoardConfigResponse } from '../board/levels.ts';
import { queueFilter, selectTiles } from '../board/metrics.ts';
import { queueNamer } from '../board/names.ts';
import { panelGrid } from '../board/panelGrid.ts';
import type { BoardView } from '../config/boards.ts';
import { useI18n } from '../i18n/I18n.tsx';
import type { Trend } from '../live/types.ts';
import { AgentStrip } from './AgentStrip.tsx';
import { AlertTicker } from './AlertTicker.tsx';
import { PanelBoundary } from './ErrorBoundary.tsx';
import { Notice } from './Notice.tsx';
import { QueueGrid } from './QueueGrid.tsx';
import { SlaPanel } from './SlaPanel.tsx';

/** Above this many tiles the board gives the tiles more height. */
const DENSE_TILES = 24;

export interface BoardBodyProps {
  view: BoardView;
  snapshot: Snapshot;
  receivedAt: number;
  skewMs: number;
  config: BoardConfigResponse | null;
  trend: Trend | undefined;
  pageSeconds: number;
}

export function BoardBody({ view, snapshot, receivedAt, skewMs, config, trend, pageSeconds }: BoardBodyProps) {
  const { t } = useI18n();
  const grid = useMemo(() => panelGrid(view.panels), [view.panels]);
  const queues = queueFilter(view);
  const queueName = useMemo(() => queueNamer(config), [config]);
  const tiles = selectTiles(snapshot, view);
  const has = (p: string) => view.panels.includes(p as never);
  const style = { gridTemplateAreas: grid.areas, gridTemplateColumns: grid.columns, gridTemplateRows: grid.rows } as CSSProperties;
  return (
    <main className="board-body" style={style} data-panels={view.panels.join(',')} data-dense={tiles.length > DENSE_TILES ? '1' : '0'}>
      {has('queues') && (
        <div className="area-queues">
          <PanelBoundary resetKey={snapshot}>
            {tiles.length > 0 ? (
              <QueueGrid tiles={tiles} receivedAt={receivedAt} config={config} trend={trend} window={view.window} sparkMetric={view.spark} />
            ) : (
              <Notice title={t.emptyTitle} testId="empty-state">
                <p>{t.emptyBody(queues ? queues.join(', ') : null)}</p>
              </Notice>
            )}
          </PanelBoundary>
        </div>
      )}
      {has('agents') && (
        <div className="area-agents">
          <PanelBoundary resetKey={snapshot}>
            <AgentStrip
              agents={snapshot.agents ?? []}
              queues={queues}
              skewMs={skewMs}
              loadThreshold={config?.thresholds.default.load_pct}
              pageSeconds={pageSeconds}
            />
          </PanelBoundary>
        </div>
      )}
      {has('sla') && (
        <div className="area-sla">
          <PanelBoundary resetKey={snapshot}>
            <SlaPanel sla={snapshot.sla} agents={snapshot.agents ?? []} queues={queues} queueName={queueName} skewMs={skewMs} pageSeconds={pageSeconds} />
          </PanelBoundary>
        </div>
      )}
      {has('alerts') && (
        <div className="area-alerts">
          <PanelBoundary resetKey={snapshot}>
            <AlertTicker alerts={snapshot.alerts ?? []} agents={snapshot.agents ?? []} queues={queues} queueName={queueName} pageSeconds={pageSeconds} />
          </PanelBoundary>
        </div>
      )}
    </main>
  );
}

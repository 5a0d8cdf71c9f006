import type { CSSProperties } from 'react';
import type { Snapshot } from '@pulse/contracts';
import { gridShape, queueWaitAlert, type QueueEntry } from '../board/metrics.ts';
import type { WaitingHistory } from '../live/history.ts';
import { QueueTile } from './QueueTile.tsx';

/** The tiles, laid out to fill the screen below the header without scrolling. */
export function QueueGrid({
  queues,
  snapshot,
  receivedAt,
  now,
  history,
}: {
  queues: QueueEntry[];
  snapshot: Snapshot;
  receivedAt: number;
  now: number;
  history: WaitingHistory;
}) {
  const { cols, rows } = gridShape(queues.length);
  const style = { '--cols': cols, '--rows': rows } as CSSProperties;
  return (
    <div className="grid" style={style} data-testid="queue-grid">
      {queues.map(({ name, metrics }) => (
        <QueueTile
          key={name}
          name={name}
          metrics={metrics}
          receivedAt={receivedAt}
          now={now}
          alert={queueWaitAlert(snapshot, name)}
          history={history.get(name)}
        />
      ))}
    </div>
  );
}

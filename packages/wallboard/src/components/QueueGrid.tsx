// The tiles, laid out to fill their panel without scrolling: as many columns as make the tiles largest.
import { useMemo, type CSSProperties } from 'react';
import type { WindowName } from '@pulse/contracts';
import { bestGrid, cellSize, tileDensity } from '../board/layout.ts';
import { minSampleFor, thresholdsFor, type BoardConfigResponse, type MinSample, type Thresholds } from '../board/levels.ts';
import { queueNamer } from '../board/names.ts';
import type { TileEntry } from '../board/metrics.ts';
import { scopeKey, sparkTable } from '../board/trend.ts';
import type { SparkMetric } from '../config/boards.ts';
import { useElementSize } from '../hooks/useElementSize.ts';
import { useRem } from '../hooks/useRem.ts';
import type { Trend } from '../live/types.ts';
import { QueueTile } from './QueueTile.tsx';

/** Width ÷ height the tile is designed for. */
const TILE_ASPECT = 1.55;

export interface QueueGridProps {
  tiles: TileEntry[];
  receivedAt: number;
  config: BoardConfigResponse | null;
  trend: Trend | undefined;
  window: WindowName;
  sparkMetric: SparkMetric;
}

export function QueueGrid({ tiles, receivedAt, config, trend, window, sparkMetric }: QueueGridProps) {
  const [ref, size] = useElementSize<HTMLDivElement>();
  const rem = useRem(size.width, size.height);
  const gap = Math.round(0.85 * rem);
  const shape = bestGrid(tiles.length, size.width, size.height, gap, TILE_ASPECT);
  const { cols, rows } = shape;
  const cell = cellSize(size.width, size.height, shape, gap);
  const density = tileDensity(cell.width / rem, cell.height / rem);

  // Stable per config and per tile list, so a live update re-renders only the tiles whose figures changed.
  const names = tiles.map(scopeKey).join('\n');
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const sparks = useMemo(() => sparkTable(trend, tiles, sparkMetric), [trend, names, sparkMetric]);
  const perTile = useMemo(() => {
    const byTile = new Map<string, { thresholds: Thresholds | null; minSample: MinSample; title: string }>();
    const defaults = thresholdsFor(config, null);
    const queueName = queueNamer(config);
    for (const tile of tiles) {
      const queue = tile.kind === 'queue';
      byTile.set(scopeKey(tile), {
        thresholds: queue ? thresholdsFor(config, tile.name) : defaults,
        minSample: minSampleFor(config, queue ? tile.name : null),
        title: queue ? queueName(tile.name) : tile.name,
      });
    }
    return byTile;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [config, names]);

  const style = { '--cols': cols, '--rows': rows, '--gap': `${gap}px` } as CSSProperties;
  return (
    <div ref={ref} className="grid" style={style} data-testid="queue-grid" data-cols={cols} data-rows={rows} data-density={density}>
      {size.width > 0 &&
        tiles.map((tile) => {
          const key = scopeKey(tile);
          const own = perTile.get(key);
          return (
            <QueueTile
              key={key}
              kind={tile.kind}
              name={tile.name}
              title={own?.title ?? tile.name}
              channelKind={tile.channelKind}
              minSample={own?.minSample ?? minSampleFor(config, tile.kind === 'queue' ? tile.name : null)}
              metrics={tile.metrics}
              // A tile with nobody waiting has nothing ticking: a new arrival time alone does not re-render it.
              receivedAt={tile.metrics.waiting > 0 ? receivedAt : 0}
              thresholds={own?.thresholds ?? null}
              window={window}
              spark={sparks.get(key)}
              sparkMetric={sparkMetric}
              density={density}
            />
          );
        })}
    </div>
  );
}

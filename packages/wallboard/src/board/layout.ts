// Geometry: how many columns of tiles fill an area best, and how many list items fit on one page.

export interface GridShape {
  cols: number;
  rows: number;
}

/**
 * Columns × rows for `n` tiles in a `width` × `height` area so each tile is as large as possible while keeping
 * roughly the `aspect` (width ÷ height) the tile is designed for. Scores a layout by the largest tile of that
 * aspect that fits in a cell; ties go to fewer empty cells.
 */
export function bestGrid(n: number, width: number, height: number, gap = 0, aspect = 1.6): GridShape {
  if (n <= 0 || width <= 0 || height <= 0) return { cols: Math.max(1, n), rows: 1 };
  let best: GridShape = { cols: n, rows: 1 };
  let bestScore = -1;
  let bestEmpty = Infinity;
  for (let cols = 1; cols <= n; cols++) {
    const rows = Math.ceil(n / cols);
    const cellW = (width - gap * (cols - 1)) / cols;
    const cellH = (height - gap * (rows - 1)) / rows;
    if (cellW <= 0 || cellH <= 0) continue;
    const fitW = Math.min(cellW, cellH * aspect);
    const score = Math.round(fitW * 10) / 10;
    const empty = cols * rows - n;
    if (score > bestScore || (score === bestScore && empty < bestEmpty)) {
      best = { cols, rows };
      bestScore = score;
      bestEmpty = empty;
    }
  }
  return best;
}

/** Items per page of a grid list: as many columns of at least `minItemWidth` and rows of `itemHeight` as fit. */
export function listCapacity(width: number, height: number, minItemWidth: number, itemHeight: number, gap = 0): GridShape & { perPage: number } {
  const cols = Math.max(1, Math.floor((width + gap) / (minItemWidth + gap)));
  const rows = Math.max(0, Math.floor((height + gap) / (itemHeight + gap)));
  return { cols, rows, perPage: cols * rows };
}

/** Pages needed for `total` items at `perPage` per page (at least 1). */
export function pageCount(total: number, perPage: number): number {
  return perPage > 0 ? Math.max(1, Math.ceil(total / perPage)) : 1;
}

export type TileDensity = 'full' | 'compact' | 'mini';

/**
 * How much a tile of this size (in rem) shows: everything (with the sparkline), the figures without the
 * sparkline, or the chat figures in a tighter arrangement for dense boards (40 queues on one screen: the ticket
 * backlog is left to the larger tiles and the queue boards of fewer queues).
 */
export function tileDensity(widthRem: number, heightRem: number): TileDensity {
  if (heightRem >= 17 && widthRem >= 17) return 'full';
  if (heightRem >= 11.5 && widthRem >= 15) return 'compact';
  return 'mini';
}

/** The size of one cell of a grid. */
export function cellSize(width: number, height: number, shape: GridShape, gap: number): { width: number; height: number } {
  return {
    width: (width - gap * (shape.cols - 1)) / shape.cols,
    height: (height - gap * (shape.rows - 1)) / shape.rows,
  };
}

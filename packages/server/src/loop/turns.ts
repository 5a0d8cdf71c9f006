// Long work split into turns of the event loop, so that requests, timers and replies are served in between
// (the server's longest event-loop stall is a measured target: docs/performance.md).
import { Readable } from 'node:stream';

/**
 * Resolves on a later turn of the event loop, after its timers and the I/O that is ready now. (A timer,
 * not `setImmediate`: an immediate set while I/O callbacks run is run in the same turn, before timers.)
 */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** Yields to the event loop once `budgetMs` of work has run since the last turn. */
export class TurnBudget {
  private since = performance.now();
  constructor(private readonly budgetMs = 8) {}

  async spend(): Promise<void> {
    if (performance.now() - this.since < this.budgetMs) return;
    await nextTurn();
    this.since = performance.now();
  }
}

/**
 * The rows as an object-mode stream, `slice` rows a turn: an insert of many rows is then encoded a slice
 * at a time instead of in one synchronous pass (the ClickHouse client encodes an array whole).
 */
export function rowStream(rows: readonly object[], slice = 500): Readable {
  let next = 0;
  const push = (stream: Readable) => {
    const end = Math.min(rows.length, next + slice);
    for (; next < end; next++) stream.push(rows[next]);
    if (next >= rows.length) stream.push(null);
  };
  return new Readable({
    objectMode: true,
    highWaterMark: slice,
    read() {
      if (next === 0) push(this);
      else void nextTurn().then(() => push(this));
    },
  });
}

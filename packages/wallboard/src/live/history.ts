// Client-side history of `waiting` per queue for the tile sparklines, until the history API exists.
// Time is cut into fixed buckets; a bucket keeps the peak seen in it, so a short spike between two samples
// still shows. Gaps (a sleeping tab) are filled with the last known value. Bounded to `capacity` buckets.

export interface SeriesPoint {
  /** Bucket start, client ms. */
  t: number;
  v: number;
}

export class WaitingHistory {
  private series = new Map<string, SeriesPoint[]>();
  /** The last value observed per queue (not the bucket's peak): what a gap is filled with. */
  private latest = new Map<string, number>();
  private lastBucket: number | null = null;

  constructor(
    readonly capacity = 120,
    readonly bucketMs = 5_000,
  ) {}

  /**
   * Records the current `waiting` of each queue at client time `t`. Call it on every snapshot and on every tick.
   * Returns true when some series changed (each changed series is a new array, so memoized charts can compare by identity).
   */
  observe(values: Record<string, number>, t: number): boolean {
    const bucket = Math.floor(t / this.bucketMs);
    if (this.lastBucket !== null && bucket < this.lastBucket) return false; // clock went back: ignore
    const gap = this.lastBucket === null ? 0 : Math.min(bucket - this.lastBucket, this.capacity);
    let changed = false;

    for (const [queue, v] of Object.entries(values)) {
      const old = this.series.get(queue);
      const lastPoint = old?.[old.length - 1];
      let next: SeriesPoint[];
      if (!old || !lastPoint) {
        next = [{ t: bucket * this.bucketMs, v }];
      } else if (gap === 0) {
        if (v <= lastPoint.v) continue;
        next = [...old.slice(0, -1), { t: lastPoint.t, v }];
      } else {
        next = old.slice();
        // Buckets we slept through carry the last value we saw (waiting only changes with a snapshot).
        const carried = this.latest.get(queue) ?? lastPoint.v;
        for (let i = gap - 1; i >= 1; i--) next.push({ t: (bucket - i) * this.bucketMs, v: carried });
        next.push({ t: bucket * this.bucketMs, v });
      }
      if (next.length > this.capacity) next = next.slice(next.length - this.capacity);
      this.series.set(queue, next);
      changed = true;
    }
    for (const [queue, v] of Object.entries(values)) this.latest.set(queue, v);
    for (const queue of [...this.series.keys()]) {
      if (!(queue in values)) {
        this.series.delete(queue);
        this.latest.delete(queue);
        changed = true;
      }
    }
    this.lastBucket = bucket;
    return changed;
  }

  get(queue: string): SeriesPoint[] {
    return this.series.get(queue) ?? EMPTY;
  }
}

const EMPTY: SeriesPoint[] = [];

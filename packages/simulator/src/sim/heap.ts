// A binary min-heap of scheduled actions ordered by (time, insertion order): ties run in the order
// they were scheduled, which keeps the simulation deterministic.

export interface Action {
  t: number;
  seq: number;
  run: () => void;
}

export class ActionQueue {
  private items: Action[] = [];
  private seq = 0;

  get size(): number {
    return this.items.length;
  }

  push(t: number, run: () => void): void {
    const a: Action = { t, seq: this.seq++, run };
    const h = this.items;
    h.push(a);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  peekTime(): number | undefined {
    return this.items[0]?.t;
  }

  pop(): Action | undefined {
    const h = this.items;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l], h[m])) m = l;
        if (r < h.length && before(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

function before(a: Action, b: Action): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

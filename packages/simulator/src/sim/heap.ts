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
    // sift up: parents later than `a` move down into the hole, then `a` fills it
    let i = h.length;
    h.push(a);
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = h[p];
      if (parent === undefined || !before(a, parent)) break;
      h[i] = parent;
      i = p;
    }
    h[i] = a;
  }

  peekTime(): number | undefined {
    return this.items[0]?.t;
  }

  pop(): Action | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (top === undefined || last === undefined || h.length === 0) return top;
    // sift down from the root: the earlier child moves up into the hole while it is earlier than `last`
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const left = l < h.length ? h[l] : undefined;
      if (left === undefined) break;
      const right = l + 1 < h.length ? h[l + 1] : undefined;
      let m = l;
      let child = left;
      if (right !== undefined && before(right, left)) {
        m = l + 1;
        child = right;
      }
      if (!before(child, last)) break;
      h[i] = child;
      i = m;
    }
    h[i] = last;
    return top;
  }
}

function before(a: Action, b: Action): boolean {
  return a.t < b.t || (a.t === b.t && a.seq < b.seq);
}

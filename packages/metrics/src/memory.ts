// An in-memory store of the live-state data model (hashes and sorted sets), used by the reference model.
import type { Contribution } from './contribution.ts';
import type { StateReader } from './view.ts';

export class MemoryState implements StateReader {
  readonly hashes = new Map<string, Map<string, number | string>>();
  readonly zsets = new Map<string, Map<string, number>>();

  add(c: Contribution): void {
    if (c.k === 'z') {
      let z = this.zsets.get(c.key);
      if (!z) this.zsets.set(c.key, (z = new Map()));
      z.set(c.m, c.s);
      return;
    }
    let h = this.hashes.get(c.key);
    if (!h) this.hashes.set(c.key, (h = new Map()));
    if (c.k === 'n') h.set(c.field, Number(h.get(c.field) ?? 0) + c.d);
    else h.set(c.field, c.v);
  }

  async zcard(key: string): Promise<number> {
    return this.zsets.get(key)?.size ?? 0;
  }
  async zmin(key: string): Promise<number | null> {
    const z = this.zsets.get(key);
    return z && z.size > 0 ? Math.min(...z.values()) : null;
  }
  async zscores(key: string): Promise<number[]> {
    return [...(this.zsets.get(key)?.values() ?? [])].sort((a, b) => a - b);
  }
  async hgetall(key: string): Promise<Record<string, string>> {
    return Object.fromEntries([...(this.hashes.get(key) ?? [])].map(([f, v]) => [f, String(v)]));
  }
}

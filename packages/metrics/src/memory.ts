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
  async zcount(key: string, min: number, max: number): Promise<number> {
    let n = 0;
    for (const v of this.zsets.get(key)?.values() ?? []) if (v >= min && v <= max) n++;
    return n;
  }
  async zrangeByScore(key: string, min: number, max: number, limit: number): Promise<[string, number][]> {
    return [...(this.zsets.get(key) ?? [])]
      .filter(([, v]) => v >= min && v <= max)
      .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, limit);
  }
  async hmget(key: string, fields: string[]): Promise<(string | null)[]> {
    const h = this.hashes.get(key);
    return fields.map((f) => (h?.has(f) ? String(h.get(f)) : null));
  }
  async hgetall(key: string): Promise<Record<string, string>> {
    return Object.fromEntries([...(this.hashes.get(key) ?? [])].map(([f, v]) => [f, String(v)]));
  }
}

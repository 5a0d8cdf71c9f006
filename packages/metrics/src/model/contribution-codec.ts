// The compact form of an item's contributions as its hash stores them (`_c`): each key once, then five
// values per contribution — kind (0 counter, 1 sorted-set member, 2 hash field), index of its key, field or
// member, delta/score/value, expire-at (0 for none). Order is kept. An item stored before this form (a JSON
// array of contribution objects) still decodes.
import type { Contribution } from '../contribution.ts';

interface Compact {
  k: string[];
  c: (string | number)[];
}

const STRIDE = 5;

export function encodeContributions(list: readonly Contribution[]): string {
  const keys: string[] = [];
  const index = new Map<string, number>();
  // filled by push, not pre-sized: an array without holes takes JSON.stringify's fast path
  const c: (string | number)[] = [];
  for (const x of list) {
    let ki = index.get(x.key);
    if (ki === undefined) {
      ki = keys.length;
      keys.push(x.key);
      index.set(x.key, ki);
    }
    if (x.k === 'n') c.push(0, ki, x.field, x.d, x.expireAt ?? 0);
    else if (x.k === 'z') c.push(1, ki, x.m, x.s, x.expireAt ?? 0);
    else c.push(2, ki, x.field, x.v, 0);
  }
  return JSON.stringify({ k: keys, c } satisfies Compact);
}

export function decodeContributions(json: string): Contribution[] {
  const parsed = JSON.parse(json) as Compact | Contribution[];
  if (Array.isArray(parsed)) return parsed; // the form before the compact one
  const { k: keys, c } = parsed;
  if (!Array.isArray(keys) || !Array.isArray(c) || c.length % STRIDE !== 0) throw new Error('stored contributions are malformed');
  const out: Contribution[] = new Array(c.length / STRIDE);
  for (let i = 0, j = 0; i < c.length; i += STRIDE, j++) {
    const key = keys[c[i + 1] as number];
    if (key === undefined) throw new Error('stored contributions are malformed: key index');
    const exp = c[i + 4] as number;
    switch (c[i]) {
      case 0:
        out[j] = exp
          ? { k: 'n', key, field: c[i + 2] as string, d: c[i + 3] as number, expireAt: exp }
          : { k: 'n', key, field: c[i + 2] as string, d: c[i + 3] as number };
        break;
      case 1:
        out[j] = exp
          ? { k: 'z', key, m: c[i + 2] as string, s: c[i + 3] as number, expireAt: exp }
          : { k: 'z', key, m: c[i + 2] as string, s: c[i + 3] as number };
        break;
      case 2:
        out[j] = { k: 'h', key, field: c[i + 2] as string, v: c[i + 3] as string };
        break;
      default:
        throw new Error(`stored contributions are malformed: kind ${String(c[i])}`);
    }
  }
  return out;
}

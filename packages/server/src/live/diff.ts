// The Redis operations that turn an item's old contributions into its new ones.
import { contributionId, type Contribution } from '@pulse/metrics';

export type Op = (string | number)[];

export function diffOps(prefix: string, oldC: Contribution[], newC: Contribution[]): Op[] {
  const ops: Op[] = [];
  const expires = new Map<string, number>();
  const touchExpire = (key: string, at: number | undefined) => {
    if (at !== undefined) expires.set(key, Math.max(expires.get(key) ?? 0, at));
  };
  const oldById = byId(oldC);
  const newById = byId(newC);

  for (const [id, c] of oldById) {
    if (newById.has(id)) continue;
    if (c.k === 'n') {
      ops.push(['n', prefix + c.key, c.field, -c.d]);
      touchExpire(c.key, c.expireAt);
    }
    else if (c.k === 'z') ops.push(['zr', prefix + c.key, c.m]);
    else ops.push(['hd', prefix + c.key, c.field]);
  }
  for (const [id, c] of newById) {
    const before = oldById.get(id);
    if (c.k === 'n') {
      const delta = c.d - (before?.k === 'n' ? before.d : 0);
      if (delta !== 0) {
        ops.push(['n', prefix + c.key, c.field, delta]);
        touchExpire(c.key, c.expireAt);
      }
    } else if (c.k === 'z') {
      if (before?.k !== 'z' || before.s !== c.s) {
        ops.push(['za', prefix + c.key, c.s, c.m]);
        touchExpire(c.key, c.expireAt);
      }
    } else if (before?.k !== 'h' || before.v !== c.v) {
      ops.push(['hs', prefix + c.key, c.field, c.v]);
    }
  }
  for (const [key, at] of expires) ops.push(['x', prefix + key, at]);
  return ops;
}

/**
 * Contributions by identity, as the live state sums them: an item may add to the same counter more than
 * once (two reassignments in one minute); a sorted-set member or hash field takes its last value.
 */
function byId(list: Contribution[]): Map<string, Contribution> {
  const out = new Map<string, Contribution>();
  for (const c of list) {
    const id = contributionId(c);
    const prev = out.get(id);
    if (c.k === 'n' && prev?.k === 'n') {
      out.set(id, { ...prev, d: prev.d + c.d, expireAt: Math.max(prev.expireAt ?? 0, c.expireAt ?? 0) || undefined });
    } else {
      out.set(id, c);
    }
  }
  return out;
}

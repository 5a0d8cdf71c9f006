// What history needs of one item change, computed from the same contributions the live state applies:
// the change of each minute counter, the values added to or removed from percentile and breach sets,
// and the item's summary row. The applier appends them to the facts stream in the same atomic step as
// the live change, so history is the sum of exactly the changes live state made.
import { contributionId, type Contribution, type ItemSummary } from '@pulse/metrics';

export interface Facts {
  /** item key, e.g. `chat:c1` */
  item: string;
  /** the item's version after this change (monotonic per item) */
  v: number;
  /** counter deltas: minute (epoch minutes), scope, counter, delta */
  d: [number, string, string, number][];
  /** set changes: name (frt, sla_breach), scope, member, value, sign (+1 added, −1 removed), minute */
  s: [string, string, string, number, 1 | -1, number][];
  sum: ItemSummary | null;
}

const MINUTE_KEY = /^m:(\d+)$/;
const VALUES_KEY = /^m:(\d+):([a-z_]+):(.+)$/;
const BREACH_KEY = /^slabreach:(.+)$/;

function counters(list: Contribution[]): Map<string, { minute: number; field: string; d: number }> {
  const out = new Map<string, { minute: number; field: string; d: number }>();
  for (const c of list) {
    if (c.k !== 'n') continue;
    const m = MINUTE_KEY.exec(c.key);
    if (!m) continue;
    const id = contributionId(c);
    const prev = out.get(id);
    out.set(id, { minute: Number(m[1]), field: c.field, d: (prev?.d ?? 0) + c.d });
  }
  return out;
}

function members(list: Contribution[]): Map<string, { name: string; scope: string; member: string; value: number; minute: number }> {
  const out = new Map<string, { name: string; scope: string; member: string; value: number; minute: number }>();
  for (const c of list) {
    if (c.k !== 'z') continue;
    const v = VALUES_KEY.exec(c.key);
    if (v) {
      out.set(contributionId(c), { name: v[2], scope: v[3], member: c.m, value: c.s, minute: Number(v[1]) });
      continue;
    }
    const b = BREACH_KEY.exec(c.key);
    if (b) out.set(contributionId(c), { name: 'sla_breach', scope: b[1], member: c.m, value: c.s, minute: Math.floor(c.s / 60_000) });
  }
  return out;
}

export function historyFacts(item: string, version: number, oldC: Contribution[], newC: Contribution[], summary: ItemSummary | null): Facts | null {
  const d: Facts['d'] = [];
  const before = counters(oldC);
  const after = counters(newC);
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const b = before.get(id);
    const a = after.get(id);
    const delta = (a?.d ?? 0) - (b?.d ?? 0);
    if (delta === 0) continue;
    const { minute, field } = (a ?? b)!;
    const sep = field.lastIndexOf('|');
    d.push([minute, field.slice(0, sep), field.slice(sep + 1), delta]);
  }
  const s: Facts['s'] = [];
  const oldM = members(oldC);
  const newM = members(newC);
  for (const [id, o] of oldM) {
    const n = newM.get(id);
    if (!n || n.value !== o.value) s.push([o.name, o.scope, o.member, o.value, -1, o.minute]);
  }
  for (const [id, n] of newM) {
    const o = oldM.get(id);
    if (!o || o.value !== n.value) s.push([n.name, n.scope, n.member, n.value, 1, n.minute]);
  }
  if (d.length === 0 && s.length === 0 && summary === null) return null;
  return { item, v: version, d, s, sum: summary };
}

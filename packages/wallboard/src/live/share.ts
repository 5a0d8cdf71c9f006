// Structural sharing for live snapshots, cheaper than react-query's generic deep compare: the parts the board
// renders from (each queue's and channel's figures, each agent, the SLA lists, the alerts) keep their identity
// when unchanged, so memoized tiles and rows skip the update. The shape is known, so this compares fields, not trees.
import type { AgentView, ScopeMetrics, Snapshot, Staffing, WindowMetrics } from '@pulse/contracts';
import type { LiveData } from './types.ts';

const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;

/** Whether the plain fields (numbers, strings, booleans, null) of `a` and `b` are equal; nested objects are left to
 * their own comparison. null is a value here: null → 12 (a ratio getting its first denominator) is a change. */
function sameFields<T extends object>(a: T, b: T): boolean {
  for (const k in b) {
    const x = a[k];
    const y = b[k];
    if (x !== y && !(isObject(x) && isObject(y))) return false;
  }
  for (const k in a) if (!(k in b) && a[k] !== undefined) return false;
  return true;
}

function sameWindow(a: WindowMetrics, b: WindowMetrics): boolean {
  return sameFields(a, b);
}

/** Every field of a queue's staffing, nulls included (all are numbers, booleans or null). */
function sameStaffing(a: Staffing | undefined, b: Staffing | undefined): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  for (const k of Object.keys(b) as (keyof Staffing)[]) if (a[k] !== b[k]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}

function sameScope(a: ScopeMetrics, b: ScopeMetrics): boolean {
  if (!sameFields(a, b)) return false;
  // a queue's staffing (an object, skipped by sameFields) can change alone, e.g. with an agent's chat capacity
  if (!sameStaffing(a.staffing, b.staffing)) return false;
  const wa = a.windows;
  const wb = b.windows;
  return wa === wb || (!!wa && !!wb && sameWindow(wa['15m'], wb['15m']) && sameWindow(wa['60m'], wb['60m']) && sameWindow(wa.today, wb.today));
}

function sameAgent(a: AgentView, b: AgentView): boolean {
  return (
    sameFields(a, b) &&
    a.queues.length === b.queues.length &&
    a.queues.every((q, i) => q === b.queues[i]) &&
    a.timeline.length === b.timeline.length &&
    a.timeline.at(-1)?.at === b.timeline.at(-1)?.at
  );
}

function shareScopes(prev: Record<string, ScopeMetrics>, next: Record<string, ScopeMetrics>): Record<string, ScopeMetrics> {
  let all = Object.keys(prev).length === Object.keys(next).length;
  const out: Record<string, ScopeMetrics> = {};
  for (const [name, n] of Object.entries(next)) {
    const p = prev[name];
    const keep = p !== undefined && sameScope(p, n);
    out[name] = keep ? p : n;
    if (!keep) all = false;
  }
  return all ? prev : out;
}

function shareList<T>(prev: T[], next: T[], same: (a: T, b: T) => boolean): T[] {
  let all = prev.length === next.length;
  const out = next.map((n, i) => {
    const p = prev[i];
    if (p !== undefined && same(p, n)) return p;
    all = false;
    return n;
  });
  return all ? prev : out;
}

const sameJson = <T>(a: T, b: T): boolean => JSON.stringify(a) === JSON.stringify(b);

export function shareSnapshot(prev: Snapshot, next: Snapshot): Snapshot {
  const sla = shareList(prev.sla.breached, next.sla.breached, sameFields);
  const risk = shareList(prev.sla.at_risk, next.sla.at_risk, sameFields);
  return {
    ...next,
    overall: sameScope(prev.overall, next.overall) ? prev.overall : next.overall,
    queues: shareScopes(prev.queues, next.queues),
    channels: shareScopes(prev.channels ?? {}, next.channels ?? {}),
    agents: shareList(prev.agents ?? [], next.agents ?? [], sameAgent),
    sla:
      sla === prev.sla.breached && risk === prev.sla.at_risk && sameJson(prev.sla.total, next.sla.total)
        ? prev.sla
        : { ...next.sla, breached: sla, at_risk: risk },
    alerts: sameJson(prev.alerts, next.alerts) ? prev.alerts : next.alerts,
  };
}

/** react-query's `structuralSharing` for the live query. */
export function shareLiveData(prev: unknown, next: unknown): LiveData {
  const n = next as LiveData;
  const p = prev as LiveData | undefined;
  if (!p?.snapshot || !n?.snapshot) return n;
  try {
    return { snapshot: shareSnapshot(p.snapshot, n.snapshot), receivedAt: n.receivedAt };
  } catch {
    // A snapshot not of the expected shape is shown as it is (no sharing) rather than dropped.
    return n;
  }
}

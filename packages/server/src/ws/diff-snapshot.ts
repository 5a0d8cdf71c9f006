// The patch from the state a stream's clients hold (`model`, what applyPatch gave them) to the snapshot just
// built: only what changed (SPEC §3). Time-only figures are compared with what the clients will work out
// themselves (contracts/live-patch.ts), within a millisecond.
import {
  advanceScope,
  own,
  setOwn,
  type AgentChange,
  type AgentView,
  type Alert,
  type AlertChange,
  type LivePatch,
  type ScopeMetrics,
  type SlaItem,
  type SlaKey,
  type SlaListChange,
  type Snapshot,
} from '@pulse/contracts';

/** seconds within which a figure the client advances by itself counts as right */
const NEAR_S = 0.001;
const TIME_FIELDS = new Set(['longest_wait_s', 'oldest_unassigned_s']);
/** top-level fields with their own ops */
const OWN_OPS = new Set(['at', 'overall', 'queues', 'channels', 'agents', 'sla', 'alerts']);

type Obj = Record<string, unknown>;
const ownOf = (o: Obj, k: string): unknown => (Object.hasOwn(o, k) ? o[k] : undefined);
const put = (o: Obj, k: string, v: unknown) => setOwn<unknown>(o, k, v);
const isPlain = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep equality of JSON values (NaN equals NaN; an undefined field is an absent one). */
export function same(a: unknown, b: unknown): boolean {
  if (Object.is(a, b) || a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Obj)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Obj)[k] !== undefined);
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (!Object.hasOwn(b, k) || !same((a as Obj)[k], (b as Obj)[k])) return false;
  return true;
}

/** The fields of `b` that differ from `a` (nested objects as changes), `$unset` for those gone; null when none. */
export function diffObject(a: Obj, b: Obj, near?: Set<string>, skip?: Set<string>): Obj | null {
  const out: Obj = {};
  let any = false;
  for (const [k, v] of Object.entries(b)) {
    if (v === undefined || skip?.has(k)) continue;
    const p = ownOf(a, k);
    if (p === undefined) {
      put(out, k, v);
      any = true;
    } else if (isPlain(v) && isPlain(p)) {
      const c = diffObject(p, v);
      if (c) {
        put(out, k, c);
        any = true;
      }
    } else if (near?.has(k) && typeof v === 'number' && typeof p === 'number' && Math.abs(v - p) < NEAR_S) {
      continue;
    } else if (!same(p, v)) {
      put(out, k, v);
      any = true;
    }
  }
  const gone = Object.keys(a).filter((k) => a[k] !== undefined && !skip?.has(k) && ownOf(b, k) === undefined);
  if (gone.length > 0) {
    out.$unset = gone;
    any = true;
  }
  return any ? out : null;
}

function diffScopes(model: Record<string, ScopeMetrics>, built: Record<string, ScopeMetrics>, dt: number) {
  let changes: Record<string, Obj> | undefined;
  for (const [name, m] of Object.entries(built)) {
    const before = own(model, name);
    const c = before === undefined ? (m as unknown as Obj) : diffObject(advanceScope(before, dt) as unknown as Obj, m as unknown as Obj, TIME_FIELDS);
    if (c) setOwn((changes ??= {}), name, c);
  }
  const removed = Object.keys(model).filter((name) => own(built, name) === undefined);
  return { changes, removed: removed.length > 0 ? removed : undefined };
}

const timelineSame = (a: AgentView['timeline'], b: AgentView['timeline'], n: number) => {
  // n is at most the length of either
  for (let i = 0; i < n; i++) if (a[i]!.at !== b[i]!.at || a[i]!.status !== b[i]!.status) return false;
  return true;
};

const NO_TIMELINE = new Set(['timeline']);

function diffAgent(before: AgentView, a: AgentView): AgentChange | null {
  const c = diffObject(before as unknown as Obj, a as unknown as Obj, undefined, NO_TIMELINE) as AgentChange | null;
  const old = before.timeline ?? [];
  const now = a.timeline ?? [];
  if (now.length === old.length && timelineSame(old, now, old.length)) return c ? { ...c, id: a.id } : null;
  const out: AgentChange = { ...(c ?? {}), id: a.id };
  // sent once, then appended: only a timeline that was not an extension (a new day) goes whole
  if (now.length > old.length && timelineSame(old, now, old.length)) out.timeline_added = now.slice(old.length);
  else out.timeline = now;
  return out;
}

/** Changes of a list of things with ids; `order` when applying would not give the built order. */
function diffList<T extends { id: string }, C>(model: T[], built: T[], change: (before: T | undefined, x: T) => C | null, prev?: T[]) {
  const before = new Map(model.map((x) => [x.id, x] as const));
  const prevById = prev ? new Map(prev.map((x) => [x.id, x] as const)) : null;
  const set: C[] = [];
  for (const x of built) {
    if (prevById?.get(x.id) === x && before.has(x.id)) continue; // the very object already diffed against
    const c = change(before.get(x.id), x);
    if (c) set.push(c);
  }
  const ids = new Set(built.map((x) => x.id));
  const removed = model.filter((x) => !ids.has(x.id)).map((x) => x.id);
  // applying keeps the remaining order and appends the new ones
  const applied = [...model.filter((x) => ids.has(x.id)).map((x) => x.id), ...built.filter((x) => !before.has(x.id)).map((x) => x.id)];
  const ordered = applied.length === built.length && applied.every((id, i) => id === built[i]?.id);
  if (set.length === 0 && removed.length === 0 && ordered) return undefined;
  return {
    ...(set.length > 0 ? { set } : {}),
    ...(removed.length > 0 ? { removed } : {}),
    ...(ordered ? {} : { order: built.map((x) => x.id) }),
  };
}

const slaKeyOf = (i: SlaItem) => `${i.ticket_id}\u0000${i.target}`;
const NO_REMAINING = new Set(['remaining_s']);

function diffSla(model: SlaItem[], built: SlaItem[]): SlaListChange | undefined {
  const before = new Map(model.map((i) => [slaKeyOf(i), i] as const));
  const keys = new Set<string>();
  const set: SlaItem[] = [];
  for (const i of built) {
    const k = slaKeyOf(i);
    keys.add(k);
    const b = before.get(k);
    if (!b || diffObject(b as unknown as Obj, i as unknown as Obj, undefined, NO_REMAINING)) set.push(i);
  }
  const removed: SlaKey[] = model.filter((i) => !keys.has(slaKeyOf(i))).map((i) => [i.ticket_id, i.target]);
  if (set.length === 0 && removed.length === 0) return undefined;
  return { ...(set.length > 0 ? { set } : {}), ...(removed.length > 0 ? { removed } : {}) };
}

/**
 * The patch taking `model` to `built`, or null when nothing but time moved on. `prev`, the snapshot `model`
 * was last brought to, lets unchanged agents and alerts (the same objects) be skipped without comparing them.
 */
export function diffSnapshot(model: Snapshot, built: Snapshot, seq: number, prev?: Snapshot): LivePatch | null {
  const dt = (Date.parse(built.at) - Date.parse(model.at)) / 1000;
  const patch: LivePatch = { type: 'patch', seq, at: built.at };
  let any = false;
  const overall = diffObject(advanceScope(model.overall, dt) as unknown as Obj, built.overall as unknown as Obj, TIME_FIELDS);
  if (overall) (patch.overall = overall), (any = true);
  const queues = diffScopes(model.queues, built.queues, dt);
  const channels = diffScopes(model.channels, built.channels, dt);
  if (queues.changes) (patch.queues = queues.changes), (any = true);
  if (channels.changes) (patch.channels = channels.changes), (any = true);
  if (queues.removed || channels.removed) {
    patch.removed = { ...(queues.removed ? { queues: queues.removed } : {}), ...(channels.removed ? { channels: channels.removed } : {}) };
    any = true;
  }
  const agents = diffList(model.agents, built.agents, (b, a) => (b ? diffAgent(b, a) : (a as AgentChange)), prev?.agents);
  if (agents) (patch.agents = agents), (any = true);
  const alerts =
    prev && prev.alerts === built.alerts && model.alerts.length === built.alerts.length
      ? undefined
      : diffList<Alert, AlertChange>(model.alerts, built.alerts, (b, a) => {
          if (!b) return a;
          const c = diffObject(b as unknown as Obj, a as unknown as Obj);
          return c ? ({ ...c, id: a.id } as AlertChange) : null;
        });
  if (alerts) (patch.alerts = alerts), (any = true);
  const breached = diffSla(model.sla.breached, built.sla.breached);
  const atRisk = diffSla(model.sla.at_risk, built.sla.at_risk);
  const total = built.sla.total && !same(model.sla.total, built.sla.total) ? built.sla.total : undefined;
  if (breached || atRisk || total) {
    patch.sla = { ...(breached ? { breached } : {}), ...(atRisk ? { at_risk: atRisk } : {}), ...(total ? { total } : {}) };
    any = true;
  }
  const fields = diffObject(model as unknown as Obj, built as unknown as Obj, undefined, OWN_OPS);
  if (fields) (patch.fields = fields), (any = true);
  return any ? patch : null;
}

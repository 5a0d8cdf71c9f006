// What an applied batch changed in live state, named from the Redis operations the applier ran (diff.ts), so
// that every instance's view re-reads only those parts: the payload of the bus message 'live.changed'.
import { agentOf, parseLiveKey, parseScopedField, SCOPE_SETS, type ScopeSet } from '@pulse/metrics';
import type { Op } from '../diff.ts';

export { SCOPE_SETS, type ScopeSet };

export interface LiveChange {
  /** per set, the scopes whose set of that name changed */
  sets: Partial<Record<ScopeSet, string[]>>;
  /** agents whose state, chats, tickets or day counters changed */
  agents: string[];
  /** SLA targets (`ticket|target`, members of `sladue:*`, `slarisk:*`, fields of `slainfo`) */
  sla: string[];
  /** counter fields changed, per bucket (`m:<minute>`, `d:<date>`) */
  fields: [bucket: string, fields: string[]][];
  /** first-reply value sets changed (`<bucket>:frt:<scope>`) */
  values: string[];
  /** of those, the members added, changed or removed, per set (a set in `values` without them is read whole) */
  valueMembers?: [key: string, members: string[]][];
  /** scopes may have appeared or gone (their item counts changed) */
  scopeList?: boolean;
  /** more changed than is worth naming: read everything again */
  full?: boolean;
}

/** Beyond this many names a change is `full`: the view reads everything again rather than each part. */
const MAX_NAMES = 20_000;

const isScopeSet = (s: string): s is ScopeSet => (SCOPE_SETS as readonly string[]).includes(s);

/** The scope of a bucket counter field (`<scope>|<counter>`: counters have no `|`, scopes may); throws on others. */
export const fieldScope = (field: string): string => parseScopedField(field).scope;

/** Names of what changed, merged from changes (both ends: the applier collects, the view accumulates). */
class Names {
  sets = new Map<ScopeSet, Set<string>>();
  agents = new Set<string>();
  sla = new Set<string>();
  fields = new Map<string, Set<string>>();
  values = new Set<string>();
  /** members of value sets changed, per set */
  valueMembers = new Map<string, Set<string>>();
  /** value sets changed without their members named: read whole */
  valuesWhole = new Set<string>();
  scopeList = false;
  full = false;
  private count = 0;

  protected note(set: Set<string>, name: string): void {
    if (!set.has(name)) {
      set.add(name);
      if (++this.count > MAX_NAMES) this.full = true;
    }
  }

  protected inSet(kind: ScopeSet, scope: string): void {
    let set = this.sets.get(kind);
    if (!set) this.sets.set(kind, (set = new Set()));
    this.note(set, scope);
  }

  protected valueMember(key: string, member: string): void {
    let set = this.valueMembers.get(key);
    if (!set) this.valueMembers.set(key, (set = new Set()));
    this.note(set, member);
  }

  protected field(bucket: string, field: string): void {
    let set = this.fields.get(bucket);
    if (!set) this.fields.set(bucket, (set = new Set()));
    this.note(set, field);
  }

  get empty(): boolean {
    return !this.full && this.count === 0 && !this.scopeList;
  }

  /** What was noted, as the bus carries it. */
  toChange(): LiveChange {
    if (this.full) return { sets: {}, agents: [], sla: [], fields: [], values: [], full: true };
    return {
      sets: Object.fromEntries([...this.sets].map(([k, v]) => [k, [...v]])),
      agents: [...this.agents],
      sla: [...this.sla],
      fields: [...this.fields].map(([k, f]) => [k, [...f]]),
      values: [...this.values],
      ...(this.valueMembers.size > 0 ? { valueMembers: [...this.valueMembers].map(([k, m]): [string, string[]] => [k, [...m]]) } : {}),
      ...(this.scopeList ? { scopeList: true } : {}),
    };
  }
}

/** The applier's side: the operations of the items it applied since it last notified. */
export class ChangeCollector extends Names {
  constructor(private readonly prefix: string) {
    super();
  }

  /** Notes the operations of one applied item. */
  add(ops: Op[]): void {
    if (this.full) return;
    for (const op of ops) this.op(op);
  }

  private op(op: Op): void {
    const kind = op[0];
    const key = parseLiveKey(String(op[1]).slice(this.prefix.length));
    if (kind === 'n') {
      if (key.kind === 'hash' && key.name === 'scopes') this.scopeList = true;
      else if (key.kind === 'minute' || key.kind === 'day') {
        const field = String(op[2]);
        const bucket = String(op[1]).slice(this.prefix.length);
        this.field(bucket, field);
        const agent = agentOf(fieldScope(field));
        if (agent !== null) this.note(this.agents, agent);
      }
    } else if (kind === 'za' || kind === 'zr') {
      if (key.kind === 'values') {
        const values = String(op[1]).slice(this.prefix.length);
        this.note(this.values, values);
        return this.valueMember(values, String(op[kind === 'za' ? 3 : 2]));
      }
      if (key.kind === 'scopeSet') {
        this.inSet(key.set, key.scope);
        if (key.set === 'sladue' || key.set === 'slarisk') this.note(this.sla, String(op[kind === 'za' ? 3 : 2]));
      } else if (key.kind === 'agentSet') this.note(this.agents, key.agent);
    } else if (kind === 'hs' || kind === 'hd') {
      if (key.kind !== 'hash') return;
      if (key.name === 'agents') this.note(this.agents, String(op[2]));
      else if (key.name === 'slainfo') this.note(this.sla, String(op[2]));
    }
  }

  /** What was noted since the last take, and forgets it. */
  take(): LiveChange {
    const out = this.toChange();
    Object.assign(this, new ChangeCollector(this.prefix));
    return out;
  }
}

/** The view's side: changes received but not yet read, merged (read all at its next refresh). */
export class PendingChanges extends Names {
  constructor() {
    super();
    this.full = true; // nothing read yet
  }

  add(change: LiveChange | null | undefined): void {
    if (this.full) return;
    if (!change || change.full) {
      this.full = true;
      return;
    }
    for (const [kind, scopes] of Object.entries(change.sets ?? {})) if (isScopeSet(kind)) for (const s of scopes ?? []) this.inSet(kind, s);
    for (const a of change.agents) this.note(this.agents, a);
    for (const m of change.sla) this.note(this.sla, m);
    const members = new Map(change.valueMembers ?? []);
    for (const v of change.values) {
      this.note(this.values, v);
      const named = members.get(v);
      if (named === undefined) this.valuesWhole.add(v);
      else for (const m of named) this.valueMember(v, m);
    }
    for (const [bucket, fields] of change.fields) for (const f of fields) this.field(bucket, f);
    if (change.scopeList) this.scopeList = true;
  }

  /** Everything again. */
  invalidate(): void {
    this.full = true;
  }

  /** What is pending, and starts afresh (with nothing pending). */
  take(): PendingChanges {
    const out = Object.assign(new PendingChanges(), this);
    Object.assign(this, new PendingChanges(), { full: false });
    return out;
  }
}

// What an applied batch changed in live state, named from the Redis operations the applier ran (diff.ts), so
// that every instance's view re-reads only those parts: the payload of the bus message 'live.changed'.
import type { Op } from '../diff.ts';

export interface LiveChange {
  /** scopes whose sets changed: waiting, active, unsolved, unassigned chats and tickets, SLA targets and breaches */
  scopes: string[];
  /** agents whose state, chats, tickets or day counters changed */
  agents: string[];
  /** SLA targets (`ticket|target`, members of `sladue:*`, `slarisk:*`, fields of `slainfo`) */
  sla: string[];
  /** counter fields changed, per bucket (`m:<minute>`, `d:<date>`) */
  fields: [bucket: string, fields: string[]][];
  /** first-reply value sets changed (`<bucket>:frt:<scope>`) */
  values: string[];
  /** scopes may have appeared or gone (their item counts changed) */
  scopeList?: boolean;
  /** more changed than is worth naming: read everything again */
  full?: boolean;
}

/** Beyond this many names a change is `full`: the view reads everything again rather than each part. */
const MAX_NAMES = 20_000;

const isBucket = (key: string) => key.startsWith('m:') || key.startsWith('d:');

/** The scope of a bucket counter field (`<scope>|<counter>`: counters have no `|`, scopes may). */
export const fieldScope = (field: string): string => field.slice(0, field.lastIndexOf('|'));

export class ChangeCollector {
  private scopes = new Set<string>();
  private agents = new Set<string>();
  private sla = new Set<string>();
  private fields = new Map<string, Set<string>>();
  private values = new Set<string>();
  private scopeList = false;
  private full = false;
  private names = 0;

  constructor(private readonly prefix: string) {}

  get empty(): boolean {
    return !this.full && this.names === 0 && !this.scopeList;
  }

  /** Notes the operations of one applied item. */
  add(ops: Op[]): void {
    if (this.full) return;
    for (const op of ops) this.op(op);
    if (this.names > MAX_NAMES) this.full = true;
  }

  private note(set: Set<string>, name: string): void {
    if (!set.has(name)) {
      set.add(name);
      this.names++;
    }
  }

  private op(op: Op): void {
    const kind = op[0];
    const key = String(op[1]).slice(this.prefix.length);
    if (kind === 'n') {
      if (key === 'scopes') {
        this.scopeList = true;
        return;
      }
      if (!isBucket(key)) return;
      const field = String(op[2]);
      let set = this.fields.get(key);
      if (!set) this.fields.set(key, (set = new Set()));
      this.note(set, field);
      const scope = fieldScope(field);
      if (scope.startsWith('agent:')) this.note(this.agents, scope.slice(6));
    } else if (kind === 'za' || kind === 'zr') {
      const member = String(op[kind === 'za' ? 3 : 2]);
      const colon = key.indexOf(':');
      const set = key.slice(0, colon);
      const rest = key.slice(colon + 1);
      if (isBucket(key)) this.note(this.values, key);
      else if (set === 'waiting' || set === 'active' || set === 'unsolved' || set === 'unassigned' || set === 'slabreach') this.note(this.scopes, rest);
      else if (set === 'sladue' || set === 'slarisk') {
        this.note(this.scopes, rest);
        this.note(this.sla, member);
      } else if (set === 'agentchats' || set === 'agenttickets') this.note(this.agents, rest);
    } else if (kind === 'hs' || kind === 'hd') {
      if (key === 'agents') this.note(this.agents, String(op[2]));
      else if (key === 'slainfo') this.note(this.sla, String(op[2]));
    }
  }

  /** What was noted since the last take, and forgets it. */
  take(): LiveChange {
    const out: LiveChange = this.full
      ? { scopes: [], agents: [], sla: [], fields: [], values: [], full: true }
      : {
          scopes: [...this.scopes],
          agents: [...this.agents],
          sla: [...this.sla],
          fields: [...this.fields].map(([k, f]) => [k, [...f]]),
          values: [...this.values],
          ...(this.scopeList ? { scopeList: true } : {}),
        };
    this.scopes = new Set();
    this.agents = new Set();
    this.sla = new Set();
    this.fields = new Map();
    this.values = new Set();
    this.scopeList = false;
    this.full = false;
    this.names = 0;
    return out;
  }
}

/** Changes received but not yet read, merged (the view reads them all at its next refresh). */
export class PendingChanges {
  scopes = new Set<string>();
  agents = new Set<string>();
  sla = new Set<string>();
  fields = new Map<string, Set<string>>();
  values = new Set<string>();
  scopeList = false;
  full = true;
  private names = 0;

  add(change: LiveChange | null | undefined): void {
    if (this.full) return;
    if (!change || change.full) {
      this.full = true;
      return;
    }
    const noteAll = (set: Set<string>, names: string[]) => {
      for (const n of names) set.add(n);
      this.names += names.length;
    };
    noteAll(this.scopes, change.scopes);
    noteAll(this.agents, change.agents);
    noteAll(this.sla, change.sla);
    noteAll(this.values, change.values);
    for (const [key, fields] of change.fields) {
      let set = this.fields.get(key);
      if (!set) this.fields.set(key, (set = new Set()));
      noteAll(set, fields);
    }
    if (change.scopeList) this.scopeList = true;
    if (this.names > MAX_NAMES) this.full = true;
  }

  /** Everything again. */
  invalidate(): void {
    this.full = true;
  }

  /** What is pending, and starts afresh. */
  take(): PendingChanges {
    const out = Object.assign(new PendingChanges(), this);
    this.scopes = new Set();
    this.agents = new Set();
    this.sla = new Set();
    this.fields = new Map();
    this.values = new Set();
    this.scopeList = false;
    this.full = false;
    this.names = 0;
    return out;
  }
}

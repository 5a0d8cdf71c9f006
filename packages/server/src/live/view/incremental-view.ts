// An instance's own view of live state, kept between snapshots: the change notifications (change.ts) say which
// scopes, agents, counters and SLA targets changed, and a refresh re-reads only those; time is followed too
// (SLA moments that passed, the windows rolling over once a minute). A full re-read is the safety net: at
// start, every `fullEveryMs`, after a lost notification may have been missed (Redis reconnected) or a failed
// read, and when time runs backwards.
import { WINDOWS, own, setOwn, type WindowName } from '@pulse/contracts';
import {
  agentOf,
  agentSetKey,
  LIVE_HASH,
  scopeSetKey,
  channelOf,
  liveScopes,
  localDate,
  loadView,
  minuteOf,
  OVERALL,
  parseLiveKey,
  queueScope,
  setBucketFields,
  windowBuckets,
  windowStarts,
  type AgentState,
  type LiveView,
  type SlaInfo,
  type ZSummary,
} from '@pulse/metrics';
import type { RedisStateReader } from '../reader.ts';
import { fieldScope, PendingChanges, type LiveChange, type ScopeSet } from './change.ts';
import { SlaTracker } from './sla-tracker.ts';

/** What a refresh changed, for the snapshot builder: only these are computed again. */
export interface Dirty {
  /** everything (a full read, the windows rolled over) */
  all: boolean;
  scopes: Set<string>;
  /** of those, the scopes whose window figures changed (their counters, first-reply values or breaches) */
  windows: Set<string>;
  agents: Set<string>;
  /** the followed SLA targets changed (or some became breached) */
  sla: boolean;
}

/** The parts of a scope's instant figures a refresh reads: each set, the SLA counts, the breaches in the windows. */
type Part = 'waiting' | 'active' | 'unsolved' | 'unassigned' | 'sla' | 'breach';
const ALL_PARTS: Part[] = ['waiting', 'active', 'unsolved', 'unassigned', 'sla', 'breach'];
const PART_OF: Record<ScopeSet, Part> = {
  waiting: 'waiting',
  active: 'active',
  unsolved: 'unsolved',
  unassigned: 'unassigned',
  sladue: 'sla',
  slarisk: 'sla',
  slabreach: 'breach',
};

function addParts(parts: Map<string, Set<Part>>, scope: string, ...what: Part[]): void {
  let set = parts.get(scope);
  if (!set) parts.set(scope, (set = new Set()));
  for (const w of what) set.add(w);
}

/** More SLA moments than this in one refresh, or followed targets: read everything again. */
const MAX_MOMENTS = 10_000;
export const MAX_FOLLOWED = 50_000;

const byId = (a: AgentState, b: AgentState) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const sameQueues = (a: string[], b: string[]) => a.length === b.length && a.every((q, i) => q === b[i]);

/** Whether the scopes holding items (use count > 0: liveScopes) differ between two readings of the counts. */
function holdersChanged(before: Map<string, number>, after: Map<string, number>): boolean {
  let held = 0;
  for (const [s, n] of after) {
    if (!(n > 0)) continue;
    held++;
    if (!((before.get(s) ?? 0) > 0)) return true;
  }
  for (const n of before.values()) if (n > 0) held--;
  return held !== 0;
}

/** A whole value set is read with this limit (every member). */
const WHOLE_SET = Number.MAX_SAFE_INTEGER;

/** The first position in ascending `values` holding a value not below `v`. */
function lowerBound(values: number[], v: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A set's values (ascending, as Redis orders them) after some of its members took new values (null: gone): a new
 * array; `members` (member → value) is brought up to date with them.
 */
function movedValues(values: number[], members: Map<string, number>, named: string[], now: (number | null)[]): number[] {
  const out = values.slice();
  named.forEach((m, i) => {
    const before = members.get(m);
    const after = now[i] ?? null;
    if (before === after) return;
    if (before !== undefined) {
      out.splice(lowerBound(out, before), 1);
      members.delete(m);
    }
    if (after !== null) {
      out.splice(lowerBound(out, after), 0, after);
      members.set(m, after);
    }
  });
  return out;
}

/** The scope of a values key (`<bucket>:frt:<scope>`); throws on any other key. */
const valuesScope = (key: string): string => {
  const k = parseLiveKey(key);
  if (k.kind !== 'values') throw new Error(`not a values key: ${JSON.stringify(key)}`);
  return k.scope;
};

export class IncrementalView {
  private state: LiveView | null = null;
  private counts = new Map<string, number>();
  readonly sla = new SlaTracker();
  private minute = -1;
  private day = '';
  private lastNow = 0;
  private lastFull = 0;
  private readonly pending = new PendingChanges();
  /**
   * The members of value sets read whole with them (`<bucket>:frt:<scope>` → member → value): a change naming its
   * members then reads only theirs (a day's set holds every first reply of the day). Sets not here are read whole.
   */
  private members = new Map<string, Map<string, number>>();
  /** refreshes by kind, for /metrics and tests */
  readonly refreshes = { full: 0, incremental: 0 };
  /** the last refresh: its round trips to Redis one after the other, and the ms each waited (tests, benchmarks) */
  lastRefresh: { trips: number[] } = { trips: [] };
  /** first-reply value sets read so far: whole (with their members), or only the members a change named */
  readonly valueReads = { whole: 0, members: 0 };

  constructor(
    private readonly r: RedisStateReader,
    private readonly timeZone: string,
    private readonly extraQueues: string[],
    private readonly fullEveryMs: number,
  ) {}

  get view(): LiveView | null {
    return this.state;
  }

  /** A change notification: read at the next refresh (none, or a change without names: everything). */
  note(change: LiveChange | null | undefined): void {
    this.pending.add(change);
  }

  /** Reads everything at the next refresh. */
  invalidate(): void {
    this.pending.invalidate();
  }

  /** Brings the view to `now` (never earlier than the last refresh, but for a full read); says what changed. */
  async refresh(requested: number): Promise<Dirty> {
    const backwards = requested < this.lastNow - 1000;
    if (this.state === null || backwards || requested - this.lastFull >= this.fullEveryMs) this.pending.invalidate();
    const p = this.pending.take();
    this.lastRefresh = { trips: [] };
    try {
      if (p.full) return await this.readAll(requested);
      return await this.readChanged(p, Math.max(requested, this.lastNow));
    } catch (e) {
      this.pending.invalidate();
      throw e;
    }
  }

  private async readAll(now: number): Promise<Dirty> {
    const [view, counts, followed] = await Promise.all([
      loadView(this.r, now, this.timeZone, this.extraQueues),
      this.r.hgetall(LIVE_HASH.scopes),
      this.readFollowed(now),
    ]);
    this.counts = new Map(Object.entries(counts).map(([s, n]) => [s, Number(n)]));
    this.members = new Map();
    this.sla.reset(followed, now);
    // the followed targets are the tracker's (snapshots list them from its index, in order)
    view.slaTargets = [];
    this.state = view;
    this.minute = minuteOf(now);
    this.day = localDate(now, this.timeZone);
    this.lastNow = this.lastFull = now;
    this.refreshes.full++;
    return { all: true, scopes: new Set(view.scopes), windows: new Set(view.scopes), agents: new Set(view.agents.map((a) => a.id)), sla: true };
  }

  /** Every open target at risk or breached now, with its details. */
  private async readFollowed(now: number): Promise<[string, SlaInfo][]> {
    const risky = await this.r.zrangeByScore(scopeSetKey('slarisk', OVERALL), -Infinity, now, MAX_FOLLOWED);
    if (risky.length === 0) return [];
    const infos = await this.r.hmget(
      LIVE_HASH.slainfo,
      risky.map(([m]) => m),
    );
    const out: [string, SlaInfo][] = [];
    infos.forEach((v, i) => {
      const member = risky[i]?.[0];
      if (v !== null && member !== undefined) out.push([member, JSON.parse(v) as SlaInfo]);
    });
    return out;
  }

  private async readChanged(p: PendingChanges, now: number): Promise<Dirty> {
    const view = this.state!;
    const dirty: Dirty = { all: false, scopes: new Set(), windows: new Set(), agents: new Set(), sla: false };
    const windows = windowBuckets(now, this.timeZone);
    const inWindow = new Set([...windows['60m'], ...windows.today]);
    const rolled = minuteOf(now) !== this.minute;
    const newDay = localDate(now, this.timeZone) !== this.day;
    const agentIds = [...p.agents];
    const slaMembers = [...p.sla];
    const fieldReads = [...p.fields].filter(([key]) => inWindow.has(key) && own(view.buckets, key) !== undefined);
    const valueKeysChanged = [...p.values].filter((key) => inWindow.has(key.slice(0, key.indexOf(':', 2))));
    // a set whose members are known and named: only those members' values; any other: the whole set, with members
    const memberReads = valueKeysChanged.flatMap((key): [string, string[]][] => {
      const named = p.valueMembers.get(key);
      return named && !p.valuesWhole.has(key) && this.members.has(key) ? [[key, [...named]]] : [];
    });
    const valueReads = valueKeysChanged.filter((key) => !memberReads.some(([k]) => k === key));
    const since = this.sla.checkedAt;
    const starts = windowStarts(now, this.timeZone);
    // the sets named: only those are read again (a chat requested changes a queue's waiting set, nothing else)
    const named = new Map<string, Set<Part>>();
    for (const [kind, names] of p.sets) for (const scope of names) addParts(named, scope, PART_OF[kind]);

    // One round trip: everything that was named, and the SLA moments passed since the last refresh.
    let tripStart = performance.now();
    const [namedReads, counts, agentRows, chats, tickets, fields, values, memberValues, dueMoments, riskMoments, slaScores, slaInfos] = await Promise.all([
      this.readScopes(named, now, starts),
      p.scopeList ? this.r.hgetall(LIVE_HASH.scopes) : null,
      agentIds.length > 0 ? this.r.hmget(LIVE_HASH.agents, agentIds) : [],
      Promise.all(agentIds.map((id) => this.r.zcard(agentSetKey('agentchats', id)))),
      Promise.all(agentIds.map((id) => this.r.zcard(agentSetKey('agenttickets', id)))),
      Promise.all(fieldReads.map(([key, f]) => this.r.hmget(key, [...f]))),
      Promise.all(valueReads.map((key) => this.r.zrangeByScore(key, -Infinity, Infinity, WHOLE_SET))),
      Promise.all(memberReads.map(([key, members]) => this.r.zmscore(key, members))),
      this.r.zrangeAfter(scopeSetKey('sladue', OVERALL), since, now, MAX_MOMENTS + 1),
      this.r.zrangeAfter(scopeSetKey('slarisk', OVERALL), since, now, MAX_MOMENTS + 1),
      this.r.zmscore(scopeSetKey('slarisk', OVERALL), slaMembers),
      slaMembers.length > 0 ? this.r.hmget(LIVE_HASH.slainfo, slaMembers) : [],
    ]);
    this.lastRefresh.trips.push(performance.now() - tripStart);
    if (dueMoments.length > MAX_MOMENTS || riskMoments.length > MAX_MOMENTS) return this.readAll(now);

    // agents: their state, chats and tickets; their scopes (overall, channels, the queues they list or listed)
    const touched = new Set<string>();
    const touchAgent = (a: AgentState | undefined) => a?.queues.forEach((q) => touched.add(queueScope(q)));
    let agentsMoved = false;
    /** an agent came, went or changed queues: the scopes may have changed */
    let queuesMoved = false;
    agentIds.forEach((id, i) => {
      const raw = agentRows[i]!; // one row per id
      const at = view.agents.findIndex((a) => a.id === id);
      const before = view.agents[at];
      touchAgent(before);
      if (raw === null) {
        if (at >= 0) view.agents.splice(at, 1), (agentsMoved = queuesMoved = true);
      } else {
        const a = JSON.parse(raw) as AgentState;
        touchAgent(a);
        if (at >= 0) view.agents[at] = a;
        else view.agents.push(a), (agentsMoved = queuesMoved = true);
        if (before && !sameQueues(before.queues, a.queues)) queuesMoved = true;
      }
      setOwn(view.agentChats, id, chats[i]);
      setOwn(view.agentTickets, id, tickets[i]);
      dirty.agents.add(id);
    });
    if (agentsMoved) view.agents.sort(byId);
    if (agentIds.length > 0) {
      touched.add(OVERALL);
      for (const s of view.scopes) if (channelOf(s) !== null) touched.add(s);
    }
    /** the scopes may have changed: an agent came, went or changed queues, or a scope began or stopped holding items */
    let scopesMoved = queuesMoved;
    if (counts) {
      const next = new Map(Object.entries(counts).map(([s, n]) => [s, Number(n)]));
      scopesMoved ||= holdersChanged(this.counts, next);
      this.counts = next;
    }

    // counters of the window buckets, set in place with their scope index (scope-counters.ts)
    fieldReads.forEach(([key, names], i) => {
      const row = fields[i]!; // one row per read
      const updates: [string, number | null][] = [...names].map((f, j) => {
        const x = row[j];
        return [f, x === null ? null : Number(x)];
      });
      setBucketFields(view.buckets[key]!, updates); // fieldReads holds only buckets the view has
      for (const [f] of updates) {
        const scope = fieldScope(f);
        const agent = agentOf(scope);
        if (agent !== null) dirty.agents.add(agent);
        else touched.add(scope), dirty.windows.add(scope);
      }
    });
    valueReads.forEach((key, i) => {
      const pairs = values[i]!; // one reply per read, lowest value first
      setOwn(
        view.values,
        key,
        pairs.map(([, v]) => v),
      );
      this.members.set(key, new Map(pairs));
    });
    this.valueReads.whole += valueReads.length;
    this.valueReads.members += memberReads.length;
    memberReads.forEach(([key, named], i) => {
      const current = memberValues[i]!; // one value (or null: gone) per member named
      setOwn(view.values, key, movedValues(own(view.values, key) ?? [], this.members.get(key)!, named, current)); // memberReads holds known sets only
    });
    for (const key of valueKeysChanged) {
      touched.add(valuesScope(key));
      dirty.windows.add(valuesScope(key));
    }
    const reads = [namedReads];

    // SLA: targets named by the applier, and those whose moment passed (scopes: overall, their queue, channels)
    const infoOf = (v: string | null | undefined) => (v ? (JSON.parse(v) as SlaInfo) : null);
    slaMembers.forEach((m, i) => {
      const score = slaScores[i];
      if (this.sla.set(m, score != null && score <= now ? infoOf(slaInfos[i]) : null)) dirty.sla = true;
    });
    const moments = [...new Set([...dueMoments, ...riskMoments].map(([m]) => m))];
    const unknown = moments.filter((m) => !this.sla.has(m));
    // their counts: at risk and breached now, and breaches inside the windows (a breach counts from its due moment)
    const momentParts: Part[] = dueMoments.length > 0 ? ['sla', 'breach'] : ['sla'];
    const extra = new Map<string, Set<Part>>();
    if (moments.length > 0) {
      dirty.sla = true;
      addParts(extra, OVERALL, ...momentParts);
      for (const s of view.scopes) if (channelOf(s) !== null) addParts(extra, s, ...momentParts);
      for (const m of moments) {
        const q = this.sla.get(m)?.queue;
        if (q != null) addParts(extra, queueScope(q), ...momentParts);
      }
    }
    this.sla.checkedAt = now;

    // the scopes themselves (when item counts or agents changed): new ones are read whole, gone ones dropped
    const scopes = scopesMoved ? liveScopes(this.counts, view.agents, this.extraQueues) : view.scopes;
    const before = new Set(view.scopes);
    const added = scopes.filter((s) => !before.has(s));
    const kept = new Set(scopes);
    for (const s of view.scopes) if (!kept.has(s)) this.dropScope(s);
    view.scopes = scopes;

    // new scopes whole; the windows rolled over: buckets that entered them, every scope's breaches inside them
    for (const s of added) addParts(extra, s, ...ALL_PARTS);
    if (rolled) for (const s of scopes) addParts(extra, s, 'breach');
    const enter = rolled ? [...inWindow].filter((k) => own(view.buckets, k) === undefined) : [];
    const valueKeys = [
      ...enter.flatMap((k) => scopes.map((s) => `${k}:frt:${s}`)),
      ...added.flatMap((s) => [...inWindow].filter((k) => !enter.includes(k)).map((k) => `${k}:frt:${s}`)),
    ];
    // a second round trip only for what the first one found: moments, new scopes, the windows rolling over
    if (extra.size + unknown.length + enter.length + valueKeys.length > 0) {
      tripStart = performance.now();
      const [extraReads, unknownInfos, buckets, scores] = await Promise.all([
        this.readScopes(extra, now, starts),
        unknown.length > 0 ? this.r.hmget(LIVE_HASH.slainfo, unknown) : [],
        Promise.all(enter.map((k) => this.r.hgetall(k))),
        Promise.all(valueKeys.map((k) => this.r.zscores(k))),
      ]);
      this.lastRefresh.trips.push(performance.now() - tripStart);
      reads.push(extraReads);
      enter.forEach((k, i) => (view.buckets[k] = Object.fromEntries(Object.entries(buckets[i]!).map(([f, v]) => [f, Number(v)]))));
      valueKeys.forEach((k, i) => {
        setOwn(view.values, k, scores[i]);
        this.members.delete(k); // read without members: whole again at its next change
      });
      // a target whose risk moment passed is followed (one only due, never at risk first, too); its queue's
      // counts are read, in a third round trip when no other change of that queue had them read
      const late = new Map<string, Set<Part>>();
      unknown.forEach((m, i) => {
        const info = infoOf(unknownInfos[i]);
        if (!info || !this.sla.set(m, info)) return;
        dirty.sla = true;
        if (info.queue != null && !extra.has(queueScope(info.queue))) addParts(late, queueScope(info.queue), ...momentParts);
      });
      if (late.size > 0) {
        tripStart = performance.now();
        reads.push(await this.readScopes(late, now, starts));
        this.lastRefresh.trips.push(performance.now() - tripStart);
      }
    }
    for (const results of reads) {
      for (const [s, x] of results) {
        if (!kept.has(s)) continue;
        if (x.waiting) setOwn(view.waiting, s, x.waiting);
        if (x.active !== undefined) setOwn(view.active, s, x.active);
        if (x.unsolved !== undefined) setOwn(view.unsolved, s, x.unsolved);
        if (x.unassigned) setOwn(view.unassigned, s, x.unassigned);
        if (x.due !== undefined && x.risk !== undefined) {
          setOwn(view.slaBreached, s, x.due);
          setOwn(view.slaAtRisk, s, x.risk - x.due);
        }
        if (x.breaches) {
          setOwn(view.slaBreachesIn, s, x.breaches);
          dirty.windows.add(s);
        }
        // what is computed again: the scopes read
        dirty.scopes.add(s);
      }
    }
    // and those whose agents or counters changed
    for (const s of touched) if (kept.has(s)) dirty.scopes.add(s);
    if (rolled) {
      for (const k of Object.keys(view.buckets)) if (!inWindow.has(k)) delete view.buckets[k];
      for (const k of Object.keys(view.values)) if (!inWindow.has(k.slice(0, k.indexOf(':', 2)))) delete view.values[k];
      for (const k of this.members.keys()) if (!inWindow.has(k.slice(0, k.indexOf(':', 2)))) this.members.delete(k);
      dirty.all = true;
    }
    if (newDay) for (const a of view.agents) dirty.agents.add(a.id);
    view.now = now;
    this.minute = minuteOf(now);
    this.day = localDate(now, this.timeZone);
    this.lastNow = now;
    this.refreshes.incremental++;
    return dirty;
  }

  private dropScope(s: string): void {
    const v = this.state!;
    for (const rec of [v.waiting, v.active, v.unsolved, v.unassigned, v.slaBreached, v.slaAtRisk, v.slaBreachesIn] as Record<string, unknown>[]) delete rec[s];
    for (const k of Object.keys(v.values)) if (valuesScope(k) === s) delete v.values[k];
    for (const k of this.members.keys()) if (valuesScope(k) === s) this.members.delete(k);
  }

  /** The parts named of each scope, read together. */
  private async readScopes(parts: Map<string, Set<Part>>, now: number, starts: Record<WindowName, number>) {
    const list = [...parts];
    const results = await Promise.all(list.map(([s, what]) => this.readScope(s, what, now, starts)));
    return list.map(([s], i) => [s, results[i]!] as const); // one result per scope
  }

  /** The parts of a scope's instant figures and SLA counts named, at `now`. */
  private async readScope(s: string, what: Set<Part>, now: number, starts: Record<WindowName, number>) {
    const summary = async (key: string): Promise<ZSummary> => {
      const [count, earliest] = await Promise.all([this.r.zcard(key), this.r.zmin(key)]);
      return { count, earliest };
    };
    const when = <T>(part: Part, read: () => Promise<T>): Promise<T | undefined> => (what.has(part) ? read() : Promise.resolve(undefined));
    const [waiting, active, unsolved, unassigned, due, risk, breaches] = await Promise.all([
      when('waiting', () => summary(scopeSetKey('waiting', s))),
      when('active', () => this.r.zcard(scopeSetKey('active', s))),
      when('unsolved', () => this.r.zcard(scopeSetKey('unsolved', s))),
      when('unassigned', () => summary(scopeSetKey('unassigned', s))),
      when('sla', () => this.r.zcount(scopeSetKey('sladue', s), -Infinity, now)),
      when('sla', () => this.r.zcount(scopeSetKey('slarisk', s), -Infinity, now)),
      when('breach', async () => {
        const counts = await Promise.all(WINDOWS.map((w) => this.r.zcount(scopeSetKey('slabreach', s), starts[w], now)));
        return Object.fromEntries(WINDOWS.map((w, i) => [w, counts[i]])) as Record<WindowName, number>;
      }),
    ]);
    return { waiting, active, unsolved, unassigned, due, risk, breaches };
  }
}

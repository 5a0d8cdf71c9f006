// An instance's own view of live state, kept between snapshots: the change notifications (change.ts) say which
// scopes, agents, counters and SLA targets changed, and a refresh re-reads only those; time is followed too
// (SLA moments that passed, the windows rolling over once a minute). A full re-read is the safety net: at
// start, every `fullEveryMs`, after a lost notification may have been missed (Redis reconnected) or a failed
// read, and when time runs backwards.
import { WINDOWS, own, setOwn, type WindowName } from '@pulse/contracts';
import {
  localDate,
  loadView,
  minuteOf,
  OVERALL,
  windowBuckets,
  windowStarts,
  type AgentState,
  type LiveView,
  type SlaInfo,
  type ZSummary,
} from '@pulse/metrics';
import type { RedisStateReader } from '../reader.ts';
import { fieldScope, PendingChanges, type LiveChange } from './change.ts';
import { SlaTracker } from './sla-tracker.ts';

/** What a refresh changed, for the snapshot builder: only these are computed again. */
export interface Dirty {
  /** everything (a full read, the windows rolled over) */
  all: boolean;
  scopes: Set<string>;
  agents: Set<string>;
  /** the followed SLA targets changed (or some became breached) */
  sla: boolean;
}

/** More SLA moments than this in one refresh, or followed targets: read everything again. */
const MAX_MOMENTS = 10_000;
export const MAX_FOLLOWED = 50_000;

const byId = (a: AgentState, b: AgentState) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** The scopes of live state, as loadView finds them: overall, those with items, configured queues, agents' queues. */
export function scopesOf(counts: Map<string, number>, agents: AgentState[], extraQueues: string[]): string[] {
  const set = new Set<string>([OVERALL]);
  for (const [scope, n] of counts) if (n > 0) set.add(scope);
  for (const q of [...extraQueues, ...agents.flatMap((a) => a.queues)]) set.add(`q:${q}`);
  return [...set].sort();
}

/** `<bucket>:frt:<scope>` → scope (buckets are `m:<minute>` or `d:<date>`). */
const valuesScope = (key: string): string => {
  const rest = key.slice(key.indexOf(':', 2) + 1);
  return rest.slice(rest.indexOf(':') + 1);
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
  /** refreshes by kind, for /metrics and tests */
  readonly refreshes = { full: 0, incremental: 0 };

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
      this.r.hgetall('scopes'),
      this.readFollowed(now),
    ]);
    this.counts = new Map(Object.entries(counts).map(([s, n]) => [s, Number(n)]));
    this.sla.reset(followed, now);
    view.slaTargets = this.sla.infos();
    this.state = view;
    this.minute = minuteOf(now);
    this.day = localDate(now, this.timeZone);
    this.lastNow = this.lastFull = now;
    this.refreshes.full++;
    return { all: true, scopes: new Set(view.scopes), agents: new Set(view.agents.map((a) => a.id)), sla: true };
  }

  /** Every open target at risk or breached now, with its details. */
  private async readFollowed(now: number): Promise<[string, SlaInfo][]> {
    const risky = await this.r.zrangeByScore(`slarisk:${OVERALL}`, -Infinity, now, MAX_FOLLOWED);
    if (risky.length === 0) return [];
    const infos = await this.r.hmget('slainfo', risky.map(([m]) => m));
    const out: [string, SlaInfo][] = [];
    infos.forEach((v, i) => v !== null && out.push([risky[i][0], JSON.parse(v) as SlaInfo]));
    return out;
  }

  private async readChanged(p: PendingChanges, now: number): Promise<Dirty> {
    const view = this.state!;
    const dirty: Dirty = { all: false, scopes: new Set(), agents: new Set(), sla: false };
    const windows = windowBuckets(now, this.timeZone);
    const inWindow = new Set([...windows['60m'], ...windows.today]);
    const rolled = minuteOf(now) !== this.minute;
    const newDay = localDate(now, this.timeZone) !== this.day;
    const agentIds = [...p.agents];
    const slaMembers = [...p.sla];
    const fieldReads = [...p.fields].filter(([key]) => inWindow.has(key) && own(view.buckets, key) !== undefined);
    const valueReads = [...p.values].filter((key) => inWindow.has(key.slice(0, key.indexOf(':', 2))));
    const since = this.sla.checkedAt;

    // One round trip: everything that was named, and the SLA moments passed since the last refresh.
    const [counts, agentRows, chats, tickets, fields, values, dueMoments, riskMoments, slaScores, slaInfos] = await Promise.all([
      p.scopeList ? this.r.hgetall('scopes') : null,
      agentIds.length > 0 ? this.r.hmget('agents', agentIds) : [],
      Promise.all(agentIds.map((id) => this.r.zcard(`agentchats:${id}`))),
      Promise.all(agentIds.map((id) => this.r.zcard(`agenttickets:${id}`))),
      Promise.all(fieldReads.map(([key, f]) => this.r.hmget(key, [...f]))),
      Promise.all(valueReads.map((key) => this.r.zscores(key))),
      this.r.zrangeAfter(`sladue:${OVERALL}`, since, now, MAX_MOMENTS + 1),
      this.r.zrangeAfter(`slarisk:${OVERALL}`, since, now, MAX_MOMENTS + 1),
      this.r.zmscore(`slarisk:${OVERALL}`, slaMembers),
      slaMembers.length > 0 ? this.r.hmget('slainfo', slaMembers) : [],
    ]);
    if (dueMoments.length > MAX_MOMENTS || riskMoments.length > MAX_MOMENTS) return this.readAll(now);

    // agents: their state, chats and tickets; their scopes (overall, channels, the queues they list or listed)
    const touched = new Set<string>();
    const touchAgent = (a: AgentState | undefined) => a?.queues.forEach((q) => touched.add(`q:${q}`));
    let agentsMoved = false;
    agentIds.forEach((id, i) => {
      const raw = agentRows[i];
      const at = view.agents.findIndex((a) => a.id === id);
      touchAgent(view.agents[at]);
      if (raw === null) {
        if (at >= 0) view.agents.splice(at, 1), (agentsMoved = true);
      } else {
        const a = JSON.parse(raw) as AgentState;
        touchAgent(a);
        if (at >= 0) view.agents[at] = a;
        else view.agents.push(a), (agentsMoved = true);
      }
      setOwn(view.agentChats, id, chats[i]);
      setOwn(view.agentTickets, id, tickets[i]);
      dirty.agents.add(id);
    });
    if (agentsMoved) view.agents.sort(byId);
    if (agentIds.length > 0) {
      touched.add(OVERALL);
      for (const s of view.scopes) if (s.startsWith('c:')) touched.add(s);
    }
    if (counts) this.counts = new Map(Object.entries(counts).map(([s, n]) => [s, Number(n)]));

    // counters of the window buckets: a new object per bucket read, so indexes of the old one are dropped
    fieldReads.forEach(([key, names], i) => {
      const bucket = { ...view.buckets[key] };
      [...names].forEach((f, j) => {
        const v = fields[i][j];
        if (v === null) delete bucket[f];
        else setOwn(bucket, f, Number(v));
        const scope = fieldScope(f);
        if (scope.startsWith('agent:')) dirty.agents.add(scope.slice(6));
        else touched.add(scope);
      });
      view.buckets[key] = bucket;
    });
    valueReads.forEach((key, i) => {
      setOwn(view.values, key, values[i]);
      touched.add(valuesScope(key));
    });
    for (const s of p.scopes) touched.add(s);

    // SLA: targets named by the applier, and those whose moment passed (scopes: overall, their queue, channels)
    const infoOf = (v: string | null | undefined) => (v ? (JSON.parse(v) as SlaInfo) : null);
    slaMembers.forEach((m, i) => {
      const score = slaScores[i];
      if (this.sla.set(m, score !== null && score <= now ? infoOf(slaInfos[i]) : null)) dirty.sla = true;
    });
    const moments = [...new Set([...dueMoments, ...riskMoments].map(([m]) => m))];
    const unknown = moments.filter((m) => !this.sla.has(m));
    const unknownInfos = unknown.length > 0 ? await this.r.hmget('slainfo', unknown) : [];
    unknown.forEach((m, i) => {
      // a target whose risk moment passed is followed; one only due (never at risk first) too
      const info = infoOf(unknownInfos[i]);
      if (info && this.sla.set(m, info)) dirty.sla = true;
    });
    if (moments.length > 0) {
      dirty.sla = true;
      touched.add(OVERALL);
      for (const s of view.scopes) if (s.startsWith('c:')) touched.add(s);
      for (const m of moments) {
        const q = this.sla.get(m)?.queue;
        if (q != null) touched.add(`q:${q}`);
      }
    }
    this.sla.checkedAt = now;

    // the scopes themselves: new ones are read whole, gone ones dropped
    const scopes = scopesOf(this.counts, view.agents, this.extraQueues);
    const before = new Set(view.scopes);
    const added = scopes.filter((s) => !before.has(s));
    const kept = new Set(scopes);
    for (const s of view.scopes) if (!kept.has(s)) this.dropScope(s);
    view.scopes = scopes;

    // the windows rolled over: buckets that entered them, every scope's breaches inside them
    const reread = rolled ? scopes : [...new Set([...touched, ...added])].filter((s) => kept.has(s));
    const enter = rolled ? [...inWindow].filter((k) => own(view.buckets, k) === undefined) : [];
    const valueKeys = [
      ...enter.flatMap((k) => scopes.map((s) => `${k}:frt:${s}`)),
      ...added.flatMap((s) => [...inWindow].filter((k) => !enter.includes(k)).map((k) => `${k}:frt:${s}`)),
    ];
    const starts = windowStarts(now, this.timeZone);
    const [instant, buckets, scores] = await Promise.all([
      Promise.all(reread.map((s) => this.readScope(s, now, starts))),
      Promise.all(enter.map((k) => this.r.hgetall(k))),
      Promise.all(valueKeys.map((k) => this.r.zscores(k))),
    ]);
    reread.forEach((s, i) => {
      const x = instant[i];
      setOwn(view.waiting, s, x.waiting);
      setOwn(view.active, s, x.active);
      setOwn(view.unsolved, s, x.unsolved);
      setOwn(view.unassigned, s, x.unassigned);
      setOwn(view.slaBreached, s, x.due);
      setOwn(view.slaAtRisk, s, x.risk - x.due);
      setOwn(view.slaBreachesIn, s, x.breaches);
      dirty.scopes.add(s);
    });
    enter.forEach((k, i) => (view.buckets[k] = Object.fromEntries(Object.entries(buckets[i]).map(([f, v]) => [f, Number(v)]))));
    valueKeys.forEach((k, i) => setOwn(view.values, k, scores[i]));
    if (rolled) {
      for (const k of Object.keys(view.buckets)) if (!inWindow.has(k)) delete view.buckets[k];
      for (const k of Object.keys(view.values)) if (!inWindow.has(k.slice(0, k.indexOf(':', 2)))) delete view.values[k];
      dirty.all = true;
    }
    if (newDay) for (const a of view.agents) dirty.agents.add(a.id);
    if (dirty.sla) view.slaTargets = this.sla.infos();
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
  }

  /** A scope's instant figures and SLA counts at `now`. */
  private async readScope(s: string, now: number, starts: Record<WindowName, number>) {
    const summary = async (key: string): Promise<ZSummary> => {
      const [count, earliest] = await Promise.all([this.r.zcard(key), this.r.zmin(key)]);
      return { count, earliest };
    };
    const [waiting, active, unsolved, unassigned, due, risk, ...breaches] = await Promise.all([
      summary(`waiting:${s}`),
      this.r.zcard(`active:${s}`),
      this.r.zcard(`unsolved:${s}`),
      summary(`unassigned:${s}`),
      this.r.zcount(`sladue:${s}`, -Infinity, now),
      this.r.zcount(`slarisk:${s}`, -Infinity, now),
      ...WINDOWS.map((w) => this.r.zcount(`slabreach:${s}`, starts[w], now)),
    ]);
    return {
      waiting: waiting as ZSummary,
      active: active as number,
      unsolved: unsolved as number,
      unassigned: unassigned as ZSummary,
      due: due as number,
      risk: risk as number,
      breaches: Object.fromEntries(WINDOWS.map((w, i) => [w, breaches[i] as number])) as Record<WindowName, number>,
    };
  }
}

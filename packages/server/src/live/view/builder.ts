// Builds snapshots from an instance's view, computing again only what a refresh said changed: the figures of
// the scopes and agents named, the SLA lists; the other scopes keep theirs, with the waits that time alone moves
// brought to `now`. Agents are completed first (names, queues, agents known by their work: sources), on a copy.
import { own, recordOf, type ScopeMetrics, type SlaItem, type Snapshot } from '@pulse/contracts';
import {
  agentView,
  channelOf,
  iso,
  OVERALL,
  queueOf,
  queueScope,
  scopeFigures,
  type AgentState,
  type LiveView,
  type MetricSettings,
  type StateReader,
} from '@pulse/metrics';
import type { AgentCompletion } from '../service.ts';
import type { Dirty } from './incremental-view.ts';
import type { SlaIndex, SlaKind, SlaListOptions } from './sla-tracker.ts';

/** A built snapshot (without alerts), with both SLA lists whole: filtered streams and REST pages take theirs. */
export interface Built {
  snapshot: Snapshot;
  /** one SLA list at the snapshot's time, in order: of a queue or all, at most `limit` */
  sla(kind: SlaKind, opts?: SlaListOptions): SlaItem[];
  /** ms the build computed (Redis reads excluded): what a push costs the process */
  computeMs: number;
}

/** What the completion may change of an agent (its state, chats and tickets changes are notified). */
interface Completed {
  name: string;
  queues: string[];
  status: string;
  chats: number;
  tickets: number;
}

const completedOf = (a: AgentState, view: LiveView): Completed => ({
  name: a.name,
  queues: a.queues,
  status: a.status,
  chats: own(view.agentChats, a.id) ?? 0,
  tickets: own(view.agentTickets, a.id) ?? 0,
});

const sameQueues = (a: string[], b: string[]) => a === b || (a.length === b.length && a.every((q, i) => q === b[i]));
const sameCompleted = (a: Completed, b: Completed) =>
  a.name === b.name && a.status === b.status && a.chats === b.chats && a.tickets === b.tickets && sameQueues(a.queues, b.queues);

/** A copy for the completion to change (it names agents, gives them queues, adds the ones known by their work). */
const copyOf = (v: LiveView): LiveView => ({
  ...v,
  agents: v.agents.map((a) => ({ ...a })),
  agentChats: { ...v.agentChats },
  agentTickets: { ...v.agentTickets },
});

export class SnapshotBuilder {
  private scopes = new Map<string, ScopeMetrics>();
  private agents = new Map<string, ReturnType<typeof agentView>>();
  private completed = new Map<string, Completed>();
  /** scopes and agents computed by the last build (for /metrics and tests) */
  lastComputed = { scopes: 0, agents: 0 };

  constructor(
    private readonly settings: MetricSettings,
    private readonly slaLimit: number,
    private readonly completion: () => AgentCompletion | null,
  ) {}

  async build(base: LiveView, dirty: Dirty, reader: StateReader, slas: SlaIndex): Promise<Built> {
    const complete = this.completion();
    let view = base;
    let mark = (s: Snapshot) => s;
    if (complete) {
      view = copyOf(base);
      mark = await complete(view, reader);
    }
    const started = performance.now();
    const dirtyScopes = new Set(dirty.scopes);
    const dirtyAgents = new Set(dirty.agents);
    if (complete) this.completedChanges(view, dirtyScopes, dirtyAgents);

    const scopes = new Map<string, ScopeMetrics>();
    let computed = 0;
    for (const s of view.scopes) {
      const before = this.scopes.get(s);
      if (dirty.all || before === undefined || dirtyScopes.has(s)) {
        // its window figures again only when what they are summed from changed (an agent's change does not)
        const windows = dirty.all || before === undefined || dirty.windows.has(s) ? undefined : before.windows;
        scopes.set(s, scopeFigures(view, s, this.settings, windows));
        computed++;
      } else scopes.set(s, retimed(before, view, s));
    }
    this.scopes = scopes;
    const agents = new Map<string, ReturnType<typeof agentView>>();
    let agentsComputed = 0;
    for (const a of view.agents) {
      const before = this.agents.get(a.id);
      if (dirty.all || before === undefined || dirtyAgents.has(a.id)) {
        agents.set(a.id, agentView(view, a));
        agentsComputed++;
      } else agents.set(a.id, before);
    }
    this.agents = agents;
    this.lastComputed = { scopes: computed, agents: agentsComputed };

    const of = (idOf: (scope: string) => string | null) =>
      recordOf(
        view.scopes.flatMap((s) => {
          const id = idOf(s);
          return id === null ? [] : [[id, scopes.get(s)!] as const];
        }),
      );
    const at = iso(view.now);
    const atMs = Date.parse(at);
    const snapshot: Snapshot = {
      at,
      time_zone: view.timeZone,
      overall: scopes.get(OVERALL)!,
      queues: of(queueOf),
      channels: of(channelOf),
      agents: [...agents.values()],
      sla: {
        breached: slas.list('breached', atMs, { limit: this.slaLimit }),
        at_risk: slas.list('at_risk', atMs, { limit: this.slaLimit }),
        total: { breached: view.slaBreached[OVERALL] ?? 0, at_risk: view.slaAtRisk[OVERALL] ?? 0 },
      },
      alerts: [],
    };
    return { snapshot: mark(snapshot), sla: (kind, opts) => slas.list(kind, atMs, opts), computeMs: performance.now() - started };
  }

  /** Agents the completion changed since the last build (a name learned, queues given, work taken or left). */
  private completedChanges(view: LiveView, scopes: Set<string>, agents: Set<string>): void {
    const next = new Map<string, Completed>();
    const touch = (queues: string[]) => {
      scopes.add(OVERALL);
      for (const s of view.scopes) if (channelOf(s) !== null) scopes.add(s);
      for (const q of queues) scopes.add(queueScope(q));
    };
    for (const a of view.agents) {
      const now = completedOf(a, view);
      next.set(a.id, now);
      const before = this.completed.get(a.id);
      if (!before || !sameCompleted(before, now)) {
        agents.add(a.id);
        touch([...a.queues, ...(before?.queues ?? [])]);
      }
    }
    for (const [id, before] of this.completed) if (!next.has(id)) touch(before.queues);
    this.completed = next;
  }
}

/** A scope unchanged but for time: its longest wait and oldest unassigned ticket at the view's `now`. */
function retimed(m: ScopeMetrics, view: LiveView, scope: string): ScopeMetrics {
  const seconds = (earliest: number | null | undefined) => (earliest == null ? 0 : Math.max(0, (view.now - earliest) / 1000));
  const wait = seconds(view.waiting[scope]?.earliest);
  const unassigned = seconds(view.unassigned[scope]?.earliest);
  return wait === m.longest_wait_s && unassigned === m.oldest_unassigned_s ? m : { ...m, longest_wait_s: wait, oldest_unassigned_s: unassigned };
}

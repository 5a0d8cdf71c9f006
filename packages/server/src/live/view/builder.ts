// Builds snapshots from an instance's view, computing again only what a refresh said changed: the figures of
// the scopes and agents named, the SLA lists; the other scopes keep theirs, with the waits that time alone moves
// brought to `now`. Agents are completed first (names, queues, agents known by their work: sources), on a copy.
import { own, recordOf, type ScopeMetrics, type SlaItem, type Snapshot } from '@pulse/contracts';
import { agentView, iso, OVERALL, scopeFigures, type AgentState, type LiveView, type MetricSettings, type StateReader } from '@pulse/metrics';
import type { AgentCompletion } from '../service.ts';
import type { Dirty } from './incremental-view.ts';
import { slaLists } from './sla-tracker.ts';

/** A built snapshot (without alerts), with both SLA lists whole: filtered streams and REST pages take theirs. */
export interface Built {
  snapshot: Snapshot;
  sla: { breached: SlaItem[]; at_risk: SlaItem[] };
}

const signature = (a: AgentState, view: LiveView) =>
  JSON.stringify([a.name, a.queues, a.status, a.since, a.capacity, a.timeline.length, own(view.agentChats, a.id) ?? 0, own(view.agentTickets, a.id) ?? 0]);

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
  private signatures = new Map<string, string>();
  /** scopes and agents computed by the last build (for /metrics and tests) */
  lastComputed = { scopes: 0, agents: 0 };

  constructor(
    private readonly settings: MetricSettings,
    private readonly slaLimit: number,
    private readonly completion: () => AgentCompletion | null,
  ) {}

  async build(base: LiveView, dirty: Dirty, reader: StateReader): Promise<Built> {
    const complete = this.completion();
    let view = base;
    let mark = (s: Snapshot) => s;
    if (complete) {
      view = copyOf(base);
      mark = await complete(view, reader);
    }
    const dirtyScopes = new Set(dirty.scopes);
    const dirtyAgents = new Set(dirty.agents);
    this.completedChanges(view, dirtyScopes, dirtyAgents);

    const scopes = new Map<string, ScopeMetrics>();
    let computed = 0;
    for (const s of view.scopes) {
      const before = this.scopes.get(s);
      if (dirty.all || before === undefined || dirtyScopes.has(s)) {
        scopes.set(s, scopeFigures(view, s, this.settings));
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

    const of = (prefix: string) => recordOf(view.scopes.filter((s) => s.startsWith(prefix)).map((s) => [s.slice(prefix.length), scopes.get(s)!] as const));
    const sla = slaLists(view.slaTargets, view.now);
    const snapshot: Snapshot = {
      at: iso(view.now),
      time_zone: view.timeZone,
      overall: scopes.get(OVERALL)!,
      queues: of('q:'),
      channels: of('c:'),
      agents: [...agents.values()],
      sla: {
        breached: sla.breached.slice(0, this.slaLimit),
        at_risk: sla.at_risk.slice(0, this.slaLimit),
        total: { breached: view.slaBreached[OVERALL] ?? 0, at_risk: view.slaAtRisk[OVERALL] ?? 0 },
      },
      alerts: [],
    };
    return { snapshot: mark(snapshot), sla };
  }

  /** Agents the completion changed since the last build (a name learned, queues given, work taken or left). */
  private completedChanges(view: LiveView, scopes: Set<string>, agents: Set<string>): void {
    const next = new Map<string, string>();
    const touch = (queues: string[]) => {
      scopes.add(OVERALL);
      for (const s of view.scopes) if (s.startsWith('c:')) scopes.add(s);
      for (const q of queues) scopes.add(`q:${q}`);
    };
    const queuesOf = (sig: string | undefined) => (sig ? (JSON.parse(sig)[1] as string[]) : []);
    for (const a of view.agents) {
      const sig = signature(a, view);
      next.set(a.id, sig);
      const before = this.signatures.get(a.id);
      if (before !== sig) {
        agents.add(a.id);
        touch([...a.queues, ...queuesOf(before)]);
      }
    }
    for (const [id, sig] of this.signatures) if (!next.has(id)) touch(queuesOf(sig));
    this.signatures = next;
  }
}

/** A scope unchanged but for time: its longest wait and oldest unassigned ticket at the view's `now`. */
function retimed(m: ScopeMetrics, view: LiveView, scope: string): ScopeMetrics {
  const seconds = (earliest: number | null | undefined) => (earliest == null ? 0 : Math.max(0, (view.now - earliest) / 1000));
  const wait = seconds(view.waiting[scope]?.earliest);
  const unassigned = seconds(view.unassigned[scope]?.earliest);
  return wait === m.longest_wait_s && unassigned === m.oldest_unassigned_s ? m : { ...m, longest_wait_s: wait, oldest_unassigned_s: unassigned };
}

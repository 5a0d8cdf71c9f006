// Snapshots of the live state, as `GET /v1/live` and the WebSocket serve them. The stream and the alert rules
// read this instance's view (view/incremental-view.ts), which refreshes only what the change notifications
// name; REST reads live state whole, as the safety net does, so the two are checked against each other.
// Its reader is the instance's one reader of live state: the alert rules and the SLA ticker read with it too.
import type { Alert, Snapshot } from '@pulse/contracts';
import { buildTrend, DEFAULT_SLA_LIST_LIMIT, loadView, type LiveView, type MetricSettings, type StateReader, type Trend } from '@pulse/metrics';
import type { Redis } from 'ioredis';
import type { RebuildStatus } from './rebuild-flag.ts';
import { NEVER_REBUILDING } from './rebuild-flag.ts';
import { RedisStateReader } from './reader.ts';
import { SnapshotBuilder, type Built } from './view/builder.ts';
import type { LiveChange } from './view/change.ts';
import { snapshotFor, type Filter, type LiveState } from './view/filter.ts';
import { IncrementalView } from './view/incremental-view.ts';
import { decodeCursor, slaPage, type SlaPage } from './view/sla-page.ts';
import type { SlaKind } from './view/sla-tracker.ts';

/**
 * Completes a view's agents before its snapshot is built (names, queues, agents known only by their work:
 * sources/snapshot-agents.ts), and gives what marks the built snapshot's agents.
 */
export type AgentCompletion = (view: LiveView, reader: StateReader) => Promise<(snap: Snapshot) => Snapshot>;

export interface LiveOptions {
  /** breached and at-risk targets listed in a snapshot, each (the most urgent first) */
  slaListLimit: number;
  /** the view reads live state whole at least this often (ms), whatever the notifications said */
  fullReadMs: number;
}

/** Where a snapshot's active alerts come from (alerts/store.ts). */
export interface ActiveAlerts {
  active(): Promise<Alert[]>;
}

/** What a snapshot carries besides live state: each given once, when the service is made. */
export interface LiveParts {
  /** firing and acknowledged alerts; none without alerting */
  alerts?: ActiveAlerts | null;
  /** whether live state is being rebuilt (live/rebuild-flag.ts) */
  rebuild?: RebuildStatus;
  /** what completes the agents of each snapshot */
  agents?: AgentCompletion | null;
}

/** What a WebSocket push builds once (ws/broadcaster.ts): the time of the state, and each stream's snapshot of it. */
export interface LiveFrame {
  at: string;
  for(filter: Filter): Snapshot;
  /** ms of computing it took (its reads excluded); without it, the whole time building it counts */
  computeMs?: number;
}

export class LiveService {
  /** the instance's reader of live state */
  readonly reader: RedisStateReader;
  private readonly view: IncrementalView;
  private readonly builder: SnapshotBuilder;
  /** refreshes and builds of the view run one after the other */
  private chain: Promise<unknown> = Promise.resolve();
  private cachedAlerts: Promise<Alert[]> | null = null;

  constructor(
    redis: Redis,
    prefix: string,
    private readonly timeZone: string,
    private readonly queues: string[],
    /** T and goal per queue, the default handle time: what `staffing` is computed with */
    private readonly settings: MetricSettings,
    private readonly opts: LiveOptions = { slaListLimit: DEFAULT_SLA_LIST_LIMIT, fullReadMs: 30_000 },
    parts: LiveParts = {},
  ) {
    this.reader = new RedisStateReader(redis, prefix);
    this.view = new IncrementalView(this.reader, timeZone, queues, opts.fullReadMs);
    this.alertSource = parts.alerts ?? null;
    this.rebuild = parts.rebuild ?? NEVER_REBUILDING;
    this.completeAgents = parts.agents ?? null;
    this.builder = new SnapshotBuilder(settings, opts.slaListLimit, () => this.completeAgents);
  }

  private readonly alertSource: ActiveAlerts | null;
  private readonly rebuild: RebuildStatus;
  private readonly completeAgents: AgentCompletion | null;

  private alerts(): Promise<Alert[]> {
    return this.alertSource ? this.alertSource.active() : Promise.resolve([]);
  }

  private rebuilding(): Promise<boolean> {
    return this.rebuild.isRebuilding();
  }

  get slaListLimit(): number {
    return this.opts.slaListLimit;
  }

  /** Live state changed (the bus message 'live.changed'): the view reads what it names at its next refresh. */
  changed(change: LiveChange | null | undefined): void {
    this.view.note(change);
  }

  /** Alerts changed (fired, acknowledged, resolved): read again at the next snapshot. */
  alertsChanged(): void {
    this.cachedAlerts = null;
  }

  /** A notification may have been missed (Redis reconnected): the view reads everything at its next refresh. */
  invalidate(): void {
    this.view.invalidate();
    this.cachedAlerts = null;
  }

  /** Refreshes so far, by kind (/metrics). */
  get refreshes(): { full: number; incremental: number } {
    return this.view.refreshes;
  }

  /** Scopes and agents the last build computed again (the others kept theirs). */
  get lastBuild(): { scopes: number; agents: number } {
    return this.builder.lastComputed;
  }

  /** The live state now from this instance's view, refreshed with the changes notified since the last. */
  async state(now = Date.now()): Promise<LiveState> {
    const [built, alerts, rebuilding] = await Promise.all([this.built(now), this.activeAlerts(), this.rebuilding()]);
    // while live state is rebuilt from history nothing is notified: read it whole each time
    if (rebuilding) this.view.invalidate();
    return { built, alerts, rebuilding };
  }

  /** The live state now as one push builds it (ws/broadcaster.ts): each stream's snapshot of the same state. */
  async frame(now = Date.now()): Promise<LiveFrame> {
    const state = await this.state(now);
    return { at: state.built.snapshot.at, for: (filter) => snapshotFor(state, filter, this.opts.slaListLimit), computeMs: state.built.computeMs };
  }

  private built(now: number): Promise<Built> {
    const run = this.chain.then(async () => {
      const dirty = await this.view.refresh(now);
      try {
        return await this.builder.build(this.view.view!, dirty, this.reader, this.view.sla.index());
      } catch (e) {
        this.view.invalidate(); // what this refresh changed was not built: everything next time
        throw e;
      }
    });
    this.chain = run.catch(() => {});
    return run;
  }

  private activeAlerts(): Promise<Alert[]> {
    const p = (this.cachedAlerts ??= this.alerts());
    p.catch(() => this.cachedAlerts === p && (this.cachedAlerts = null));
    return p;
  }

  /** Live state read whole now (the safety net's read), built without anything kept from earlier builds. */
  async full(now = Date.now()): Promise<LiveState> {
    const view = new IncrementalView(this.reader, this.timeZone, this.queues, 0);
    const builder = new SnapshotBuilder(this.settings, this.opts.slaListLimit, () => this.completeAgents);
    const [built, alerts, rebuilding] = await Promise.all([
      view.refresh(now).then((dirty) => builder.build(view.view!, dirty, this.reader, view.sla.index())),
      this.alerts(),
      this.rebuilding(),
    ]);
    return { built, alerts, rebuilding };
  }

  /** The snapshot (`GET /v1/live`), read whole: its lists bounded, with their counts. */
  async snapshot(now = Date.now(), filter: Filter = {}): Promise<Snapshot> {
    return snapshotFor(await this.full(now), filter, this.opts.slaListLimit);
  }

  /** The snapshot of this instance's view without alerts (what the alert rules read). */
  async viewSnapshot(now = Date.now()): Promise<Snapshot> {
    return (await this.built(now)).snapshot;
  }

  /** A page of a whole SLA list (`GET /v1/live/sla`); null for a cursor that is not one. */
  async slaPage(kind: SlaKind, opts: { cursor?: string; limit: number; queue?: string; channel?: string }, now = Date.now()): Promise<SlaPage | null> {
    const from = opts.cursor ? decodeCursor(opts.cursor) : null;
    if (opts.cursor && from === null) return null;
    const { built } = await this.full(now);
    return slaPage(built.sla(kind, { queue: opts.queue, channel: opts.channel }), kind, built.snapshot.at, from, opts.limit);
  }

  async trend(now = Date.now()): Promise<Trend> {
    return buildTrend(await loadView(this.reader, now, this.timeZone, this.queues));
  }
}

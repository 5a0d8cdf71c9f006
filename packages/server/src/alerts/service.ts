// The alerting of one instance: only the leader evaluates and delivers; any instance serves the surfaces.
import type { Alert, Snapshot } from '@pulse/contracts';
import type { MetricSettings } from '@pulse/metrics';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { RedisStateReader } from '../live/reader.ts';
import type { Publisher } from '../pubsub/bus.ts';
import { AlertChanges } from './changes.ts';
import { AlertEngine } from './engine.ts';
import { Leader } from './leader.ts';
import { Deliveries } from './notify/deliveries.ts';
import { SilenceStore } from './silences.ts';
import type { AlertStore } from './store.ts';

/** This instance's view of live state (live/service.ts): what the rules and the alert pages read. */
export interface LiveSnapshots {
  viewSnapshot(now: number): Promise<Snapshot>;
}

export interface AlertDeps {
  redis: Redis;
  prefix: string;
  livePrefix: string;
  /** the instance's reader of live state (the one its snapshots are read with) */
  reader: RedisStateReader;
  /** the alerts kept in Redis; live snapshots carry its active ones */
  store: AlertStore;
  live: LiveSnapshots;
  /** told when alerts change, so every instance's boards show them */
  bus: Publisher;
  config: Config;
  settings: MetricSettings;
  instance: string;
  log: Logger;
}

export class AlertService {
  readonly store: AlertStore;
  readonly changes: AlertChanges;
  readonly deliveries: Deliveries;
  readonly silences: SilenceStore;
  private readonly engine: AlertEngine;
  private readonly leader: Leader;
  private readonly timers: NodeJS.Timeout[] = [];
  private evaluating = false;
  private soon: NodeJS.Timeout | null = null;
  evaluations = 0;

  constructor(private readonly deps: AlertDeps) {
    const { redis, prefix, config } = deps;
    this.store = deps.store;
    this.changes = new AlertChanges(redis, prefix, () => deps.bus.publish('alerts.changed', { at: Date.now() }));
    this.silences = new SilenceStore(redis, prefix);
    this.engine = new AlertEngine({
      redis,
      livePrefix: deps.livePrefix,
      reader: deps.reader,
      store: this.store,
      changes: this.changes,
      silences: this.silences,
      snapshot: (now) => deps.live.viewSnapshot(now),
      config: config.alerts,
      timeZone: config.timeZone,
      settings: deps.settings,
      display: { queueNames: config.queueNames, linkTemplate: config.helpdeskLinkTemplate ?? null },
    });
    const boardUrl = config.publicUrl ?? null;
    this.deliveries = new Deliveries(
      redis,
      prefix,
      config.alerts,
      { timeZone: config.timeZone, queueNames: config.queueNames },
      boardUrl,
      deps.log,
      this.changes.outboxKey(),
    );
    this.leader = new Leader(redis, `${prefix}alerts:leader`, deps.instance);
  }

  /** The configuration it runs with (the alert surfaces read the alerts block, time zone and names). */
  get config(): Config {
    return this.deps.config;
  }

  start(): void {
    const a = this.deps.config.alerts;
    this.timers.push(setInterval(() => void this.evaluate(), a.evaluateIntervalMs));
    this.timers.push(setInterval(() => void (this.leader.isLeader && this.deliveries.flushOutbox().catch(this.warn)), Math.max(100, a.groupWindowMs)));
    this.timers.push(setInterval(() => void (this.leader.isLeader && this.deliveries.work()), 200));
    this.timers.push(setInterval(() => void (this.leader.isLeader && this.store.trim(Date.now()).catch(this.warn)), 3600_000));
    void this.evaluate();
  }

  /** Live state changed: evaluate within ~100 ms rather than waiting for the next tick. */
  changed(): void {
    if (this.soon) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      void this.evaluate();
    }, 100);
  }

  async evaluate(now = Date.now()): Promise<void> {
    if (this.evaluating) return;
    this.evaluating = true;
    try {
      if (!(await this.leader.refresh())) return;
      await this.engine.evaluate(now);
      this.evaluations++;
    } catch (e) {
      this.warn(e as Error);
    } finally {
      this.evaluating = false;
    }
  }

  /** Queues and agents of live state with their display names, for the page's filters and silences. */
  async directory(now = Date.now()): Promise<{ queues: { id: string; name: string }[]; agents: { id: string; name: string }[] }> {
    const snap = await this.deps.live.viewSnapshot(now);
    const names = this.deps.config.queueNames;
    return {
      queues: Object.keys(snap.queues).map((id) => ({ id, name: Object.hasOwn(names, id) ? names[id]! : id })),
      agents: snap.agents.map((a) => ({ id: a.id, name: a.name || a.id })),
    };
  }

  /** Firing and acknowledged alerts: what the live snapshot carries. */
  active(): Promise<Alert[]> {
    return this.store.active();
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    if (this.soon) clearTimeout(this.soon);
    await this.leader.release().catch(() => undefined);
  }

  private warn = (e: Error) => this.deps.log.warn({ err: e.message }, 'alerting step failed');
}

// Starts one Pulse instance: connections, consumer groups, workers, the HTTP/WebSocket app. Every
// instance is stateless but for Redis and ClickHouse, so more instances scale out.
import { hostname } from 'node:os';
import type { ClickHouseClient } from '@clickhouse/client';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import { TokenStore } from './auth/tokens.ts';
import type { Config } from './config/schema.ts';
import { metricSettings } from './config/metric-settings.ts';
import { boardConfig } from './config/board.ts';
import { SlaTicker } from './live/sla-ticker.ts';
import { Rebuilder } from './live/rebuild.ts';
import { getSourceCounters } from './sources/plugin.ts';
import { startSources } from './sources/start.ts';
import { AlertService } from './alerts/service.ts';
import { AlertHistoryWriter } from './alerts/history.ts';
import { createHistoryClient } from './history/clickhouse.ts';
import { migrate } from './history/migrate.ts';
import { HistoryWriter } from './history/writer.ts';
import { FactsWriter } from './history/facts-writer.ts';
import { itemEventsReader } from './history/item-events.ts';
import { DeadLetters } from './history/dead-letters.ts';
import { buildApp } from './http/app.ts';
import { DEFAULT_WALLBOARD_DIR } from './http/static.ts';
import { Appender } from './ingest/append.ts';
import { LiveApplier } from './live/applier.ts';
import { LiveService } from './live/service.ts';
import { Bus } from './pubsub/bus.ts';
import { checkRedis, connectRedis, whenReady } from './redis/client.ts';
import { LiveHealth } from './live/health.ts';
import { GROUPS, keysFor } from './redis/keys.ts';
import { ensureGroup, StreamConsumer } from './stream/consumer.ts';
import { trimStream } from './stream/trim.ts';
import { Broadcaster, type LiveFrame } from './ws/broadcaster.ts';
import { snapshotFor } from './live/view/filter.ts';
import type { HealthProbe } from './http/health.ts';
import { PulseMetrics } from './observability/metrics.ts';
import { ProbeBridge } from './observability/probe-bridge.ts';
import { readiness } from './observability/readiness.ts';
import { trackStreamBacklog } from './observability/stream-backlog.ts';
import { timedApply, timedInsert } from './observability/timing.ts';

export interface Pulse {
  app: FastifyInstance;
  url: string;
  config: Config;
  log: Logger;
  history: ClickHouseClient | null;
  alerts: AlertService | null;
  /** Stops within `config.shutdownTimeoutMs`; `forced` when the graceful stop had to be cut short. */
  stop(): Promise<{ forced: boolean }>;
}

export async function startPulse(config: Config, log: Logger = pino({ level: config.logLevel })): Promise<Pulse> {
  const keys = keysFor(config.redis.prefix);
  const metrics = new PulseMetrics();
  const instance = config.instanceId ?? `${hostname()}-${config.port}`;
  const redis = connectRedis(config.redis.url, log, 'main', 'commands', { commandTimeoutMs: config.redis.commandTimeoutMs });
  const sub = connectRedis(config.redis.url, log, 'sub', 'subscriber');
  const blocking: ReturnType<typeof connectRedis>[] = [];
  await whenReady(redis, 10_000);
  await ensureGroup(redis, keys.stream, GROUPS.live);
  await ensureGroup(redis, keys.stream, GROUPS.history);

  const bus = new Bus(redis, sub, keys);
  const live = new LiveService(redis, keys.live, config.timeZone, config.live.queues, metricSettings(config), config.live);
  // a change notification may have been lost while a connection was down: the view reads everything again
  for (const conn of [redis, sub]) conn.on('ready', () => live.invalidate());
  const liveHealth = new LiveHealth({ main: redis, sub });
  const frame = async (): Promise<LiveFrame> => {
    const state = await live.state();
    return { at: state.built.snapshot.at, for: (filter) => snapshotFor(state, filter, config.live.slaListLimit), computeMs: state.built.computeMs };
  };
  const broadcaster = new Broadcaster(liveHealth.track(frame), config.live, log, config.ws);
  broadcaster.withHealth(() => liveHealth.state());
  broadcaster.onPushed((ms) => metrics.pushLatency.observe(ms / 1000));
  const settings = metricSettings(config);
  let alerts: AlertService | null = null;
  if (config.alerts.enabled) {
    alerts = new AlertService({
      redis,
      prefix: keys.prefix,
      livePrefix: keys.live,
      config,
      settings,
      snapshot: (now) => live.viewSnapshot(now),
      onBoardChange: () => bus.publish('alerts.changed', { at: Date.now() }),
      instance,
      log: log.child({ part: 'alerts' }),
    });
    const source = alerts;
    live.withAlerts(() => source.active());
  }
  await bus.subscribe('live.changed', (msg) => {
    live.changed(msg.change); // first: what reads the view next knows what to read again
    broadcaster.changed();
    alerts?.changed();
  });
  await bus.subscribe('alerts.changed', () => {
    live.alertsChanged();
    broadcaster.changed();
  });

  const consumers: StreamConsumer[] = [];
  const alertLog = `${keys.prefix}alert-log`;
  await ensureGroup(redis, alertLog, GROUPS.history);
  await ensureGroup(redis, keys.facts, GROUPS.history);
  const consumerOf = (group: string, handler: ConstructorParameters<typeof StreamConsumer>[2], stream = keys.stream) => {
    const conn = connectRedis(config.redis.url, log, `${group}-reader`, 'blocking');
    blocking.push(conn);
    const batching =
      group === GROUPS.history
        ? {
            count: config.stream.historyBatchEntries,
            lingerMs: config.stream.historyFlushMs,
            batchSize: { limit: config.stream.historyBatchBytes, unit: 'bytes' as const },
          }
        : { count: config.stream.readCount, batchSize: { limit: config.stream.liveBatchEvents, unit: 'events' as const } };
    const c = new StreamConsumer(
      conn,
      { stream, group, consumer: instance, claimIdleMs: config.stream.claimIdleMs, ...batching },
      handler,
      log.child({ group }),
    );
    consumers.push(c);
    return c;
  };

  let applier: LiveApplier | null = null;
  if (config.workers.live) {
    applier = new LiveApplier(redis, keys.live, settings, log, (items, change) => bus.publish('live.changed', { items, at: Date.now(), change }), keys.facts, {
      // late events for items that left live state are applied on their history (this process's store)
      readBack: config.workers.history ? (refs) => (history ? itemEventsReader(history)(refs) : Promise.resolve(new Map())) : null,
      holdMs: 3600_000,
      orphanMs: config.live.lateEventDays * 86_400_000,
    });
    consumerOf(GROUPS.live, timedApply(applier.handle, metrics.applyLag));
  }
  let history: ClickHouseClient | null = null;
  let writer: HistoryWriter | null = null;
  let deadLetters: DeadLetters | null = null;
  if (config.workers.history) {
    const h = await createHistoryClient(config, log);
    history = h.client;
    await migrate(history, log, undefined, config.clickhouse.cluster);
    deadLetters = new DeadLetters(history, log.child({ part: 'dead-letters' }));
    const inserts = { maxPartitions: config.clickhouse.maxPartitionsPerInsert, deadLetters };
    writer = new HistoryWriter(history, inserts);
    consumerOf(GROUPS.history, timedInsert(writer.handle, metrics.historyInsert, 'events'));
    consumerOf(GROUPS.history, timedInsert(new AlertHistoryWriter(history, inserts).handle, metrics.historyInsert, 'alert_changes'), alertLog);
    consumerOf(GROUPS.history, timedInsert(new FactsWriter(history, inserts).handle, metrics.historyInsert, 'facts'), keys.facts);
    log.info({ clickhouse: h.kind, version: h.version }, 'history store ready');
  }

  const rebuilder = new Rebuilder(
    redis,
    keys.live,
    history,
    applier,
    instance,
    { days: config.live.rebuildDays, onDone: () => void bus.publish('live.changed', { items: 0, at: Date.now() }) },
    log.child({ part: 'rebuild' }),
  );
  if (applier) applier.holdWhile = () => rebuilder.isRebuilding();
  live.withStatus(() => rebuilder.isRebuilding());

  const probe: HealthProbe = {
    ready: () =>
      readiness({
        redis: () => checkRedis(redis),
        clickhouse: history ? () => history!.ping().then((p) => (p.success ? 'ok' : `unreachable (${p.error.message})`)) : null,
        consumers,
      }),
    // Counters and gauges kept as plain numbers: /metrics registers each key (observability/probe-bridge.ts)
    async metrics() {
      return {
        pulse_stream_length: await redis.xlen(keys.stream),
        pulse_items_applied_total: applier?.applied ?? 0,
        pulse_items_extended_total: applier?.extended ?? 0,
        pulse_items_failed_total: applier?.failed ?? 0,
        pulse_history_rows_written_total: writer?.rowsWritten ?? 0,
        pulse_history_dead_letters_total: deadLetters?.written ?? 0,
        pulse_websocket_clients: broadcaster.size,
        pulse_websocket_pushes_total: broadcaster.pushes,
        ...broadcaster.metrics(),
        pulse_alert_evaluations_total: alerts?.evaluations ?? 0,
        ...getSourceCounters(),
      };
    },
    exposition: () => metrics.exposition(),
  };
  const bridge = new ProbeBridge(metrics.registry, () => probe.metrics(), log);
  metrics.onScrape(() => bridge.refresh());
  trackStreamBacklog(metrics, redis, [
    { key: keys.stream, label: 'events' },
    { key: alertLog, label: 'alert-log' },
    { key: keys.facts, label: 'facts' },
  ]);

  const appender = new Appender(redis, keys, config.stream);
  // help-desk sources: learned names, agents without presence, the Chatwoot presence poll (docs/sources.md)
  const sources = startSources({ redis, config, appender, live, instance, log: log.child({ part: 'sources' }) });

  const app = await buildApp({
    log,
    tokens: new TokenStore(config.tokens),
    appender,
    live,
    broadcaster,
    alerts,
    redis,
    history,
    timeZone: config.timeZone,
    config,
    wallboardDir: config.wallboardDir ?? DEFAULT_WALLBOARD_DIR,
    board: async () => boardConfig(config, Object.keys((await live.viewSnapshot()).queues)),
    probe,
    metrics,
  });

  await rebuilder.start();
  for (const c of consumers) c.start();
  broadcaster.start();
  alerts?.start();
  const ticker = new SlaTicker(
    redis,
    keys.live,
    () => {
      broadcaster.changed();
      alerts?.changed();
    },
    log,
  );
  ticker.start();
  const trimmer = setInterval(() => {
    if (redis.status !== 'ready') return; // an outage is logged once by the connection, not every interval
    for (const stream of [keys.stream, alertLog, keys.facts]) {
      trimStream(redis, stream).catch((e: Error) => log.warn({ err: e.message }, 'stream trim failed'));
    }
  }, config.stream.trimIntervalMs);

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  log.info({ url, instance }, 'pulse is listening');

  let stopping: Promise<{ forced: boolean }> | null = null;
  /** Resolves when `main` is (or becomes) unusable: nothing is waited for on Redis past that point. */
  const unreachable = () => {
    let onClose = () => {};
    const p = new Promise<void>((resolve) => {
      onClose = () => resolve();
      if (redis.status !== 'ready') resolve();
      else redis.once('close', onClose);
    });
    return { p, off: () => redis.removeListener('close', onClose) };
  };
  const graceful = async () => {
    clearInterval(trimmer);
    ticker.stop();
    await sources.stop();
    rebuilder.stop();
    await alerts?.stop();
    broadcaster.stop();
    await app.close();
    // Consumers finish their batch and acknowledge it. With Redis unreachable nothing can be acknowledged,
    // and a blocked stream read would never settle (ioredis keeps it for a connection that is not coming
    // back, even through disconnect()): stop waiting for them then.
    const down = unreachable();
    await Promise.race([Promise.all(consumers.map((c) => c.stop())), down.p]);
    down.off();
    for (const conn of [...blocking, sub, redis]) conn.disconnect();
    await history?.close();
  };
  return {
    app,
    url,
    config,
    log,
    history,
    alerts,
    stop() {
      // Within shutdownTimeoutMs: the graceful stop gets all of it but the last FORCE_MS, in which every
      // connection is closed, whatever was still waiting.
      stopping ??= (async () => {
        const FORCE_MS = Math.min(250, config.shutdownTimeoutMs / 4);
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), config.shutdownTimeoutMs - FORCE_MS)));
        const done = graceful().then(
          () => 'done' as const,
          (e: Error) => (log.error({ err: e }, 'error while stopping'), 'done' as const),
        );
        const outcome = await Promise.race([done, late]);
        clearTimeout(timer);
        if (outcome === 'done') return { forced: false };
        log.warn({ timeoutMs: config.shutdownTimeoutMs, redis: redis.status }, 'graceful stop did not finish in time: closing every connection');
        for (const conn of [...blocking, sub, redis]) conn.disconnect();
        app.server.closeAllConnections();
        await Promise.race([done, new Promise((r) => setTimeout(r, FORCE_MS).unref())]);
        return { forced: true };
      })();
      return stopping;
    },
  };
}

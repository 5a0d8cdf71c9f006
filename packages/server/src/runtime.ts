// Starts one Pulse instance: connections, consumer groups, workers, the HTTP/WebSocket app. Every
// instance is stateless but for Redis and ClickHouse, so more instances scale out.
// The composition root: it makes each part once, handing it its collaborators, and is not called again
// (wiring/: connections, live state, history, consumers, probe, shutdown). README, "How it works", describes it.
import { hostname } from 'node:os';
import type { ClickHouseClient } from '@clickhouse/client';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { AlertService } from './alerts/service.ts';
import { TokenStore } from './auth/tokens.ts';
import { boardConfig } from './config/board.ts';
import { metricSettings } from './config/metric-settings.ts';
import type { Config } from './config/schema.ts';
import { buildApp } from './http/app.ts';
import { DEFAULT_WALLBOARD_DIR } from './http/static.ts';
import { Appender } from './ingest/append.ts';
import { RebuildFlag } from './live/rebuild-flag.ts';
import { Rebuilder } from './live/rebuild.ts';
import { PulseMetrics } from './observability/metrics.ts';
import { Bus } from './pubsub/bus.ts';
import { keysFor } from './redis/keys.ts';
import { reportPersistence } from './redis/persistence.ts';
import { SourceDirectory } from './sources/directory.ts';
import { sourceAgents } from './sources/snapshot-agents.ts';
import { startSources } from './sources/start.ts';
import { StreamTrimmer } from './stream/trimmer.ts';
import { Connections } from './wiring/connections.ts';
import { streamsOf, wireConsumers } from './wiring/consumers.ts';
import { openHistory } from './wiring/history.ts';
import { wireLive } from './wiring/live.ts';
import { wireProbe } from './wiring/probe.ts';
import { stopper } from './wiring/shutdown.ts';

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
  const settings = metricSettings(config);
  const metrics = new PulseMetrics();
  const instance = config.instanceId ?? `${hostname()}-${config.port}`;
  const conns = new Connections(config.redis, log);
  await conns.ready();
  const redis = conns.main;
  await reportPersistence(redis, log);
  const bus = new Bus(redis, conns.sub, keys);
  const rebuild = new RebuildFlag(redis, keys.live);
  // what the help-desk sources learn (names, queues, agents without presence: docs/sources.md) completes
  // the snapshots' agents
  const directory = new SourceDirectory(redis, config.redis.prefix);
  const agents = sourceAgents(directory);

  const { live, broadcaster, alerts, ticker } = await wireLive({ config, keys, settings, conns, bus, rebuild, agents, metrics, instance, log });
  const history = await openHistory(config, log);
  const clickhouse = history?.client ?? null;
  const { consumers, applier } = await wireConsumers({ config, keys, settings, conns, bus, rebuild, history, metrics, instance, log });
  const rebuilder = new Rebuilder({
    redis,
    livePrefix: keys.live,
    flag: rebuild,
    history: clickhouse,
    applier,
    instance,
    days: config.live.rebuildDays,
    bus,
    log: log.child({ part: 'rebuild' }),
  });
  const streams = streamsOf(keys);
  const probe = wireProbe({ redis, stream: keys.stream, history, consumers, applier, broadcaster, alerts, metrics }, streams.labelled, log);

  const appender = new Appender(redis, keys, config.stream);
  const sources = startSources({ redis, config, appender, directory, instance, log: log.child({ part: 'sources' }) });
  const app = await buildApp({
    log,
    tokens: new TokenStore(config.tokens),
    appender,
    live,
    broadcaster,
    alerts,
    redis,
    history: clickhouse,
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
  ticker.start();
  const trimmer = new StreamTrimmer(redis, [streams.events, streams.alertLog, streams.facts], config.stream.trimIntervalMs, log);
  trimmer.start();

  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  log.info({ url, instance }, 'pulse is listening');

  const stop = stopper({ trimmer, ticker, sources, rebuilder, alerts, broadcaster, app, consumers, conns, history: clickhouse }, config, log);
  return { app, url, config, log, history: clickhouse, alerts, stop };
}

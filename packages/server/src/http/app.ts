// The Fastify application: every HTTP and WebSocket surface, with its dependencies handed in.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import websocket from '@fastify/websocket';
import type { Logger } from 'pino';
import { LIMITS } from '@pulse/contracts';
import type { TokenStore } from '../auth/tokens.ts';
import { ingestRoutes } from '../ingest/route.ts';
import { sourceRoutes } from '../sources/plugin.ts';
import type { Appender } from '../ingest/append.ts';
import type { LiveService } from '../live/service.ts';
import type { Broadcaster } from '../ws/broadcaster.ts';
import { errorHandler } from './errors.ts';
import { healthRoutes, type HealthProbe } from './health.ts';
import { liveRoutes } from './live.ts';
import { staticRoutes } from './static.ts';
import type { BoardConfig } from '../config/board.ts';
import type { AlertService } from '../alerts/service.ts';
import type { Redis } from 'ioredis';
import { alertRoutes } from './alerts.ts';
import { historyRoutes } from './history.ts';
import { staffingHistoryRoutes } from './history-staffing.ts';
import { metricSettings } from '../config/metric-settings.ts';
import { adminRoutes } from './admin.ts';
import { rateLimits, serverTimeouts } from './limits.ts';
import type { Config } from '../config/schema.ts';
import type { ClickHouseClient } from '@clickhouse/client';
import type { PulseMetrics } from '../observability/metrics.ts';
import { observeRequests, requestId } from '../observability/requests.ts';
import { openApi } from './openapi.ts';
import { trackRoutes } from './route-table.ts';

export interface AppDeps {
  log: Logger;
  tokens: TokenStore;
  appender: Appender;
  live: LiveService;
  broadcaster: Broadcaster;
  probe: HealthProbe;
  wallboardDir: string;
  board: () => Promise<BoardConfig>;
  alerts: AlertService | null;
  redis: Redis;
  history: ClickHouseClient | null;
  timeZone: string;
  config: Config;
  metrics: PulseMetrics;
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    bodyLimit: LIMITS.batchBytes,
    // one log line per request, with its id (observability/requests.ts), instead of Fastify's two
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestId,
    forceCloseConnections: true,
    ...serverTimeouts(deps.config),
  });
  app.setErrorHandler(errorHandler);
  // before any route: every route inherits the request hooks, and is in the route table and the OpenAPI document
  trackRoutes(app);
  observeRequests(app, deps.metrics);
  await openApi(app);
  await rateLimits(app, { redis: deps.redis, config: deps.config, tokens: deps.tokens });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
  healthRoutes(app, deps.probe);
  ingestRoutes(app, deps);
  await app.register(sourceRoutes, { appender: deps.appender, config: deps.config, redis: deps.redis });
  liveRoutes(app, { ...deps, allowedOrigins: [...deps.config.allowedOrigins, ...(deps.config.publicUrl ? [new URL(deps.config.publicUrl).origin] : [])] });
  if (deps.alerts) alertRoutes(app, { tokens: deps.tokens, alerts: deps.alerts, redis: deps.redis });
  if (deps.history) historyRoutes(app, { tokens: deps.tokens, history: deps.history, timeZone: deps.timeZone, config: deps.config });
  if (deps.history) {
    staffingHistoryRoutes(app, {
      tokens: deps.tokens,
      history: deps.history,
      timeZone: deps.timeZone,
      settings: metricSettings(deps.config),
      queueNames: deps.config.queueNames,
    });
  }
  if (deps.history) adminRoutes(app, { tokens: deps.tokens, history: deps.history });
  await staticRoutes(app, deps.wallboardDir);
  return app;
}

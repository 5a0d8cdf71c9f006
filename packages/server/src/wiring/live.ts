// Wires what serves live state on this instance: the view and its snapshots, the WebSocket pushes, the
// alert rules and the SLA ticker, all reading with the view's one reader; the bus's changes reach them
// through the fan-out (pubsub/fan-out.ts). Called once at start.
import type { MetricSettings } from '@pulse/metrics';
import type { Logger } from 'pino';
import { AlertService } from '../alerts/service.ts';
import { AlertStore } from '../alerts/store.ts';
import type { Config } from '../config/schema.ts';
import { LiveHealth } from '../live/health.ts';
import type { RebuildFlag } from '../live/rebuild-flag.ts';
import { type AgentCompletion, LiveService } from '../live/service.ts';
import { SlaTicker } from '../live/sla-ticker.ts';
import type { PulseMetrics } from '../observability/metrics.ts';
import type { Bus } from '../pubsub/bus.ts';
import { ChangeFanOut } from '../pubsub/fan-out.ts';
import type { Keys } from '../redis/keys.ts';
import { Broadcaster } from '../ws/broadcaster.ts';
import type { Connections } from './connections.ts';

export interface LiveWiring {
  config: Config;
  keys: Keys;
  settings: MetricSettings;
  conns: Connections;
  bus: Bus;
  rebuild: RebuildFlag;
  agents: AgentCompletion;
  metrics: PulseMetrics;
  instance: string;
  log: Logger;
}

export interface LiveParts {
  live: LiveService;
  broadcaster: Broadcaster;
  alerts: AlertService | null;
  ticker: SlaTicker;
}

export async function wireLive(w: LiveWiring): Promise<LiveParts> {
  const { config, keys, conns, log } = w;
  const store = config.alerts.enabled ? new AlertStore(conns.main, keys.prefix) : null;
  const live = new LiveService(conns.main, keys.live, config.timeZone, config.live.queues, w.settings, config.live, {
    alerts: store,
    rebuild: w.rebuild,
    agents: w.agents,
  });
  // a change notification may have been lost while a connection was down: the view reads everything again
  for (const conn of [conns.main, conns.sub]) conn.on('ready', () => live.invalidate());
  const health = new LiveHealth({ main: conns.main, sub: conns.sub });
  const broadcaster = new Broadcaster(health.track(live), config.live, log, config.ws, { health, pushLatency: w.metrics.pushLatency });
  const alerts = store
    ? new AlertService({
        redis: conns.main,
        prefix: keys.prefix,
        livePrefix: keys.live,
        reader: live.reader,
        store,
        live,
        bus: w.bus,
        config,
        settings: w.settings,
        instance: w.instance,
        log: log.child({ part: 'alerts' }),
      })
    : null;
  const fanOut = new ChangeFanOut({ view: live, pushes: broadcaster, alerts });
  await fanOut.listen(w.bus);
  const ticker = new SlaTicker({ reader: live.reader, redis: conns.main, livePrefix: keys.live, listener: fanOut, log });
  return { live, broadcaster, alerts, ticker };
}

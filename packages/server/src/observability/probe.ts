// What /readyz and /metrics ask the instance: whether it can serve (observability/readiness.ts), and its
// counters and gauges as plain numbers (each key registered by observability/probe-bridge.ts).
import type { ClickHouseClient } from '@clickhouse/client';
import type { AlertService } from '../alerts/service.ts';
import type { HistoryWriter } from '../history/writer.ts';
import type { DeadLetters } from '../history/dead-letters.ts';
import type { HealthProbe } from '../http/health.ts';
import type { LiveApplier } from '../live/applier.ts';
import { checkRedis } from '../redis/client.ts';
import type { PulseRedis } from '../redis/scripts.ts';
import { getSourceCounters } from '../sources/plugin.ts';
import type { StreamConsumer } from '../stream/consumer.ts';
import type { Broadcaster } from '../ws/broadcaster.ts';
import type { PulseMetrics } from './metrics.ts';
import { readiness } from './readiness.ts';

export interface ProbedParts {
  redis: PulseRedis;
  /** the events stream, whose length is reported */
  stream: string;
  history: { client: ClickHouseClient; events: HistoryWriter; deadLetters: DeadLetters } | null;
  consumers: StreamConsumer[];
  applier: LiveApplier | null;
  broadcaster: Broadcaster;
  alerts: AlertService | null;
  metrics: PulseMetrics;
}

export class InstanceProbe implements HealthProbe {
  constructor(private readonly parts: ProbedParts) {}

  ready(): ReturnType<HealthProbe['ready']> {
    const { redis, history, consumers } = this.parts;
    return readiness({
      redis: () => checkRedis(redis),
      clickhouse: history ? () => history.client.ping().then((p) => (p.success ? 'ok' : `unreachable (${p.error.message})`)) : null,
      consumers,
    });
  }

  async metrics(): Promise<Record<string, number>> {
    const { redis, history, applier, broadcaster, alerts } = this.parts;
    return {
      pulse_stream_length: await redis.xlen(this.parts.stream),
      pulse_items_applied_total: applier?.applied ?? 0,
      pulse_items_extended_total: applier?.extended ?? 0,
      pulse_items_failed_total: applier?.failed ?? 0,
      pulse_history_rows_written_total: history?.events.rowsWritten ?? 0,
      pulse_history_dead_letters_total: history?.deadLetters.written ?? 0,
      pulse_websocket_clients: broadcaster.size,
      pulse_websocket_pushes_total: broadcaster.pushes,
      ...broadcaster.metrics(),
      pulse_alert_evaluations_total: alerts?.evaluations ?? 0,
      ...getSourceCounters(),
    };
  }

  exposition(): Promise<{ contentType: string; body: string }> {
    return this.parts.metrics.exposition();
  }
}

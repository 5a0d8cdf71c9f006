// The instance's Prometheus registry (GET /metrics): process and Node.js runtime metrics, build info,
// HTTP requests by route, ingest by source, latency histograms along the path of an event (ingest, apply
// to live state, push to boards, insert into history), and the stream backlog of each consumer group.
// One registry per instance (tests run several in one process). docs/operations.md lists them.
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { VERSION } from './build-info.ts';

/** Seconds: 1 ms to 1 min, for request and pipeline latencies. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

export class PulseMetrics {
  readonly registry = new Registry();

  readonly httpRequests = new Counter({
    name: 'pulse_http_requests_total',
    help: 'HTTP requests answered, by method, route (the route pattern; "unmatched" for no route) and status code',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [this.registry],
  });

  readonly httpDuration = new Histogram({
    name: 'pulse_http_request_duration_seconds',
    help: 'Time from a request arriving to its reply, by method and route',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly ingestDuration = new Histogram({
    name: 'pulse_ingest_duration_seconds',
    help: 'Time to answer an ingest request, from its arrival to the reply (the events are in the stream by then), by source: api (POST /v1/events), zendesk, chatwoot',
    labelNames: ['source'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly ingestEvents = new Counter({
    name: 'pulse_ingest_events_total',
    help: 'Events in ingest replies, by source and outcome (accepted, duplicate, rejected)',
    labelNames: ['source', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly applyLag = new Histogram({
    name: 'pulse_apply_lag_seconds',
    help: 'Time from an event batch being accepted (appended to the stream) to the live state holding it (applied by this instance)',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly pushLatency = new Histogram({
    name: 'pulse_push_latency_seconds',
    help: 'Time from a live change reaching this instance to its snapshot being handed to every WebSocket client',
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly historyInsert = new Histogram({
    name: 'pulse_history_insert_duration_seconds',
    help: 'Time to write one batch of a stream to ClickHouse, by writer (events, alert_changes, facts); failed attempts included',
    labelNames: ['writer'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly streamBacklog = new Gauge({
    name: 'pulse_stream_backlog',
    help: 'Entries of a stream its consumer group has not finished: not yet read, plus read but not yet acknowledged',
    labelNames: ['stream', 'group'] as const,
    registers: [this.registry],
  });

  readonly streamPending = new Gauge({
    name: 'pulse_stream_pending',
    help: 'Entries of a stream its consumer group has read and not yet acknowledged (being handled, or to be retried)',
    labelNames: ['stream', 'group'] as const,
    registers: [this.registry],
  });

  /** Work done before each scrape: reading values kept elsewhere (the probe, the stream groups) into metrics. */
  private readonly beforeScrape: (() => Promise<void>)[] = [];

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // gauges named like counters (promtool rejects them); nodejs_active_{handles,requests,resources} by type stay
    for (const name of ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total']) {
      this.registry.removeSingleMetric(name);
    }
    new Gauge({
      name: 'pulse_build_info',
      help: 'The running build: always 1, with the Pulse version and the Node.js version as labels',
      labelNames: ['version', 'node'] as const,
      registers: [this.registry],
    }).set({ version: VERSION, node: process.version }, 1);
  }

  onScrape(refresh: () => Promise<void>): void {
    this.beforeScrape.push(refresh);
  }

  /** The Prometheus text exposition of every metric. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    await Promise.all(this.beforeScrape.map((f) => f()));
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

// Wires what /readyz and /metrics read: the instance's probe, bridged into the Prometheus registry at each
// scrape, and the backlog of every stream. Called once at start.
import type { Logger } from 'pino';
import type { HealthProbe } from '../http/health.ts';
import { InstanceProbe, type ProbedParts } from '../observability/probe.ts';
import { ProbeBridge } from '../observability/probe-bridge.ts';
import { trackStreamBacklog } from '../observability/stream-backlog.ts';

export function wireProbe(parts: ProbedParts, streams: { key: string; label: string }[], log: Logger): HealthProbe {
  const probe = new InstanceProbe(parts);
  const bridge = new ProbeBridge(parts.metrics.registry, () => probe.metrics(), log);
  parts.metrics.onScrape(() => bridge.refresh());
  trackStreamBacklog(parts.metrics, parts.redis, streams);
  return probe;
}

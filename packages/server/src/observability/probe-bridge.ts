// The values of the probe's metrics object (observability/probe.ts: counters and gauges other parts keep as plain
// numbers) as registered prom-client metrics: one per key, with HELP text, a counter for a `_total` name
// and a gauge otherwise. A key added to that object later is registered at the next scrape. When the
// probe fails (Redis unreachable), the last values stay and the rest of /metrics is still served.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Logger } from 'pino';
import { helpFor } from './help.ts';

export class ProbeBridge {
  private readonly values = new Map<string, number>();
  private failing = false;

  constructor(
    private readonly registry: Registry,
    private readonly read: () => Promise<Record<string, number>>,
    private readonly log: Logger,
  ) {}

  /** Reads the probe and registers any key not yet registered. Call before registry.metrics(). */
  async refresh(): Promise<void> {
    let now: Record<string, number>;
    try {
      now = await this.read();
    } catch (e) {
      if (!this.failing) this.log.warn({ err: e }, 'metrics probe failed; /metrics serves the last values');
      this.failing = true;
      return;
    }
    this.failing = false;
    for (const [name, value] of Object.entries(now)) {
      if (!this.values.has(name) && !this.register(name)) continue;
      this.values.set(name, Number(value));
    }
  }

  private register(name: string): boolean {
    if (this.registry.getSingleMetric(name)) return false; // a metric of the registry proper wins
    const values = this.values;
    const help = helpFor(name);
    if (name.endsWith('_total')) {
      new Counter({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.reset();
          this.inc(Math.max(0, values.get(name) ?? 0));
        },
      });
    } else {
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(values.get(name) ?? 0);
        },
      });
    }
    return true;
  }
}

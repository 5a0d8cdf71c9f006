// The probe's plain-number metrics (runtime.ts, probe.metrics()) reach /metrics through prom-client: a key
// added to that object later is registered at the next scrape, with HELP text and the right type, and a
// failing probe keeps the last values instead of failing the scrape.
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ProbeBridge } from '../src/observability/probe-bridge.ts';

describe('ProbeBridge', () => {
  it('registers every key of the probe object, new ones too, as counters or gauges with HELP', async () => {
    const registry = new Registry();
    const values: Record<string, number> = { pulse_websocket_clients: 2, pulse_items_applied_total: 5 };
    let fail = false;
    const bridge = new ProbeBridge(
      registry,
      async () => {
        if (fail) throw new Error('Redis unreachable');
        return { ...values };
      },
      pino({ level: 'silent' }),
    );

    await bridge.refresh();
    let text = await registry.metrics();
    expect(text).toContain('# TYPE pulse_websocket_clients gauge\npulse_websocket_clients 2');
    expect(text).toContain('# TYPE pulse_items_applied_total counter\npulse_items_applied_total 5');
    expect(text).toMatch(/^# HELP pulse_items_applied_total \S.+$/m);

    // another part of the server adds a counter to the probe object
    values.pulse_widgets_repaired_total = 3;
    values.pulse_items_applied_total = 9;
    await bridge.refresh();
    text = await registry.metrics();
    expect(text).toContain('# HELP pulse_widgets_repaired_total Pulse widgets repaired');
    expect(text).toContain('# TYPE pulse_widgets_repaired_total counter\npulse_widgets_repaired_total 3');
    expect(text).toContain('pulse_items_applied_total 9');

    // the probe fails: the last values stay
    fail = true;
    values.pulse_items_applied_total = 11;
    await bridge.refresh();
    expect(await registry.metrics()).toContain('pulse_items_applied_total 9');
  });

  it('leaves a name the registry already has to the registry', async () => {
    const registry = new Registry();
    registry.registerMetric(new (await import('prom-client')).Gauge({ name: 'pulse_stream_length', help: 'proper', registers: [] }));
    const bridge = new ProbeBridge(registry, async () => ({ pulse_stream_length: 7 }), pino({ level: 'silent' }));
    await bridge.refresh();
    const text = await registry.metrics();
    expect(text).toContain('# HELP pulse_stream_length proper');
    expect(text.match(/# TYPE pulse_stream_length/g)).toHaveLength(1);
  });
});

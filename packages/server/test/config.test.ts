// Configuration is validated at start: defaults run the demo; env and a file fill it; errors name the setting.
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config/load.ts';
import { metricSettings } from '../src/config/metric-settings.ts';
import { tmpFolder } from '../../../test/support/tmp.ts';

describe('configuration', () => {
  it('has defaults that run the demo', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8080);
    expect(c.redis.url).toBe('redis://127.0.0.1:6379');
    expect(c.clickhouse.url).toBeUndefined();
    expect(c.timeZone).toBe('UTC');
    expect(c.workers).toEqual({ live: true, history: true });
    expect(c.tokens.map((t) => t.role)).toEqual(['ingest', 'viewer', 'manager', 'lead', 'admin']);
  });

  it('reads the environment, and env wins over the file', () => {
    const dir = tmpFolder('config');
    writeFileSync(`${dir.path}/pulse.yaml`, 'port: 9000\ntimeZone: Europe/Madrid\nlive:\n  serviceLevelSeconds:\n    vip: 10\n');
    const c = loadConfig({ PULSE_CONFIG: `${dir.path}/pulse.yaml`, PORT: '9100', CLICKHOUSE_URL: 'http://ch:8123', PULSE_WORKER_HISTORY: 'false' });
    expect(c.port).toBe(9100);
    expect(c.timeZone).toBe('Europe/Madrid');
    expect(c.live.serviceLevelSeconds).toEqual({ vip: 10 });
    expect(c.clickhouse.url).toBe('http://ch:8123');
    expect(c.workers.history).toBe(false);
    dir.remove();
  });

  it('parses tokens from PULSE_TOKENS, plain or as SHA-256', () => {
    const hash = 'a'.repeat(64);
    const c = loadConfig({ PULSE_TOKENS: `ingest:secret-ingest-1,viewer:sha256:${hash}` });
    expect(c.tokens).toEqual([
      { role: 'ingest', token: 'secret-ingest-1' },
      { role: 'viewer', sha256: hash },
    ]);
  });

  it('names the setting that is wrong', () => {
    expect(() => loadConfig({ PORT: '99999' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '99999' })).toThrow(/\/port: Expected integer to be less or equal to 65535/);
    expect(() => loadConfig({ PULSE_TIME_ZONE: 'Mars/Olympus' })).toThrow("timeZone: 'Mars/Olympus' is not an IANA time zone");
    expect(() => loadConfig({}, { sla: { byQueue: { x: { calendar: { kind: 'business', hours: { timeZone: 'Nowhere/Land', week: {} } } } } } })).toThrow(
      "sla.byQueue.x.calendar.hours.timeZone: 'Nowhere/Land' is not an IANA time zone",
    );
    expect(() => loadConfig({ PULSE_TOKENS: 'boss:xyz12345' })).toThrow("PULSE_TOKENS: 'boss' is not a role");
    expect(() => loadConfig({}, { surprise: 1 })).toThrow(/surprise/);
    expect(() => loadConfig({ PULSE_CONFIG: '/nonexistent/pulse.yaml' })).toThrow(/cannot read \/nonexistent\/pulse.yaml/);
  });

  it('turns SLA policies of the file into metric settings, the spec defaults filling the gaps', () => {
    const dir = tmpFolder('config');
    writeFileSync(
      `${dir.path}/pulse.yaml`,
      [
        'sla:',
        '  default:',
        '    targets: { urgent: { first_reply: 10 } }',
        '  byQueue:',
        '    billing:',
        '      calendar:',
        '        kind: business',
        '        hours: { timeZone: Europe/Madrid, week: { mon: [["09:00", "17:00"]] }, holidays: ["2026-12-25"] }',
        '',
      ].join('\n'),
    );
    const s = metricSettings(loadConfig({ PULSE_CONFIG: `${dir.path}/pulse.yaml` }));
    expect(s.sla.default.targets.urgent).toEqual({ first_reply: 10, next_reply: 30, resolution: 240 });
    expect(s.sla.default.targets.low).toEqual({ first_reply: 480, next_reply: 1440, resolution: 4320 });
    expect(s.sla.byQueue.billing?.targets.urgent.first_reply).toBe(10);
    expect(s.sla.byQueue.billing?.calendar).toEqual({
      kind: 'business',
      hours: { timeZone: 'Europe/Madrid', week: { mon: [['09:00', '17:00']] }, holidays: ['2026-12-25'] },
    });
    expect(() => loadConfig({}, { sla: { default: { calendar: { kind: 'business', hours: { timeZone: 'UTC', week: { mon: [['9am', '5pm']] } } } } } })).toThrow(
      /sla\/default\/calendar/,
    );
    dir.remove();
  });
});

// docker-compose.yml and grafana/ are for users (no Docker engine runs here): read them and check they
// agree with the server's config schema, and run every dashboard query against real ClickHouse (chDB).
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENV_VARS, loadConfig } from '@pulse/server';
import { postEvents, startTestPulse, eventually, TOKENS, type TestPulse } from '../support/pulse.ts';
import { dashboardPanels, expandMacros } from '../support/grafana.ts';

const root = new URL('../../', import.meta.url).pathname;
const compose = parse(readFileSync(`${root}docker-compose.yml`, 'utf8'), { merge: true }) as {
  services: Record<string, { image?: string; command?: string[]; environment?: Record<string, string>; ports?: string[]; volumes?: string[]; build?: { dockerfile: string } }>;
};

describe('docker-compose.yml', () => {
  it('runs redis with AOF, a pinned clickhouse-server, two server replicas and grafana', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['clickhouse', 'grafana', 'redis', 'server-1', 'server-2']);
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(compose.services.clickhouse.image).toMatch(/^clickhouse\/clickhouse-server:\d+\.\d+\.\d+\.\d+$/);
    expect(compose.services.grafana.environment?.GF_INSTALL_PLUGINS).toBe('grafana-clickhouse-datasource');
  });

  for (const name of ['server-1', 'server-2']) {
    it(`gives ${name} only settings the config schema knows, and they validate`, () => {
      const svc = compose.services[name];
      const env = svc.environment!;
      for (const key of Object.keys(env)) expect(Object.keys(ENV_VARS)).toContain(key);
      const config = loadConfig(env);
      expect(config.redis.url).toBe('redis://redis:6379');
      expect(config.clickhouse.url).toBe('http://clickhouse:8123');
      expect(config.host).toBe('0.0.0.0');
      expect(svc.ports![0].split(':')[1]).toBe(String(config.port));
      expect(config.tokens.map((t) => t.role).sort()).toEqual(['admin', 'ingest', 'lead', 'manager', 'viewer']);
      expect(existsSync(`${root}${svc.build!.dockerfile}`)).toBe(true);
    });
  }

  it('gives each replica its own instance id (its consumer name in the stream groups)', () => {
    const ids = ['server-1', 'server-2'].map((n) => compose.services[n].environment!.PULSE_INSTANCE_ID);
    expect(new Set(ids).size).toBe(2);
  });

  it('mounts grafana provisioning folders that exist', () => {
    for (const v of compose.services.grafana.volumes!) {
      expect(existsSync(`${root}${v.split(':')[0].replace(/^\.\//, '')}`)).toBe(true);
    }
  });
});

describe('grafana dashboards', () => {
  let t: TestPulse;
  const T = Date.UTC(2026, 0, 5, 10, 0, 0);
  beforeAll(async () => {
    t = await startTestPulse({ alerts: { enabled: false } });
    await postEvents(t.url, [
      { id: 'g-1', type: 'chat.requested', ts: T, chat_id: 'g1', queue: 'billing' },
      { id: 'g-2', type: 'chat.requested', ts: T + 30_000, chat_id: 'g2', queue: 'billing' },
      { id: 'g-3', type: 'chat.requested', ts: T + 90_000, chat_id: 'g3', queue: 'tech' },
      { id: 'g-4', type: 'chat.answered', ts: T + 95_000, chat_id: 'g3', agent_id: 'a' },
      { id: 'g-5', type: 'chat.answered', ts: T + 50_000, chat_id: 'g1', agent_id: 'a' },
      { id: 'g-6', type: 'chat.abandoned', ts: T + 70_000, chat_id: 'g2' },
      { id: 'g-7', type: 'csat.rated', ts: T + 120_000, chat_id: 'g1', rating: 2 },
      { id: 'g-8', type: 'ticket.created', ts: T + 10_000, ticket_id: 'gt', queue: 'billing', channel: 'email' },
      { id: 'g-9', type: 'ticket.status_changed', ts: T + 300_000, ticket_id: 'gt', status: 'solved' },
    ]);
    await eventually(async () => {
      const rs = await t.pulse.history!.query({ query: 'SELECT count() AS n FROM pulse.events', format: 'JSONEachRow' });
      return Number((await rs.json<{ n: number }>())[0].n);
    }, (n) => n === 9);
    await eventually(async () => {
      const rs = await t.pulse.history!.query({ query: "SELECT toInt64(sum(value)) AS n FROM pulse.metric_minute WHERE scope = 'all' AND counter = 'answered'", format: 'JSONEachRow' });
      return Number((await rs.json<{ n: number }>())[0].n);
    }, (n) => n === 2);
  });
  afterAll(async () => t?.close());

  const dashboards = readdirSync(`${root}grafana/dashboards`).filter((f) => f.endsWith('.json'));
  it('has dashboards whose panels use the provisioned data source', () => {
    const ds = parse(readFileSync(`${root}grafana/provisioning/datasources/clickhouse.yaml`, 'utf8'));
    const uid = ds.datasources[0].uid;
    expect(dashboards.length).toBeGreaterThan(0);
    for (const f of dashboards) {
      const d = JSON.parse(readFileSync(`${root}grafana/dashboards/${f}`, 'utf8'));
      for (const p of d.panels) expect(p.datasource.uid).toBe(uid);
    }
  });

  it('runs every dashboard query against ClickHouse with the expected numbers', async () => {
    const results: Record<string, unknown[]> = {};
    for (const f of dashboards) {
      const d = JSON.parse(readFileSync(`${root}grafana/dashboards/${f}`, 'utf8'));
      for (const p of d.panels) {
        for (const target of p.targets) {
          const sql = expandMacros(target.rawSql, T - 3600_000, T + 3600_000, 60);
          const rs = await t.pulse.history!.query({ query: sql, format: 'JSONEachRow' });
          results[p.title] = await rs.json();
        }
      }
    }
    const norm = (rows: unknown[]) => (rows as Record<string, unknown>[]).map((r) => Object.values(r).map((v) => (typeof v === 'number' ? v : String(v))));
    expect(norm(results['Chats requested per interval by queue'])).toEqual([
      ['2026-01-05 10:00:00', 'billing', 2],
      ['2026-01-05 10:01:00', 'tech', 1],
    ]);
    expect(norm(results['Events per interval by type'])).toEqual([
      ['2026-01-05 10:00:00', 'chat.answered', 1],
      ['2026-01-05 10:00:00', 'chat.requested', 2],
      ['2026-01-05 10:00:00', 'ticket.created', 1],
      ['2026-01-05 10:01:00', 'chat.abandoned', 1],
      ['2026-01-05 10:01:00', 'chat.answered', 1],
      ['2026-01-05 10:01:00', 'chat.requested', 1],
      ['2026-01-05 10:02:00', 'csat.rated', 1],
      ['2026-01-05 10:05:00', 'ticket.status_changed', 1],
    ]);
  });

  it('computes each service panel exactly as the history API does, interval by interval', async () => {
    const panels = dashboardPanels('pulse-service.json');
    const from = T;
    const to = T + 3600_000;
    const api = await fetch(`${t.url}/v1/history/series?from=${from}&to=${to}&interval=5m`, {
      headers: { authorization: `Bearer ${TOKENS.manager}` },
    }).then((r) => r.json() as Promise<{ series: { points: Record<string, number | string | null>[] }[] }>);
    const points = new Map(api.series[0].points.map((p) => [Date.parse(String(p.t)), p]));
    let compared = 0;
    for (const p of panels) {
      const rs = await t.pulse.history!.query({ query: expandMacros(p.targets[0].rawSql, from, to, 300), format: 'JSONEachRow' });
      const rows = await rs.json<Record<string, string | number | null>>();
      expect(rows.length, p.title).toBeGreaterThan(0);
      for (const row of rows) {
        const { time, ...values } = row;
        const point = points.get(Date.parse(`${String(time).replace(' ', 'T')}Z`))!;
        for (const [metric, v] of Object.entries(values)) {
          expect(v === null ? null : Number(v), `${p.title} ${metric} at ${time}`).toBe(point[metric]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThanOrEqual(7);
  });
});

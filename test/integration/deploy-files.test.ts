// docker-compose.yml, the image, Prometheus and grafana/ are for users (no Docker engine, ClickHouse server,
// Prometheus or Grafana runs here): check the compose file against the Compose Specification schema that
// current `docker compose` validates with, and against the server's config schema; check the pins, the
// image's shape, Grafana's read-only ClickHouse user, Prometheus's config and rules (promtool); run every
// ClickHouse dashboard query against real ClickHouse (chDB), and check every metric the Prometheus
// dashboard reads is one /metrics serves.
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { ENV_VARS, loadConfig } from '@pulse/server';
import { postEvents, startTestPulse, eventually, TOKENS, type TestPulse } from '../support/pulse.ts';
import { dashboardPanels, expandMacros } from '../support/grafana.ts';
import { composeVariables, loadCompose } from '../support/compose.ts';
import { parseExposition } from '../support/exposition.ts';
import { PROMTOOL, promtool } from '../support/promtool.ts';

const root = new URL('../../', import.meta.url).pathname;
const composeText = readFileSync(`${root}docker-compose.yml`, 'utf8');
const compose = loadCompose(`${root}docker-compose.yml`) as {
  services: Record<
    string,
    { image?: string; command?: string[]; environment?: Record<string, string>; ports?: string[]; volumes?: string[]; build?: { dockerfile: string } }
  >;
};
const dockerfile = readFileSync(`${root}infra/docker/Dockerfile`, 'utf8');
/** The compose service `name`: a missing one fails the test. */
function service(name: string) {
  const svc = compose.services[name];
  if (!svc) throw new Error(`docker-compose.yml has no service ${name}`);
  return svc;
}

describe('docker-compose.yml', () => {
  it('is valid against the Compose Specification schema of current docker compose', () => {
    // the schema docker compose validates with (compose-spec), as dclint ships it
    const require = createRequire(import.meta.url);
    const schemaFile = join(require.resolve('dclint/package.json'), '..', 'schemas', 'compose.schema.json');
    const { $schema: _, ...schema } = JSON.parse(readFileSync(schemaFile, 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    // docker compose validates the file as written (anchors and merge keys resolved, before interpolation)
    const asWritten = parse(composeText, { merge: true });
    expect(validate(asWritten) ? [] : validate.errors).toEqual([]);
    // and the schema does catch a mistake
    expect(validate({ services: { redis: { image: 'redis', restart_policy: 'always' } } })).toBe(false);
  });

  it('runs redis with AOF, a pinned clickhouse-server, two server replicas, prometheus and grafana', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['clickhouse', 'grafana', 'prometheus', 'redis', 'server-1', 'server-2']);
    expect(service('redis').command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(service('clickhouse').image).toMatch(/^clickhouse\/clickhouse-server:\d+\.\d+\.\d+\.\d+$/);
  });

  it('pins every image to a full version', () => {
    for (const [name, svc] of Object.entries(compose.services)) {
      expect(svc.image, name).toMatch(/^[\w./-]+:v?\d+\.\d+\.\d+(\.\d+)?(-[\w.]+)?$/);
    }
  });

  it('pins the Grafana ClickHouse plugin and gives Grafana a read-only ClickHouse user', () => {
    const g = service('grafana').environment!;
    expect(g.GF_INSTALL_PLUGINS).toBeUndefined();
    expect(g.GF_PLUGINS_PREINSTALL_SYNC).toMatch(/^grafana-clickhouse-datasource@\d+\.\d+\.\d+$/);
    // the user is defined by a users.d file mounted into clickhouse-server: read-only, SELECT on pulse.* only
    const mount = service('clickhouse').volumes!.find((v) => v.includes('/etc/clickhouse-server/users.d/'))!;
    const xml = readFileSync(`${root}${mount.split(':')[0]!.replace(/^\.\//, '')}`, 'utf8');
    const user = new RegExp(`<users>[\\s\\S]*<${g.CLICKHOUSE_USER}>([\\s\\S]*?)</${g.CLICKHOUSE_USER}>`).exec(xml)?.[1];
    expect(user, `user ${g.CLICKHOUSE_USER} in ${mount}`).toBeDefined();
    const profile = /<profile>(\w+)<\/profile>/.exec(user!)![1]!;
    const profileXml = new RegExp(`<profiles>[\\s\\S]*<${profile}>([\\s\\S]*?)</${profile}>`).exec(xml)![1];
    expect(profileXml).toMatch(/<readonly>1<\/readonly>/);
    expect([...user!.matchAll(/<query>([^<]*)<\/query>/g)].map((m) => m[1])).toEqual(['GRANT SELECT ON pulse.*']);
    expect(user).toMatch(/<access_management>0<\/access_management>/);
    expect(user).toMatch(/<password from_env="(\w+)"\/>/);
    const passwordVar = /<password from_env="(\w+)"\/>/.exec(user!)![1]!;
    expect(service('clickhouse').environment![passwordVar]).toBe(g.CLICKHOUSE_PASSWORD);
    expect(g.CLICKHOUSE_USER).not.toBe(service('clickhouse').environment!.CLICKHOUSE_USER);
    // and the provisioned data source uses those variables
    const ds = readFileSync(`${root}grafana/provisioning/datasources/clickhouse.yaml`, 'utf8');
    expect(ds).toContain('username: ${CLICKHOUSE_USER}');
    expect(ds).toContain('password: ${CLICKHOUSE_PASSWORD}');
  });

  for (const name of ['server-1', 'server-2']) {
    it(`gives ${name} only settings the config schema knows, and they validate`, () => {
      const svc = service(name);
      const env = svc.environment!;
      for (const key of Object.keys(env)) expect(Object.keys(ENV_VARS)).toContain(key);
      const config = loadConfig(env);
      expect(config.redis.url).toBe('redis://redis:6379');
      expect(config.clickhouse.url).toBe('http://clickhouse:8123');
      expect(config.host).toBe('0.0.0.0');
      expect(svc.ports![0]?.split(':')[1]).toBe(String(config.port));
      expect(config.tokens.map((t) => t.role).sort()).toEqual(['admin', 'ingest', 'lead', 'manager', 'viewer']);
      expect(existsSync(`${root}${svc.build!.dockerfile}`)).toBe(true);
    });
  }

  it('gives each replica its own instance id (its consumer name in the stream groups)', () => {
    const ids = ['server-1', 'server-2'].map((n) => service(n).environment!.PULSE_INSTANCE_ID);
    expect(new Set(ids).size).toBe(2);
  });

  it('mounts folders and files that exist', () => {
    for (const svc of Object.values(compose.services)) {
      for (const v of svc.volumes ?? []) {
        const from = v.split(':')[0]!;
        if (from.startsWith('./')) expect(existsSync(`${root}${from.slice(2)}`), v).toBe(true);
      }
    }
  });
});

describe('the server image (infra/docker/Dockerfile)', () => {
  const froms = [...dockerfile.matchAll(/^FROM (\S+)(?: AS (\w+))?$/gm)];
  it('is multi-stage, on a pinned Node.js LTS (an even major)', () => {
    expect(froms.map((m) => m[2])).toEqual(['build', 'runtime']);
    const image = /^ARG NODE_IMAGE=(\S+)$/m.exec(dockerfile)![1]!;
    const major = Number(/^node:(\d+)\.\d+\.\d+-[\w-]+$/.exec(image)![1]);
    expect(major % 2).toBe(0);
    expect(major).toBeGreaterThanOrEqual(24);
  });

  it('ships the deployed server (production dependencies, no chDB) and runs it with plain node as a non-root user', () => {
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(dockerfile).toMatch(/node scripts\/deploy-server\.mjs \/out \$\(\[ "\$WITH_CHDB" = 1 \] \|\| echo --no-optional\)/);
    expect(runtime).toMatch(/^COPY --from=build \/out \/app$/m);
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK /m);
    expect(runtime).toMatch(/^ENTRYPOINT \["node", "\/app\/bin\/pulse-server\.js"\]$/m);
    expect(runtime).not.toMatch(/tsx|pnpm install/);
  });

  it('leaves built output, dependencies and data out of the build context', () => {
    const ignored = readFileSync(`${root}.dockerignore`, 'utf8').split('\n');
    for (const p of ['node_modules', '**/node_modules', '**/dist', 'data', '.git', '.env']) expect(ignored).toContain(p);
  });
});

describe('.env.example', () => {
  const text = readFileSync(`${root}.env.example`, 'utf8');
  const names = [...text.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]!);
  it('names every setting of the server, and the variables docker-compose.yml reads', () => {
    for (const v of Object.keys(ENV_VARS)) expect(names, v).toContain(v);
    for (const v of composeVariables(composeText).keys()) expect(names, v).toContain(v);
    const known = new Set([...Object.keys(ENV_VARS), ...composeVariables(composeText).keys(), 'PULSE_CONFIG']);
    for (const n of names) expect(known.has(n), n).toBe(true);
  });
  it('holds values the server accepts', () => {
    const env = Object.fromEntries([...text.matchAll(/^([A-Z][A-Z0-9_]+)=(.*)$/gm)].map((m) => [m[1], m[2]]));
    expect(() => loadConfig(env)).not.toThrow();
  });
});

describe('Prometheus (infra/prometheus)', () => {
  it.skipIf(!PROMTOOL)('has a valid config and valid alert rules (promtool)', () => {
    const config = promtool(['check', 'config', `${root}infra/prometheus/prometheus.yml`]);
    expect(config.output).toMatch(/SUCCESS/);
    expect(config.status).toBe(0);
    const rules = promtool(['check', 'rules', ...readdirSync(`${root}infra/prometheus/rules`).map((f) => `${root}infra/prometheus/rules/${f}`)]);
    expect(rules.status, rules.output).toBe(0);
  });
  it('scrapes both replicas', () => {
    const config = parse(readFileSync(`${root}infra/prometheus/prometheus.yml`, 'utf8'));
    expect(config.scrape_configs[0].static_configs[0].targets).toEqual(['server-1:8080', 'server-2:8080']);
  });
});

describe('project files', () => {
  it('has an MIT LICENSE and a CHANGELOG that starts at 0.2.0', () => {
    expect(readFileSync(`${root}LICENSE`, 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) 2026 /);
    const versions = [...readFileSync(`${root}CHANGELOG.md`, 'utf8').matchAll(/^## \[?(\d+\.\d+\.\d+)/gm)].map((m) => m[1]);
    expect(versions.at(-1)).toBe('0.2.0');
    expect(versions[0]).toBe(JSON.parse(readFileSync(`${root}packages/server/package.json`, 'utf8')).version);
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
    await eventually(
      async () => {
        const rs = await t.pulse.history!.query({ query: 'SELECT count() AS n FROM pulse.events', format: 'JSONEachRow' });
        return Number((await rs.json<{ n: number }>())[0]?.n);
      },
      (n) => n === 9,
    );
    await eventually(
      async () => {
        const rs = await t.pulse.history!.query({
          query: "SELECT toInt64(sum(value)) AS n FROM pulse.metric_minute WHERE scope = 'all' AND counter = 'answered'",
          format: 'JSONEachRow',
        });
        return Number((await rs.json<{ n: number }>())[0]?.n);
      },
      (n) => n === 2,
    );
  });
  afterAll(async () => t?.close());

  const read = (f: string) => JSON.parse(readFileSync(`${root}grafana/dashboards/${f}`, 'utf8'));
  const all = readdirSync(`${root}grafana/dashboards`).filter((f) => f.endsWith('.json'));
  const dashboards = all.filter((f) => read(f).panels.every((p: any) => p.datasource.type === 'grafana-clickhouse-datasource'));
  const prometheusDashboards = all.filter((f) => read(f).panels.every((p: any) => p.datasource.type === 'prometheus'));
  it('has dashboards whose panels use a provisioned data source: ClickHouse for the service, Prometheus for Pulse itself', () => {
    const uidOf = (file: string) => parse(readFileSync(`${root}grafana/provisioning/datasources/${file}`, 'utf8')).datasources[0].uid;
    expect(dashboards.length).toBeGreaterThan(0);
    expect(prometheusDashboards).toEqual(['pulse-health.json']);
    expect([...dashboards, ...prometheusDashboards].sort()).toEqual(all.sort());
    for (const f of dashboards) for (const p of read(f).panels) expect(p.datasource.uid).toBe(uidOf('clickhouse.yaml'));
    for (const f of prometheusDashboards) for (const p of read(f).panels) expect(p.datasource.uid).toBe(uidOf('prometheus.yaml'));
  });

  it('pins a clickhouse-server of the release line of the chDB engine the tests run on', async () => {
    const rs = await t.pulse.history!.query({ query: 'SELECT version() AS v', format: 'JSONEachRow' });
    // version() without FROM returns exactly one row
    const engine = (await rs.json<{ v: string }>())[0]!.v;
    const pinned = service('clickhouse').image!.split(':')[1];
    expect(pinned?.split('.').slice(0, 2)).toEqual(engine.split('.').slice(0, 2));
  });

  it('reads in the Prometheus dashboard only metrics /metrics serves, in valid PromQL', async () => {
    const served = parseExposition(await (await fetch(`${t.url}/metrics`)).text());
    const families = new Set([...served.type.keys()]);
    const exprs = prometheusDashboards.flatMap((f) => read(f).panels.flatMap((p: any) => p.targets.map((x: any) => x.expr as string)));
    expect(exprs.length).toBeGreaterThan(10);
    for (const expr of exprs) {
      for (const [name] of expr.matchAll(/\b(?:pulse|process|nodejs)_[a-z0-9_]+/g)) {
        const family = families.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
        expect(families.has(family), `${name} in ${expr}`).toBe(true);
      }
    }
    if (!PROMTOOL) return;
    // PromQL is checked by promtool as recording rules ($__rate_interval is Grafana's: a duration)
    const dir = mkdtempSync(join(tmpdir(), 'pulse-promql-'));
    try {
      const rules = {
        groups: [{ name: 'dashboard', rules: exprs.map((e, i) => ({ record: `dashboard:expr_${i}`, expr: e.replaceAll('$__rate_interval', '1m') })) }],
      };
      writeFileSync(join(dir, 'rules.yml'), stringify(rules));
      const r = promtool(['check', 'rules', join(dir, 'rules.yml')]);
      expect(r.status, r.output).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
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
    const norm = (rows: unknown[] | undefined) =>
      (rows as Record<string, unknown>[] | undefined)?.map((r) => Object.values(r).map((v) => (typeof v === 'number' ? v : String(v))));
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
    const [series] = api.series;
    expect(series).toBeDefined();
    const points = new Map(series!.points.map((p) => [Date.parse(String(p.t)), p]));
    let compared = 0;
    for (const p of panels) {
      const rs = await t.pulse.history!.query({ query: expandMacros(p.targets[0]!.rawSql, from, to, 300), format: 'JSONEachRow' });
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

// Liveness, readiness and Prometheus text about the service itself (SPEC §3, no auth).
import type { FastifyInstance } from 'fastify';

export interface HealthProbe {
  ready(): Promise<{ ok: boolean; checks: Record<string, string> }>;
  metrics(): Promise<Record<string, number>>;
}

export function healthRoutes(app: FastifyInstance, probe: HealthProbe): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    const r = await probe.ready();
    return reply.code(r.ok ? 200 : 503).send({ status: r.ok ? 'ready' : 'not ready', checks: r.checks });
  });
  app.get('/metrics', async (_req, reply) => {
    const m = await probe.metrics();
    const lines = Object.entries(m).flatMap(([name, v]) => [`# TYPE ${name} ${name.endsWith('_total') ? 'counter' : 'gauge'}`, `${name} ${v}`]);
    return reply.type('text/plain; version=0.0.4').send(`${lines.join('\n')}\n`);
  });
}

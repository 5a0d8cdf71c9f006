// Liveness, readiness and Prometheus text about the service itself (SPEC §3, no auth).
import type { FastifyInstance } from 'fastify';

export interface HealthProbe {
  ready(): Promise<{ ok: boolean; checks: Record<string, string> }>;
  metrics(): Promise<Record<string, number>>;
}

/**
 * /readyz answers within this long whatever its checks do (each check has its own, shorter, bound: the
 * Redis command timeout): a load balancer's probe must never hang on the storage it is asking about.
 */
export const READY_DEADLINE_MS = 900;

export function healthRoutes(app: FastifyInstance, probe: HealthProbe): void {
  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_req, reply) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<{ ok: boolean; checks: Record<string, string> }>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, checks: { probe: `checks did not answer within ${READY_DEADLINE_MS} ms` } }), READY_DEADLINE_MS);
    });
    const checked = probe.ready().catch((e: Error) => ({ ok: false, checks: { probe: e.message } }));
    const r = await Promise.race([checked, late]).finally(() => clearTimeout(timer));
    return reply.code(r.ok ? 200 : 503).send({ status: r.ok ? 'ready' : 'not ready', checks: r.checks });
  });
  app.get('/metrics', async (_req, reply) => {
    const m = await probe.metrics();
    const lines = Object.entries(m).flatMap(([name, v]) => [`# TYPE ${name} ${name.endsWith('_total') ? 'counter' : 'gauge'}`, `${name} ${v}`]);
    return reply.type('text/plain; version=0.0.4').send(`${lines.join('\n')}\n`);
  });
}

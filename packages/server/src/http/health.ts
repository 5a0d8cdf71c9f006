// Liveness, readiness and Prometheus text about the service itself (SPEC §3, no auth).
import type { FastifyInstance } from 'fastify';

export interface HealthProbe {
  /** `ok` decides 200/503; `status` and `parts` (observability/readiness.ts) say how each part is */
  ready(): Promise<{ ok: boolean; checks: Record<string, string>; status?: string; parts?: Record<string, string> }>;
  /** counters and gauges as plain numbers; /metrics registers each key (observability/probe-bridge.ts) */
  metrics(): Promise<Record<string, number>>;
  /** the Prometheus text of every metric (observability/metrics.ts) */
  exposition(): Promise<{ contentType: string; body: string }>;
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
    const r: Awaited<ReturnType<HealthProbe['ready']>> = await Promise.race([checked, late]).finally(() => clearTimeout(timer));
    const status = r.status ?? (r.ok ? 'ready' : 'not ready');
    return reply.code(r.ok ? 200 : 503).send({ status, ...(r.parts ? { parts: r.parts } : {}), checks: r.checks });
  });
  app.get('/metrics', async (_req, reply) => {
    const m = await probe.exposition();
    return reply.type(m.contentType).send(m.body);
  });
}

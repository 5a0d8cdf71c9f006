// Single-event POSTs with autocannon (32 connections), each request with its own body: requests per second,
// how many were answered with another status than 2xx, and the CPU this process (the load generator) used.
import autocannon from 'autocannon';
import Fastify from 'fastify';

export interface CannonResult {
  rps: number;
  total: number;
  non2xx: number;
  errors: number;
  /** CPU seconds of this process (autocannon) during the run */
  cpu: number;
}

export async function cannon(url: string, body: (i: number) => string, headers: Record<string, string>, duration: number): Promise<CannonResult> {
  let i = 0;
  const c0 = process.cpuUsage();
  const r = await autocannon({
    url,
    method: 'POST',
    connections: 32,
    duration,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: body(i++) }) }],
  });
  const c = process.cpuUsage(c0);
  return { rps: r.requests.average, total: r.requests.total, non2xx: r.non2xx, errors: r.errors, cpu: (c.user + c.system) / 1e6 };
}

/** The ceiling of single POSTs: an empty Fastify POST route in this process, under the same load. */
export async function emptyRouteCeiling(duration: number): Promise<CannonResult> {
  const empty = Fastify();
  empty.post('/empty', async (_req, reply) => reply.code(202).send({ accepted: 1, duplicates: 0, rejected: [] }));
  await empty.listen({ port: 0, host: '127.0.0.1' });
  try {
    const address = empty.server.address() as { port: number };
    return await cannon(`http://127.0.0.1:${address.port}/empty`, () => '{"id":"x"}', {}, duration);
  } finally {
    await empty.close();
  }
}

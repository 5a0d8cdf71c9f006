// Single-event POSTs against the ceiling of an empty Fastify POST route, both measured with autocannon.
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { startStack, seconds, TOKENS, type Result } from '../lib.ts';

async function cannon(url: string, body: (i: number) => string, headers: Record<string, string>, duration: number) {
  let i = 0;
  const r = await autocannon({
    url,
    method: 'POST',
    connections: 32,
    duration,
    headers: { 'content-type': 'application/json', ...headers },
    requests: [{ setupRequest: (req) => ({ ...req, body: body(i++) }) }],
  });
  return { rps: r.requests.average, non2xx: r.non2xx, errors: r.errors };
}

export async function ingestSingle(): Promise<Result[]> {
  const duration = seconds('BENCH_SECONDS', 10);
  const empty = Fastify();
  empty.post('/empty', async (_req, reply) => reply.code(202).send({ accepted: 1, duplicates: 0, rejected: [] }));
  await empty.listen({ port: 0, host: '127.0.0.1' });
  const address = empty.server.address() as { port: number };
  const ceiling = await cannon(`http://127.0.0.1:${address.port}/empty`, () => '{"id":"x"}', {}, duration);
  await empty.close();

  const stack = await startStack();
  try {
    const stamp = Date.now();
    const r = await cannon(
      `${stack.url}/v1/events`,
      (i) => JSON.stringify({ id: `b1-${stamp}-${i}`, type: 'chat.requested', ts: Date.now(), chat_id: `b1-${stamp}-${i}`, queue: `q${i % 10}` }),
      { authorization: `Bearer ${TOKENS.ingest}` },
      duration,
    );
    const ratio = r.rps / ceiling.rps;
    return [
      {
        name: 'single-event POST /v1/events',
        value: Math.round(r.rps),
        unit: 'req/s',
        ceiling: { name: 'empty Fastify POST route', value: Math.round(ceiling.rps) },
        ratio,
        target: '≥ 0.75 of the empty route',
        met: ratio >= 0.75,
        notes: `non-2xx ${r.non2xx}, errors ${r.errors}; live, history and alerts on`,
      },
    ];
  } finally {
    await stack.stop();
  }
}

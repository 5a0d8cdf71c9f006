// Single-event POSTs against the ceiling of an empty Fastify POST route, both measured with autocannon.
import { cannon, emptyRouteCeiling } from '../cannon.ts';
import { startStack, seconds, TOKENS, type Result } from '../lib.ts';

export async function ingestSingle(): Promise<Result[]> {
  const duration = seconds('BENCH_SECONDS', 10);
  const ceiling = await emptyRouteCeiling(duration);

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

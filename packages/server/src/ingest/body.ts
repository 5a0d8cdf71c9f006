// Turns a request body (one event, a JSON array, or NDJSON) into a list of raw items, each either a
// parsed value or the reason its line could not be parsed.
import { LIMITS } from '@pulse/contracts';

export type RawItem = { value: unknown } | { error: string };

/** An NDJSON body as the content-type parser hands it over. */
export class NdjsonBody {
  constructor(readonly text: string) {}
}

export class BatchTooLarge extends Error {
  readonly statusCode = 413;
}

export const limitsText = `a batch holds at most ${LIMITS.batchEvents.toLocaleString('en')} events and ${LIMITS.batchBytes / 1024 / 1024} MiB`;

function checkCount(n: number): void {
  if (n > LIMITS.batchEvents) throw new BatchTooLarge(`batch of ${n} events is too large: ${limitsText}`);
}

export function itemsOfJson(body: unknown): RawItem[] {
  const list = Array.isArray(body) ? body : [body];
  checkCount(list.length);
  return list.map((value) => ({ value }));
}

export function itemsOfNdjson(text: string): RawItem[] {
  const lines = text.split('\n');
  const items: RawItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    try {
      items.push({ value: JSON.parse(line, noProto) });
    } catch (e) {
      items.push({ error: `line ${i + 1}: ${e instanceof ProtoKeyError ? e.message : 'not valid JSON'}` });
    }
  }
  checkCount(items.length);
  return items;
}

class ProtoKeyError extends Error {}

/** JSON.parse reviver that refuses prototype-pollution keys, as Fastify's JSON parser does. */
function noProto(key: string, value: unknown): unknown {
  if (key === '__proto__' || key === 'constructor') throw new ProtoKeyError(`forbidden key '${key}'`);
  return value;
}

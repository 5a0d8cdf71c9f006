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

/** A body that cannot be read as text: not UTF-8 (400), or in a charset other than UTF-8 (415). */
export class BadBody extends Error {
  constructor(
    readonly statusCode: 400 | 415,
    message: string,
  ) {
    super(message);
  }
}

const CHARSET = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i;

/** Refuses a Content-Type whose charset is not UTF-8 (none means UTF-8): 415 naming it. */
export function checkCharset(contentType: string | undefined): void {
  const m = contentType ? CHARSET.exec(contentType) : null;
  if (!m) return;
  const charset = (m[1] ?? m[2] ?? '').trim(); // one of the two alternatives matched
  if (/^utf-?8$/i.test(charset)) return;
  throw new BadBody(415, `charset '${charset.slice(0, 40)}' is not supported: send the body as UTF-8 (charset=utf-8)`);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The body as text, refusing bytes that are not UTF-8 (400 naming the first bad byte's offset): a lenient
 * decoder would turn them into U+FFFD, so two different ids could become one "duplicate".
 */
export function decodeUtf8(body: Buffer): string {
  try {
    return utf8.decode(body);
  } catch {
    throw new BadBody(400, `the body is not valid UTF-8 (the bytes at offset ${firstBadByte(body)} are not a UTF-8 character); send UTF-8 encoded JSON`);
  }
}

/** Offset of the first byte that does not start a well-formed UTF-8 sequence (RFC 3629). */
export function firstBadByte(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      if (c === 0xe0) lo = 0xa0; // no overlong forms
      if (c === 0xed) hi = 0x9f; // no surrogates
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f; // nothing past U+10FFFF
    } else return i;
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || x < (k === 1 ? lo : 0x80) || x > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return b.length;
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
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
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

// A real local HTTP server standing in for `POST /v1/events` in tests.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  at: number;
  headers: IncomingMessage['headers'];
  body: string;
  events: Record<string, unknown>[];
}

export type Handler = (req: Received, n: number, res: ServerResponse) => void;

/** Accepts everything with 202 unless a handler answers otherwise. */
export const acceptAll: Handler = (r, _n, res) => {
  res.writeHead(202, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ accepted: r.events.length, duplicates: 0, rejected: [] }));
};

export async function startIngest(handler: Handler = acceptAll) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let events: Record<string, unknown>[] = [];
      try {
        events = JSON.parse(body);
      } catch {
        /* not JSON */
      }
      const r: Received = { at: Date.now(), headers: req.headers, body, events };
      received.push(r);
      handler(r, received.length, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A logger that records what it is given. */
export function memoryLogger() {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}

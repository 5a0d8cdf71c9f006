// A real local HTTP server that receives webhook deliveries, for tests: records each request, and can be
// told to fail the next N requests or to stop listening.
import { createServer, type Server } from 'node:http';
import { freePort } from './ports.ts';

export interface Received {
  at: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  status: number;
}

export interface Receiver {
  url: string;
  port: number;
  received: Received[];
  failNext(n: number): void;
  close(): Promise<void>;
  listen(): Promise<void>;
}

export async function startReceiver(port?: number): Promise<Receiver> {
  const p = port ?? (await freePort());
  let failures = 0;
  let server: Server | null = null;
  const received: Received[] = [];
  const r: Receiver = {
    url: `http://127.0.0.1:${p}/hook`,
    port: p,
    received,
    failNext(n) {
      failures = n;
    },
    async listen() {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          const status = failures > 0 ? 500 : 200;
          if (failures > 0) failures--;
          received.push({ at: Date.now(), headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
          res.writeHead(status).end(status === 200 ? 'ok' : 'nope');
        });
      });
      await new Promise<void>((res) => server!.listen(p, '127.0.0.1', res));
    },
    async close() {
      if (!server) return;
      const s = server;
      server = null;
      s.closeAllConnections();
      await new Promise((res) => s.close(res));
    },
  };
  await r.listen();
  return r;
}

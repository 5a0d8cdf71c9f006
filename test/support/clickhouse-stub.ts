// A stand-in for a ClickHouse server's HTTP interface, for the paths that need a server (CLICKHOUSE_URL)
// where none can run: the version check at start, and a history outage (stop it, start it again on the
// same port). It answers `SELECT version()` with the version it is given, the applied-migrations query
// with every migration already applied (so Pulse runs none), /ping with `Ok.`, and everything else
// (inserts, DDL, other selects) with an empty 200: it stores nothing. Real ClickHouse runs in chDB
// elsewhere in the tests, and against a real server in CI (.github/workflows/server-mode.yml).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readMigrations } from '@pulse/server';

export interface ClickHouseStub {
  url: string;
  /** the SQL of every request, in order */
  queries: string[];
  /** stops answering: connections are refused from now on */
  stop(): Promise<void>;
  /** answers again, on the same port */
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startClickHouseStub(version: string): Promise<ClickHouseStub> {
  const queries: string[] = [];
  const applied = readMigrations()
    .map((m) => JSON.stringify({ version: m.version, name: m.name, checksum: m.checksum }))
    .join('\n');
  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://stub');
      if (url.pathname === '/ping') return res.end('Ok.\n');
      const body = Buffer.concat(chunks).toString('utf8');
      const sql = url.searchParams.get('query') ?? body;
      queries.push(sql);
      res.setHeader('content-type', 'text/plain; charset=UTF-8');
      if (/SELECT version\(\)/i.test(sql)) return res.end(`${JSON.stringify({ v: version })}\n`);
      if (/^\s*SELECT .* FROM pulse\.schema_migrations/is.test(sql)) return res.end(`${applied}\n`);
      res.end('');
    });
  };
  let server: Server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return {
    url: `http://127.0.0.1:${port}`,
    queries,
    stop,
    async start() {
      server = createServer(handler);
      await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
    },
    async close() {
      if (server.listening) await stop();
    },
  };
}

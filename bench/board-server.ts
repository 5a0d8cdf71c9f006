import { DEFAULT_THRESHOLDS } from '@pulse/contracts/board';
// A tiny stand-in for the Pulse server, for the client benchmark only: serves the built wall-board, the REST
// surfaces it reads at start (live, trend, board config) and the WebSocket stream, on 127.0.0.1.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Snapshot, WindowMetrics } from '@pulse/contracts';

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export interface BoardServer {
  url: string;
  /** Resolves with the socket of the next board that connects (it has already been sent `first`). */
  nextClient(): Promise<WebSocket>;
  close(): Promise<void>;
}

function trendOf(snapshot: Snapshot): unknown {
  const now = Math.floor(Date.parse(snapshot.at) / 60_000) * 60_000;
  const minutes = Array.from({ length: 60 }, (_, i) => new Date(now - (59 - i) * 60_000).toISOString());
  const series: Record<string, WindowMetrics[]> = {};
  const scopes = ['all', ...Object.keys(snapshot.queues).map((q) => `q:${q}`), ...Object.keys(snapshot.channels).map((c) => `c:${c}`)];
  for (const [i, scope] of scopes.entries()) {
    series[scope] = minutes.map((_, m) => ({ ...snapshot.overall.windows['15m'], answered: (i + m * 7) % 6, abandoned: (i + m) % 5 === 0 ? 1 : 0 }));
  }
  return { at: snapshot.at, minutes, series };
}

export async function startBoardServer(distDir: string, first: () => Snapshot): Promise<BoardServer> {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`the wall-board is not built (${distDir}): pnpm --filter @pulse/wallboard build`);
  const json = (res: import('node:http').ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    if (path === '/v1/live') return json(res, first());
    if (path === '/v1/live/trend') return json(res, trendOf(first()));
    if (path === '/v1/board/config') return json(res, { time_zone: 'UTC', thresholds: { default: DEFAULTS, byQueue: {} } });
    const file = normalize(join(distDir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(distDir) || !existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
    res.end(readFileSync(file));
  });
  const wss = new WebSocketServer({ server, path: '/v1/live/stream' });
  const waiting: ((ws: WebSocket) => void)[] = [];
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'snapshot', snapshot: first() }));
    waiting.shift()?.(ws);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    nextClient: () => new Promise((resolve) => waiting.push(resolve)),
    close: () =>
      new Promise((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
}

const DEFAULTS = DEFAULT_THRESHOLDS;

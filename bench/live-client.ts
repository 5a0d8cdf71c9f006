// A WebSocket client of /v1/live/stream for the benchmarks: counts the bytes it is sent per message type and
// keeps the live state it was told, applying patches as the wall-board does (packages/wallboard/src/live).
import WebSocket from 'ws';
import { applyPatch, type LiveMessage, type Snapshot } from '@pulse/contracts';
import { TOKENS } from './lib.ts';

export interface BenchClient {
  ws: WebSocket;
  /** bytes received so far, all messages */
  bytes: number;
  byType: Record<string, { messages: number; bytes: number }>;
  /** the state this client holds (after the last snapshot and the patches since) */
  state: () => Snapshot | null;
  /** called with the state after each snapshot or patch */
  onState: ((s: Snapshot, at: number) => void) | null;
  /** resyncs asked for (a gap in seq) */
  resyncs: number;
  opened: Promise<void>;
  close(): void;
}

export function benchClient(url: string, query = ''): BenchClient {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/live/stream?token=${TOKENS.viewer}${query ? `&${query}` : ''}`);
  let state: Snapshot | null = null;
  let seq: number | null = null;
  const c: BenchClient = {
    ws,
    bytes: 0,
    byType: {},
    state: () => state,
    onState: null,
    resyncs: 0,
    opened: new Promise((resolve) => ws.once('open', () => resolve())),
    close: () => ws.close(),
  };
  ws.on('error', () => {});
  ws.on('message', (data: Buffer) => {
    const now = Date.now();
    c.bytes += data.length;
    const m = JSON.parse(data.toString()) as LiveMessage;
    const t = (c.byType[m.type] ??= { messages: 0, bytes: 0 });
    t.messages++;
    t.bytes += data.length;
    if (m.type === 'snapshot') {
      state = m.snapshot;
      seq = m.seq ?? null;
    } else if (m.type === 'patch') {
      if (state === null || seq === null || m.seq !== seq + 1) {
        if (m.seq > (seq ?? -1)) {
          c.resyncs++;
          seq = null;
          ws.send('{"type":"resync"}');
        }
        return;
      }
      state = applyPatch(state, m);
      seq = m.seq;
    } else return;
    c.onState?.(state, now);
  });
  return c;
}

// A WebSocket client of /v1/live/stream for the benchmarks: counts the bytes it is sent per message type and
// keeps the live state it was told, applying patches as the wall-board does (packages/wallboard/src/live).
import WebSocket from 'ws';
import { applyPatch, type LiveMessage, type LivePatch, type Snapshot } from '@pulse/contracts';
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

/**
 * Decoding shared by the clients of this process: the clients of one stream are sent the very same messages, so a
 * message is parsed once and a patch applied once to the state they share (applyPatch never changes its input).
 * Each client still receives, counts and times its own copy; without this, 5,000 clients in the load generator's
 * one process parse and apply 5,000 times what the server serialized once, and the load generator is what lags.
 */
const parsed = new Map<string, LiveMessage>();
const applied = new WeakMap<Snapshot, Map<LiveMessage, Snapshot>>();
const SHARED = 64;

function decode(text: string): LiveMessage {
  let m = parsed.get(text);
  if (m === undefined) {
    m = JSON.parse(text) as LiveMessage;
    if (parsed.size >= SHARED) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, m);
  }
  return m;
}

function apply(state: Snapshot, m: LivePatch): Snapshot {
  let after = applied.get(state);
  if (!after) applied.set(state, (after = new Map()));
  let next = after.get(m);
  if (next === undefined) after.set(m, (next = applyPatch(state, m)));
  return next;
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
    const m = decode(data.toString());
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
      state = apply(state, m);
      seq = m.seq;
    } else return;
    c.onState?.(state, now);
  });
  return c;
}

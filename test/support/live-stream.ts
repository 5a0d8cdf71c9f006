// A client of WebSocket /v1/live/stream for tests, as the wall-board is: it holds the snapshot and applies every
// patch (contracts/live-patch.ts), asks for a snapshot on a gap in `seq`, and records each state it reached,
// with when, and every message it got.
import WebSocket from 'ws';
import { applyPatch, type LiveMessage, type Snapshot } from '@pulse/contracts';
import { eventually, TOKENS } from './pulse.ts';

export interface LiveStream {
  ws: WebSocket;
  /** every message, parsed, with when it arrived and its size */
  messages: { at: number; bytes: number; msg: LiveMessage }[];
  /** the state after each snapshot or patch, with when */
  states: { at: number; seq: number; snap: Snapshot }[];
  /** the state held now */
  state(): Snapshot | null;
  seq(): number | null;
  resyncs: number;
  /** resolves once the first snapshot arrived */
  ready: Promise<void>;
  close(): void;
}

export function openStream(url: string, query = '', opts: { token?: string } = {}): LiveStream {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/live/stream?token=${opts.token ?? TOKENS.viewer}${query ? `&${query}` : ''}`);
  let held: Snapshot | null = null;
  let seq: number | null = null;
  let waiting = false;
  const s: LiveStream = {
    ws,
    messages: [],
    states: [],
    state: () => held,
    seq: () => seq,
    resyncs: 0,
    ready: Promise.resolve(),
    close: () => ws.close(),
  };
  const resync = () => {
    if (waiting) return;
    waiting = true;
    s.resyncs++;
    ws.send(JSON.stringify({ type: 'resync' }));
  };
  ws.on('error', () => {});
  ws.on('message', (data: Buffer) => {
    const at = Date.now();
    const msg = JSON.parse(data.toString()) as LiveMessage;
    s.messages.push({ at, bytes: data.length, msg });
    if (msg.type === 'snapshot') {
      held = msg.snapshot;
      seq = msg.seq ?? null;
      waiting = false;
    } else if (msg.type === 'patch') {
      if (held === null || seq === null || waiting) return;
      if (msg.seq <= seq) return;
      if (msg.seq !== seq + 1) return resync();
      held = applyPatch(held, msg);
      seq = msg.seq;
    } else {
      if (msg.type === 'heartbeat' && held !== null && seq !== null && msg.seq !== undefined && msg.seq > seq) resync();
      return;
    }
    s.states.push({ at, seq: seq ?? -1, snap: held });
  });
  s.ready = eventually(
    async () => held,
    (h) => h !== null,
    10_000,
  ).then(() => undefined);
  return s;
}

/** Figures the client moves on with time: equal within this many seconds (the server corrects beyond 1 ms). */
const TIME_SLACK_S = 0.002;
const TIME_FIELDS = new Set(['longest_wait_s', 'oldest_unassigned_s']);

/**
 * The differences between the state a client holds and a snapshot read at another moment, the client's state
 * first moved on to the snapshot's `at` as a client does (its waits grow, its SLA countdowns run): as sentences.
 */
export function stateDiffs(held: Snapshot, truth: Snapshot): string[] {
  const moved = applyPatch(held, { type: 'patch', seq: 0, at: truth.at });
  const out: string[] = [];
  const walk = (a: unknown, b: unknown, path: string) => {
    if (out.length > 40) return;
    if (typeof a === 'number' && typeof b === 'number' && TIME_FIELDS.has(path.split('.').at(-1)!)) {
      if (Math.abs(a - b) > TIME_SLACK_S) out.push(`${path}: ${a} held, ${b} read`);
      return;
    }
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
      if (!Object.is(a, b)) out.push(`${path}: ${JSON.stringify(a)} held, ${JSON.stringify(b)} read`);
      return;
    }
    if (Array.isArray(a) !== Array.isArray(b))
      return void out.push(`${path}: ${JSON.stringify(a).slice(0, 200)} held, ${JSON.stringify(b).slice(0, 200)} read`);
    const keys = new Set(
      [...Object.keys(a), ...Object.keys(b)].filter((k) => (a as Record<string, unknown>)[k] !== undefined || (b as Record<string, unknown>)[k] !== undefined),
    );
    if (Array.isArray(a) && a.length !== (b as unknown[]).length) out.push(`${path}: ${a.length} items held, ${(b as unknown[]).length} read`);
    for (const k of keys) walk((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
  };
  walk(JSON.parse(JSON.stringify(moved)), JSON.parse(JSON.stringify(truth)), '');
  return out;
}

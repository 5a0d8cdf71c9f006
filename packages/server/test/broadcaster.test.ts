// The broadcaster: a client joins with its stream's snapshot (with seq), then gets patches of what changed, seq
// one more each. A burst of changes is one push; a change that arrives while a push is being built is pushed right
// after it (never left for the periodic refresh); costly pushes are spaced further apart than pushIntervalMs.
// Per client: nothing more is queued above the soft cap of buffered bytes (the patches it misses are dropped and it
// gets one snapshot of the newest state when it drains), a client over the hard cap or slow for too long is closed
// with 1013, and one that does not answer pings is dropped. A resync is answered with a snapshot, once per seq.
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { applyPatch, type LiveMessage, type ScopeMetrics, type Snapshot } from '@pulse/contracts';
import { windowMetrics } from '@pulse/metrics';
import { Broadcaster, type LiveClient, type LiveFrame } from '../src/ws/broadcaster.ts';
import type { Config } from '../src/config/schema.ts';

/** limits that never get in the way of the coalescing tests */
const WS: Config['ws'] = {
  softBufferBytes: 2 ** 30,
  hardBufferBytes: 2 ** 31,
  slowClientTimeoutMs: 60_000,
  pingIntervalMs: 60_000,
  pongTimeoutMs: 60_000,
  maxPerToken: 100,
  maxPerAddress: 100,
};
const LOG = pino({ level: 'silent' });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** an empty window, as the metrics define it */
const win = windowMetrics({});
const BASE = Date.parse('2026-01-05T10:00:00.000Z');
/** a scope whose first waiting contact has waited since BASE */
const scope = (waiting: number, at: number, pad = ''): ScopeMetrics =>
  ({
    waiting,
    longest_wait_s: waiting > 0 ? (at - BASE) / 1000 : 0,
    unsolved_tickets: 0,
    unassigned_tickets: 0,
    oldest_unassigned_s: 0,
    agents_online: 0,
    agents_away: 0,
    active_chats: 0,
    utilization_pct: null,
    sla_breached: 0,
    sla_at_risk: 0,
    windows: { '15m': win, '60m': win, today: win },
    ...(pad ? { pad } : {}),
  }) as ScopeMetrics;

/** A floor of two queues whose waiting counts the test sets; `value` is overall.waiting. */
function source(buildMs: number, pad = '') {
  const s = { value: 0, a: 0, b: 0, builds: 0 };
  let clock = BASE;
  const frame = async (): Promise<LiveFrame> => {
    const [v, a, b] = [s.value, s.a, s.b]; // read at the start of the build, as Redis reads are
    s.builds++;
    await sleep(buildMs);
    const ms = (clock += 10);
    const at = new Date(ms).toISOString();
    const snap: Snapshot = {
      at,
      time_zone: 'UTC',
      overall: scope(v, ms, pad),
      queues: { a: scope(a, ms), b: scope(b, ms) },
      channels: {},
      agents: [],
      sla: { breached: [], at_risk: [] },
      alerts: [],
    };
    return {
      at,
      for: (f) => (f.queue ? { ...snap, overall: snap.queues[f.queue]!, queues: { [f.queue]: snap.queues[f.queue]! } } : snap),
    };
  };
  return { s, frame };
}

/** A client socket that applies what it is sent as the board does; `got` is overall.waiting after each message. */
function client(queue?: string) {
  const listeners = new Map<string, (() => void)[]>();
  const c = {
    OPEN: 1,
    CLOSED: 3,
    readyState: 1,
    bufferedAmount: 0,
    messages: [] as LiveMessage[],
    state: null as Snapshot | null,
    got: [] as number[],
    at: [] as number[],
    closedWith: null as { code: number; reason: string } | null,
    terminated: false,
    pings: 0,
    written: [] as ((err?: Error) => void)[],
    on(event: string, fn: () => void) {
      listeners.set(event, [...(listeners.get(event) ?? []), fn]);
    },
    emit(event: string) {
      for (const fn of listeners.get(event) ?? []) fn();
    },
    /** as ws's: (data, cb) or (data, options, cb); the server sends its messages encoded, as text frames */
    send(data: string | Buffer, opts?: unknown, callback?: (err?: Error) => void) {
      const cb = typeof opts === 'function' ? (opts as (err?: Error) => void) : callback;
      if (typeof data !== 'string' && (opts as { binary?: boolean } | undefined)?.binary !== false) throw new Error('a binary frame');
      const raw = String(data);
      const m = JSON.parse(raw) as LiveMessage;
      c.messages.push(m);
      if (m.type === 'snapshot') c.state = m.snapshot;
      else if (m.type === 'patch') c.state = applyPatch(c.state!, m);
      if (m.type === 'snapshot' || m.type === 'patch') {
        c.got.push(c.state!.overall.waiting);
        c.at.push(Date.now());
      }
      c.bufferedAmount += raw.length;
      if (cb) c.written.push(cb);
    },
    /** a client that reads at once */
    fast() {
      c.bufferedAmount = 0;
      for (const cb of c.written.splice(0)) cb();
    },
    /** the client read everything: the buffer empties and the pending write callbacks run */
    drain() {
      c.fast();
    },
    close(code: number, reason: string) {
      c.closedWith = { code, reason };
      c.readyState = 2;
    },
    terminate() {
      c.terminated = true;
      c.readyState = 3;
      c.emit('close');
    },
    ping() {
      c.pings++;
    },
  };
  const live: LiveClient & { c: typeof c } = { socket: c as never, queue, c };
  return live;
}

const seqs = (c: ReturnType<typeof client>['c']) => c.messages.flatMap((m) => (m.type === 'snapshot' || m.type === 'patch' ? [`${m.type}:${m.seq}`] : []));

async function joined(b: Broadcaster, cl: ReturnType<typeof client>) {
  await b.add(cl);
  for (let i = 0; i < 100 && cl.c.messages.length === 0; i++) await sleep(5);
  cl.c.fast();
}

describe('broadcaster', () => {
  it('sends a joining client its snapshot with seq, then patches with the next seqs', async () => {
    const { s, frame } = source(1);
    const b = new Broadcaster({ frame }, { pushIntervalMs: 10, heartbeatMs: 10_000 }, LOG, WS);
    const c = client();
    await joined(b, c);
    for (const v of [1, 2]) {
      s.value = v;
      const pushes = b.pushes;
      b.changed();
      for (let k = 0; k < 400 && b.pushes === pushes; k++) await sleep(5); // its push done (slower under load)
    }
    b.stop();
    expect(seqs(c.c)).toEqual(['snapshot:1', 'patch:2', 'patch:3']);
    expect(c.c.got).toEqual([0, 1, 2]);
    // only what changed: the overall waiting count and the time (the wait went on as the client counts it)
    expect(c.c.messages[2]).toEqual({ type: 'patch', seq: 3, at: c.c.state!.at, overall: { waiting: 2 } });
    expect(c.c.messages[1]).toEqual({ type: 'patch', seq: 2, at: (c.c.messages[1] as { at: string }).at, overall: { waiting: 1, longest_wait_s: 0.02 } });
  });

  it('pushes a burst of changes once', async () => {
    const { s, frame } = source(1);
    const b = new Broadcaster({ frame }, { pushIntervalMs: 50, heartbeatMs: 10_000 }, LOG, WS);
    const c = client();
    await joined(b, c);
    for (let i = 1; i <= 10; i++) {
      s.value = i;
      b.changed();
    }
    await sleep(120);
    b.stop();
    expect(c.c.got).toEqual([0, 10]);
  });

  it('sends nothing when nothing but time moved on', async () => {
    const { frame } = source(1);
    const b = new Broadcaster({ frame }, { pushIntervalMs: 10, heartbeatMs: 10_000 }, LOG, WS);
    const c = client();
    await joined(b, c);
    b.changed();
    await sleep(40);
    b.changed();
    await sleep(40);
    b.stop();
    expect(seqs(c.c)).toEqual(['snapshot:1']);
  });

  it('pushes a change that arrived during a build right after that push', async () => {
    const { s, frame } = source(40);
    const b = new Broadcaster({ frame }, { pushIntervalMs: 10, heartbeatMs: 10_000 }, LOG, WS);
    const c = client();
    await joined(b, c);
    await sleep(150); // past the spacing of the join's push
    s.value = 1;
    b.changed();
    await sleep(20); // the push of 1 is being built
    s.value = 2;
    b.changed();
    await sleep(400);
    b.stop();
    expect(c.c.got).toEqual([0, 1, 2]);
  });

  it('spaces pushes at least three times their cost apart', async () => {
    const { s, frame } = source(30);
    const b = new Broadcaster({ frame }, { pushIntervalMs: 10, heartbeatMs: 10_000 }, LOG, WS);
    const c = client();
    await joined(b, c);
    const stop = Date.now() + 700;
    while (Date.now() < stop) {
      s.value++;
      b.changed();
      await sleep(5);
    }
    b.stop();
    const pushes = c.c.at.slice(1);
    const gaps = pushes.slice(1).map((t, i) => t - pushes[i]!);
    expect(gaps.length).toBeGreaterThan(2);
    // each push costs ≥ 30 ms, so the next starts ≥ 90 ms after the previous one started
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(85);
  });

  it('gives a stream of one queue only that queue’s changes, with its own seq', async () => {
    const { s, frame } = source(1);
    const b = new Broadcaster({ frame }, { pushIntervalMs: 10, heartbeatMs: 10_000 }, LOG, WS);
    const all = client();
    const a = client('a');
    await joined(b, all);
    await joined(b, a);
    s.b = 3; // another queue
    b.changed();
    await sleep(40);
    s.a = 1;
    b.changed();
    await sleep(40);
    b.stop();
    expect(seqs(a.c)).toEqual(['snapshot:1', 'patch:2']);
    expect(a.c.messages[1]).toMatchObject({ overall: { waiting: 1 }, queues: { a: { waiting: 1 } } });
    expect(Object.keys(a.c.state!.queues)).toEqual(['a']);
    expect(all.c.state!.queues).toMatchObject({ a: { waiting: 1 }, b: { waiting: 3 } });
  });

  it('answers a resync with the snapshot at the current seq, once per seq', async () => {
    const { s, frame } = source(1);
    const b = new Broadcaster({ frame }, { pushIntervalMs: 10, heartbeatMs: 10_000 }, LOG, WS);
    const c = client();
    await joined(b, c);
    s.value = 4;
    b.changed();
    await sleep(40);
    b.resync(c);
    b.resync(c);
    b.stop();
    expect(seqs(c.c)).toEqual(['snapshot:1', 'patch:2', 'snapshot:2']);
    expect((c.c.messages.at(-1) as { snapshot: Snapshot }).snapshot.overall.waiting).toBe(4);
  });

  it('says the stream’s last seq and the time of its state in heartbeats', async () => {
    const { s, frame } = source(1);
    const b = new Broadcaster({ frame }, { pushIntervalMs: 10, heartbeatMs: 50 }, LOG, WS);
    b.start();
    const c = client();
    await joined(b, c);
    s.value = 1;
    b.changed();
    await sleep(120);
    b.stop();
    const hb = c.c.messages.filter((m) => m.type === 'heartbeat').at(-1)!;
    expect(hb).toMatchObject({ type: 'heartbeat', seq: 2, live: 'ok', snapshot_at: c.c.state!.at });
  });
});

describe('broadcaster and slow clients', () => {
  it('queues nothing past the soft cap: the patches missed are dropped, the newest state goes out on drain', async () => {
    const { s, frame } = source(1);
    const b = new Broadcaster({ frame }, { pushIntervalMs: 10, heartbeatMs: 10_000 }, LOG, { ...WS, softBufferBytes: 1 });
    const c = client();
    await b.add(c);
    await sleep(30);
    expect(c.c.got).toEqual([0]); // the buffer was empty: sent at once
    for (let i = 1; i <= 5; i++) {
      s.value = i;
      const pushes = b.pushes;
      b.changed();
      // each change is its own push (waited for, not slept on: pushes are spaced by their cost under load)
      for (let k = 0; k < 400 && b.pushes === pushes; k++) await sleep(5);
    }
    expect(c.c.got).toEqual([0]);
    expect(b.metrics().pulse_websocket_sends_coalesced_total).toBe(5);
    const held = c.c.bufferedAmount;
    expect(b.metrics().pulse_websocket_buffered_bytes).toBe(held);
    c.c.drain();
    expect(c.c.got).toEqual([0, 5]); // one snapshot, the newest
    expect(seqs(c.c)).toEqual(['snapshot:1', 'snapshot:6']);
    b.stop();
  });

  it('closes a client with 1013 once its buffer passes the hard cap', async () => {
    const { s, frame } = source(1, 'x'.repeat(2_000));
    const b = new Broadcaster({ frame }, { pushIntervalMs: 10, heartbeatMs: 10_000 }, LOG, { ...WS, softBufferBytes: 8_000, hardBufferBytes: 12_000 });
    const c = client();
    await b.add(c);
    await sleep(30); // ~5 kB buffered, under the soft cap
    s.value = 1;
    b.changed();
    await sleep(40); // a patch: still under the soft cap
    expect(c.c.closedWith).toBeNull();
    c.c.bufferedAmount = 9_000; // above the soft cap: what comes next is not sent
    s.value = 2;
    b.changed();
    await sleep(40);
    expect(c.c.got).toEqual([0, 1]);
    c.c.bufferedAmount = 7_900; // drained a little: the catch-up snapshot goes out and passes the hard cap
    c.c.written.shift()!();
    expect(c.c.closedWith?.code).toBe(1013);
    expect(c.c.closedWith?.reason).toMatch(/too slow/);
    expect(b.metrics().pulse_websocket_slow_closed_total).toBe(1);
    b.stop();
  });

  it('closes a client that stays above the soft cap longer than the timeout', async () => {
    const { frame } = source(1, 'x'.repeat(100));
    const b = new Broadcaster({ frame }, { pushIntervalMs: 10, heartbeatMs: 10_000 }, LOG, { ...WS, softBufferBytes: 50, slowClientTimeoutMs: 200 });
    b.start();
    const c = client();
    await b.add(c);
    await sleep(120);
    expect(c.c.closedWith).toBeNull();
    await sleep(250);
    expect(c.c.closedWith?.code).toBe(1013);
    b.stop();
  });

  it('pings clients and drops one that does not answer within the pong timeout', async () => {
    const { frame } = source(1);
    const b = new Broadcaster({ frame }, { pushIntervalMs: 10, heartbeatMs: 10_000 }, LOG, { ...WS, pingIntervalMs: 100, pongTimeoutMs: 150 });
    b.start();
    const answers = client();
    const silent = client();
    await joined(b, answers);
    await joined(b, silent);
    const stop = Date.now() + 600;
    while (Date.now() < stop) {
      if (answers.c.pings > 0) answers.c.emit('pong');
      await sleep(20);
    }
    expect(answers.c.pings).toBeGreaterThan(1);
    expect(answers.c.terminated).toBe(false);
    expect(silent.c.pings).toBe(1);
    expect(silent.c.terminated).toBe(true);
    expect(b.size).toBe(1);
    expect(b.metrics().pulse_websocket_pong_timeouts_total).toBe(1);
    b.stop();
  });
});

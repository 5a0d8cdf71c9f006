// The broadcaster's coalescing: a burst of changes is one push; a change that arrives while a push is
// being built is pushed right after it (never left for the periodic refresh); costly pushes are spaced
// further apart than pushIntervalMs. Per client: nothing more is queued above the soft cap of buffered
// bytes (the newest snapshot replaces an unsent one), a client over the hard cap or slow for too long is
// closed with 1013, and one that does not answer pings is dropped.
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Snapshot } from '@pulse/contracts';
import { Broadcaster, type LiveClient } from '../src/ws/broadcaster.ts';
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

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** a client socket that records what it was sent */
function client(): LiveClient & { got: number[]; at: number[] } {
  const got: number[] = [];
  const at: number[] = [];
  const socket = {
    OPEN: 1,
    readyState: 1,
    on() {},
    close() {},
    send(msg: string) {
      got.push(JSON.parse(msg).snapshot.v);
      at.push(Date.now());
    },
  };
  return { socket: socket as never, got, at };
}

function source(buildMs: number) {
  const s = { value: 0, builds: 0 };
  const snapshot = async () => {
    const v = s.value; // read at the start of the build, as Redis reads are
    s.builds++;
    await sleep(buildMs);
    return { v } as unknown as Snapshot;
  };
  return { s, snapshot };
}

describe('broadcaster', () => {
  it('pushes a burst of changes once', async () => {
    const { s, snapshot } = source(1);
    const b = new Broadcaster(snapshot, { pushIntervalMs: 50, heartbeatMs: 10_000 }, pino({ level: 'silent' }), WS);
    const c = client();
    await b.add(c);
    for (let i = 1; i <= 10; i++) {
      s.value = i;
      b.changed();
    }
    await sleep(120);
    b.stop();
    expect(c.got).toEqual([0, 10]);
  });

  it('pushes a change that arrived during a build right after that push', async () => {
    const { s, snapshot } = source(40);
    const b = new Broadcaster(snapshot, { pushIntervalMs: 10, heartbeatMs: 10_000 }, pino({ level: 'silent' }), WS);
    const c = client();
    await b.add(c);
    s.value = 1;
    b.changed();
    await sleep(20); // the push of 1 is being built
    s.value = 2;
    b.changed();
    await sleep(400);
    b.stop();
    expect(c.got).toEqual([0, 1, 2]);
  });

  it('spaces pushes at least three times their cost apart', async () => {
    const { s, snapshot } = source(30);
    const b = new Broadcaster(snapshot, { pushIntervalMs: 10, heartbeatMs: 10_000 }, pino({ level: 'silent' }), WS);
    const c = client();
    await b.add(c);
    const stop = Date.now() + 700;
    while (Date.now() < stop) {
      s.value++;
      b.changed();
      await sleep(5);
    }
    b.stop();
    const pushes = c.at.slice(1);
    const gaps = pushes.slice(1).map((t, i) => t - pushes[i]);
    expect(gaps.length).toBeGreaterThan(2);
    // each push costs ≥ 30 ms, so the next starts ≥ 90 ms after the previous one started
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(85);
  });
});

/** A socket whose send buffer the test controls: bytes stay "buffered" until drain() (the client reads). */
function slowSocket() {
  const listeners = new Map<string, (() => void)[]>();
  const s = {
    OPEN: 1,
    CLOSED: 3,
    readyState: 1,
    bufferedAmount: 0,
    got: [] as number[],
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
    send(msg: string, cb?: (err?: Error) => void) {
      const m = JSON.parse(msg);
      if (m.type === 'snapshot') s.got.push(m.snapshot.v);
      s.bufferedAmount += msg.length;
      if (cb) s.written.push(cb);
    },
    /** the client read everything: the buffer empties and the pending write callbacks run */
    drain() {
      s.bufferedAmount = 0;
      for (const cb of s.written.splice(0)) cb();
    },
    close(code: number, reason: string) {
      s.closedWith = { code, reason };
      s.readyState = 2;
    },
    terminate() {
      s.terminated = true;
      s.readyState = 3;
      s.emit('close');
    },
    ping() {
      s.pings++;
    },
  };
  return s;
}

const sized = (bytes: number) => async () => ({ v: Date.now(), pad: 'x'.repeat(bytes) }) as unknown as Snapshot;

describe('broadcaster and slow clients', () => {
  it('queues nothing past the soft cap: the newest snapshot replaces the unsent one and goes out on drain', async () => {
    const { s, snapshot } = source(1);
    const b = new Broadcaster(snapshot, { pushIntervalMs: 10, heartbeatMs: 10_000 }, pino({ level: 'silent' }), {
      ...WS,
      softBufferBytes: 1,
    });
    const socket = slowSocket();
    await b.add({ socket: socket as never });
    expect(socket.got).toEqual([0]); // the buffer was empty: sent at once
    for (let i = 1; i <= 5; i++) {
      s.value = i;
      b.changed();
      await sleep(30);
    }
    expect(socket.got).toEqual([0]);
    expect(b.metrics().pulse_websocket_sends_coalesced_total).toBe(5);
    const held = socket.bufferedAmount;
    expect(b.metrics().pulse_websocket_buffered_bytes).toBe(held);
    socket.drain();
    expect(socket.got).toEqual([0, 5]); // one snapshot, the newest
    b.stop();
  });

  it('closes a client with 1013 once its buffer passes the hard cap', async () => {
    const b = new Broadcaster(sized(5_000), { pushIntervalMs: 10, heartbeatMs: 10_000 }, pino({ level: 'silent' }), {
      ...WS,
      softBufferBytes: 8_000,
      hardBufferBytes: 12_000,
    });
    const socket = slowSocket();
    await b.add({ socket: socket as never }); // ~5 kB buffered, under the soft cap
    b.changed();
    await sleep(40); // a second one: ~10 kB, under the hard cap
    expect(socket.closedWith).toBeNull();
    b.changed();
    await sleep(40); // above the soft cap: kept, not sent
    expect(socket.got.length).toBe(2);
    socket.bufferedAmount = 7_900; // drained a little: the kept one goes out and passes the hard cap
    socket.written.shift()!();
    expect(socket.closedWith?.code).toBe(1013);
    expect(socket.closedWith?.reason).toMatch(/too slow/);
    expect(b.metrics().pulse_websocket_slow_closed_total).toBe(1);
    b.stop();
  });

  it('closes a client that stays above the soft cap longer than the timeout', async () => {
    const b = new Broadcaster(sized(100), { pushIntervalMs: 10, heartbeatMs: 10_000 }, pino({ level: 'silent' }), {
      ...WS,
      softBufferBytes: 50,
      slowClientTimeoutMs: 200,
    });
    b.start();
    const socket = slowSocket();
    await b.add({ socket: socket as never });
    await sleep(120);
    expect(socket.closedWith).toBeNull();
    await sleep(250);
    expect(socket.closedWith?.code).toBe(1013);
    b.stop();
  });

  it('pings clients and drops one that does not answer within the pong timeout', async () => {
    const b = new Broadcaster(sized(10), { pushIntervalMs: 10, heartbeatMs: 10_000 }, pino({ level: 'silent' }), {
      ...WS,
      pingIntervalMs: 100,
      pongTimeoutMs: 150,
    });
    b.start();
    const answers = slowSocket();
    const silent = slowSocket();
    await b.add({ socket: answers as never });
    await b.add({ socket: silent as never });
    const stop = Date.now() + 600;
    while (Date.now() < stop) {
      if (answers.pings > 0) answers.emit('pong');
      await sleep(20);
    }
    expect(answers.pings).toBeGreaterThan(1);
    expect(answers.terminated).toBe(false);
    expect(silent.pings).toBe(1);
    expect(silent.terminated).toBe(true);
    expect(b.size).toBe(1);
    expect(b.metrics().pulse_websocket_pong_timeouts_total).toBe(1);
    b.stop();
  });
});

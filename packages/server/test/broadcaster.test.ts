// The broadcaster's coalescing: a burst of changes is one push; a change that arrives while a push is
// being built is pushed right after it (never left for the periodic refresh); costly pushes are spaced
// further apart than pushIntervalMs.
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { Snapshot } from '@pulse/contracts';
import { Broadcaster, type LiveClient } from '../src/ws/broadcaster.ts';

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
    const b = new Broadcaster(snapshot, { pushIntervalMs: 50, heartbeatMs: 10_000 }, pino({ level: 'silent' }));
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
    const b = new Broadcaster(snapshot, { pushIntervalMs: 10, heartbeatMs: 10_000 }, pino({ level: 'silent' }));
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
    const b = new Broadcaster(snapshot, { pushIntervalMs: 10, heartbeatMs: 10_000 }, pino({ level: 'silent' }));
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

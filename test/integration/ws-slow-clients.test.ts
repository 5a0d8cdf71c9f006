// Issue 13: WebSocket clients that stop reading. The server never queues more than one snapshot beyond the
// soft cap of buffered bytes (past it the client's patches are dropped and it is sent one snapshot of the newest
// state when it drains), closes a client stuck above it with 1013, and the board reconnects after that close.
// Patches are small (issue 18): to have much to queue, the slow client keeps asking for snapshots (`resync`), as a
// confused client might, while live state changes.
import WebSocket, { type WebSocketServer } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPatch, type LiveMessage, type Snapshot } from '@pulse/contracts';
import { LiveConnection, type ConnectionStatus } from '../../packages/wallboard/src/live/connection.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const KiB = 1024;
const AGENTS = 400;
const QUEUES = Array.from({ length: 8 }, (_, i) => `queue-${i}-${'q'.repeat(90)}`);

/** A floor big enough that each snapshot is about half a megabyte. */
async function bigFloor(t: TestPulse): Promise<void> {
  const ts = Date.now() - 60_000;
  const events = Array.from({ length: AGENTS }, (_, i) => ({
    id: `floor-${i}`,
    type: 'agent.status_changed',
    ts,
    agent_id: `agent-${i}`,
    status: 'online',
    name: `${i} ${'n'.repeat(240)}`,
    queues: QUEUES,
  }));
  expect((await postEvents(t.url, events)).status).toBe(202);
  await eventually(
    async () => (await getJson(t.url, '/v1/live')).body as Snapshot,
    (s) => s.agents.length === AGENTS,
  );
}

/** Changes live state every `everyMs` until stopped: agent-0 goes away and back. */
function churn(t: TestPulse, everyMs = 40) {
  let n = 0;
  let running = true;
  const done = (async () => {
    while (running) {
      await postEvents(t.url, { id: `churn-${n}`, type: 'agent.status_changed', ts: Date.now(), agent_id: 'agent-0', status: n % 2 ? 'online' : 'away' });
      n++;
      await sleep(everyMs);
    }
  })();
  return async () => {
    running = false;
    await done;
  };
}

async function metrics(url: string): Promise<Record<string, number>> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Object.fromEntries(
    text
      .split('\n')
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => [l.split(' ')[0], Number(l.split(' ')[1])]),
  );
}

/** Bytes the server holds for each of its WebSocket clients, read from the server's own sockets. */
function serverBuffered(t: TestPulse): number[] {
  const wss = (t.pulse.app as unknown as { websocketServer: WebSocketServer }).websocketServer;
  return [...wss.clients].map((c) => c.bufferedAmount);
}

interface Client {
  ws: WebSocket;
  messages: LiveMessage[];
  /** the state it holds: the last snapshot with the patches since applied */
  state: Snapshot | null;
  bytes: number;
  closed: Promise<{ code: number; reason: string }>;
}

const isState = (m: LiveMessage) => m.type === 'snapshot' || m.type === 'patch';

function connect(t: TestPulse): Promise<Client> {
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/live/stream?token=${TOKENS.viewer}`);
  const c: Client = {
    ws,
    messages: [],
    state: null,
    bytes: 0,
    closed: new Promise((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }))),
  };
  let seq = -1;
  ws.on('message', (data) => {
    c.bytes += (data as Buffer).length;
    const m = JSON.parse(String(data)) as LiveMessage;
    c.messages.push(m);
    if (m.type === 'snapshot') (c.state = m.snapshot), (seq = m.seq!);
    else if (m.type === 'patch' && c.state && m.seq === seq + 1) (c.state = applyPatch(c.state, m)), (seq = m.seq);
  });
  ws.on('error', () => {});
  return eventually(
    async () => c.state,
    (x) => x !== null,
  ).then(() => c);
}

/** Asks for a snapshot every `everyMs` (the server answers once per change of state) until stopped. */
function askForSnapshots(c: Client, everyMs = 40) {
  const timer = setInterval(() => c.ws.readyState === WebSocket.OPEN && c.ws.send('{"type":"resync"}'), everyMs);
  return () => clearInterval(timer);
}

/** Stops reading: the bytes pile up in the kernel, then in the server's buffer for this socket. */
const pause = (ws: WebSocket) => (ws as unknown as { _socket: { pause(): void } })._socket.pause();
const resume = (ws: WebSocket) => (ws as unknown as { _socket: { resume(): void } })._socket.resume();

describe('a client that stops reading, below the timeout', () => {
  let t: TestPulse;
  const soft = 256 * KiB;
  beforeAll(async () => {
    t = await startTestPulse({
      workers: { live: true, history: false },
      alerts: { enabled: false },
      ws: { softBufferBytes: soft, hardBufferBytes: 256 * 1024 * KiB, slowClientTimeoutMs: 120_000 },
    });
    await bigFloor(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gets at most one snapshot past the soft cap, then the newest state once it reads again', async () => {
    const reader = await connect(t);
    const slow = await connect(t);
    const size = JSON.stringify(slow.messages.find((m) => m.type === 'snapshot')).length;
    expect(size).toBeGreaterThan(300 * KiB);
    pause(slow.ws);

    const stop = churn(t);
    const quiet = askForSnapshots(slow);
    let peak = 0;
    const until = Date.now() + 6_000;
    while (Date.now() < until) {
      peak = Math.max(peak, ...serverBuffered(t));
      await sleep(50);
    }
    await stop();
    quiet();
    // the last change: agent-0 offline, which the slow client has not seen
    await postEvents(t.url, { id: 'last', type: 'agent.status_changed', ts: Date.now(), agent_id: 'agent-0', status: 'offline' });
    const m = await metrics(t.url);
    const pushes = m.pulse_websocket_pushes_total;
    expect(pushes).toBeDefined();

    // the server held at most the soft cap, one snapshot and a few heartbeats for it
    expect(peak).toBeGreaterThan(soft);
    expect(peak).toBeLessThanOrEqual(soft + size + 16 * KiB);
    expect(m.pulse_websocket_sends_coalesced_total).toBeGreaterThan(0);
    expect(m.pulse_websocket_slow_closed_total).toBe(0);
    // the reading client got the changes all along
    expect(reader.messages.filter(isState).length).toBeGreaterThan(5);

    const seenBefore = slow.messages.length;
    resume(slow.ws);
    const latest = () => slow.state?.agents.find((a) => a.id === 'agent-0')?.status;
    await eventually(
      async () => latest(),
      (s) => s === 'offline',
      10_000,
    );
    expect(latest()).toBe('offline');
    // it caught up with far less than a full snapshot per push (snapshots coalesced; patches are small)
    const caughtUpBytes = slow.messages
      .slice(seenBefore)
      .filter(isState)
      .reduce((n, m) => n + JSON.stringify(m).length, 0);
    expect(caughtUpBytes).toBeLessThan((pushes! / 2) * size);
    expect(slow.ws.readyState).toBe(WebSocket.OPEN);
    reader.ws.close();
    slow.ws.close();
  }, 40_000);
});

describe('a client stuck above the soft cap', () => {
  let t: TestPulse;
  beforeAll(async () => {
    t = await startTestPulse({
      workers: { live: true, history: false },
      alerts: { enabled: false },
      ws: { softBufferBytes: 64 * KiB, hardBufferBytes: 256 * 1024 * KiB, slowClientTimeoutMs: 1_500 },
    });
    await bigFloor(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('is closed with 1013 and what was buffered for it is freed', async () => {
    const reader = await connect(t);
    const slow = await connect(t);
    pause(slow.ws);
    const stop = churn(t);
    const quiet = askForSnapshots(slow);
    const m = await eventually(
      () => metrics(t.url),
      (x) => (x.pulse_websocket_slow_closed_total ?? 0) >= 1,
      15_000,
    );
    await stop();
    quiet();
    expect(m.pulse_websocket_slow_closed_total).toBe(1);
    resume(slow.ws);
    const closed = await slow.closed;
    expect(closed.code).toBe(1013);
    expect(closed.reason).toMatch(/too slow/);
    expect(
      (
        await eventually(
          () => metrics(t.url),
          (x) => x.pulse_websocket_clients === 1,
        )
      ).pulse_websocket_clients,
    ).toBe(1);
    expect(reader.ws.readyState).toBe(WebSocket.OPEN);
    expect(Math.max(...serverBuffered(t))).toBeLessThan(64 * KiB);
    reader.ws.close();
  }, 30_000);

  it('the board reconnects after 1013 and gets a snapshot again', async () => {
    const sockets: WebSocket[] = [];
    const statuses: ConnectionStatus[] = [];
    const snapshots: number[] = [];
    const conn = new LiveConnection({
      url: `${t.url.replace('http', 'ws')}/v1/live/stream?token=${TOKENS.viewer}`,
      silenceTimeoutMs: 60_000,
      backoff: { initialMs: 100, maxMs: 500 },
      createSocket: (url) => {
        const ws = new WebSocket(url);
        ws.on('error', () => {});
        sockets.push(ws);
        return ws as unknown as globalThis.WebSocket;
      },
      onMessage: (msg) => {
        if (msg.type === 'snapshot') snapshots.push(sockets.length);
      },
      onStatus: (s) => statuses.push(s),
    });
    conn.start();
    try {
      await eventually(
        async () => snapshots.length,
        (n) => n >= 1,
      );
      const [first] = sockets;
      expect(first).toBeDefined();
      pause(first!);
      const before = (await metrics(t.url)).pulse_websocket_slow_closed_total;
      expect(before).toBeDefined();
      const stop = churn(t);
      const timer = setInterval(() => first!.readyState === WebSocket.OPEN && first!.send('{"type":"resync"}'), 40);
      await eventually(
        () => metrics(t.url),
        (x) => (x.pulse_websocket_slow_closed_total ?? 0) > before!,
        15_000,
      );
      await stop();
      clearInterval(timer);
      resume(first!);
      await eventually(
        async () => snapshots.filter((n) => n >= 2).length,
        (n) => n >= 1,
        10_000,
      );
      const retry = statuses.find((s) => s.state === 'retrying');
      expect(retry?.lastError).toMatch(/too slow/);
      expect(sockets.length).toBe(2);
      expect(snapshots.some((n) => n === 2)).toBe(true);
    } finally {
      conn.stop();
    }
  }, 30_000);
});

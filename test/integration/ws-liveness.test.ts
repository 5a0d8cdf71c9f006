// Issue 13: protocol ping/pong. The server pings every client every ws.pingIntervalMs and drops one that
// has not answered within ws.pongTimeoutMs (a half-open connection never closes by itself); a client that
// answers (browsers do, as does `ws`) stays.
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
beforeAll(async () => {
  t = await startTestPulse({
    workers: { live: false, history: false },
    alerts: { enabled: false },
    // a pong timeout well above a loaded machine's pauses (the answering client shares this process)
    ws: { pingIntervalMs: 300, pongTimeoutMs: 1_500 },
  });
});
afterAll(async () => {
  await t?.close();
});

function open(autoPong: boolean) {
  const ws = new WebSocket(`${t.url.replace('http', 'ws')}/v1/live/stream?token=${TOKENS.viewer}`, { autoPong });
  const s = { ws, pings: 0, closed: null as number | null };
  ws.on('ping', () => s.pings++);
  ws.on('close', (code) => (s.closed = code));
  ws.on('error', () => {});
  return s;
}

async function metric(name: string): Promise<number> {
  const text = await (await fetch(`${t.url}/metrics`)).text();
  return Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
}

describe('ping/pong liveness', () => {
  it('drops a client that does not answer pings and keeps one that does', async () => {
    const answers = open(true);
    const deaf = open(false);
    await eventually(
      async () => deaf.closed,
      (c) => c !== null,
      10_000,
    );
    // terminated without a closing handshake: the client sees an abnormal close
    expect(deaf.closed).toBe(1006);
    expect(deaf.pings).toBeGreaterThanOrEqual(1);
    await new Promise((r) => setTimeout(r, 1_500));
    expect(answers.closed).toBeNull();
    expect(answers.ws.readyState).toBe(WebSocket.OPEN);
    expect(answers.pings).toBeGreaterThanOrEqual(4);
    expect(await metric('pulse_websocket_pong_timeouts_total')).toBe(1);
    expect(await metric('pulse_websocket_clients')).toBe(1);
    answers.ws.close();
  });
});

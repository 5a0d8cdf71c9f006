// Issue 18: the board applies patches to its react-query cache, and nothing drifts. Ten minutes of the simulator's
// traffic (the demo's floor with two hours of history posted first, so SLA lists, alerts and agent timelines are
// there) run into a real server while the board shows them; one patch is lost on the way, so the board finds the
// gap and asks for a snapshot. Then every figure on screen is checked against GET /v1/live (read whole), and a
// client that applied the same stream holds what GET /v1/live says, field for field.
//
// The simulator runs at speed 4: the ten simulated minutes take 2.5 minutes of wall time. Its events are stamped on
// the wall clock (a live run never sends a ts after the moment it is sent), so the windows roll over at every
// wall-clock minute of the run (two or three of them), SLA targets fall due and waits grow in real time, while the
// floor goes through ten minutes' worth of contacts, agents and tickets (about 700 events).
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { LiveMessage, Snapshot } from '@pulse/contracts';
import { buildWorld, demoUtcOffset, runLive } from '@pulse/simulator';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { openStream, stateDiffs } from '../support/live-stream.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { boardDiffs, openBoard } from './helpers/board.ts';

const SIMULATED_MS = 10 * 60_000;
const SPEED = 4;
const HISTORY_MS = 2 * 3600_000;

let t: TestPulse;
let browser: Browser;

beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false } });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

describe('the board over ten minutes of traffic', () => {
  it('shows every figure of GET /v1/live at the end: no drift, a lost patch healed by a resync', async () => {
    const start = Date.now();
    const world = buildWorld({ seed: 5, utcOffsetMinutes: demoUtcOffset(start) });
    const abort = new AbortController();
    let caughtUp: () => void = () => {};
    const historyPosted = new Promise<void>((r) => (caughtUp = r));
    let sent = 0;
    const run = runLive({
      url: t.url,
      token: TOKENS.ingest,
      seed: 5,
      world,
      speed: SPEED,
      historyMs: HISTORY_MS,
      idPrefix: `drift${start.toString(36)}`,
      signal: abort.signal,
      logger: quiet,
      onProgress: (p) => {
        sent = p.sent;
        if (p.simTime >= start) caughtUp();
      },
    });
    await historyPosted;
    // and urgent tickets whose first reply is due during the run (15 min after creation): at risk, then breached
    const now = Date.now();
    await postEvents(
      t.url,
      [16, 14.5, 14, 13.8, 13.6, 13.4].map((ago, i) => ({
        id: `drift-t${i}`,
        type: 'ticket.created',
        ts: now - ago * 60_000,
        ticket_id: `DRIFT-${i}`,
        queue: world.queues[i % world.queues.length]!.name,
        channel: 'email',
        priority: 'urgent',
      })),
    );

    // The board, with a tap on its socket: what it is sent, what it asks, and one patch dropped mid-run.
    const { page, problems } = await openBoard(browser, t.url, '', { width: 1920, height: 1080 });
    const tap = { snapshots: 0, patches: 0, bytes: 0, dropped: 0, resyncs: 0, dropAt: 0 };
    await page.routeWebSocket(/\/v1\/live\/stream/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((raw) => {
        const text = String(raw);
        const type = (JSON.parse(text) as LiveMessage).type;
        if (type === 'patch' && tap.dropAt > 0 && tap.dropped === 0 && Date.now() >= tap.dropAt) {
          tap.dropped++;
          return;
        }
        if (type === 'snapshot') tap.snapshots++;
        if (type === 'patch') tap.patches++;
        tap.bytes += text.length;
        ws.send(text);
      });
      ws.onMessage((m) => {
        if ((JSON.parse(String(m)) as { type?: string }).type === 'resync') tap.resyncs++;
        server.send(m);
      });
    });
    await page.reload();
    await expect.poll(() => page.getByTestId('queue-tile').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const client = openStream(t.url);
    await client.ready;
    const liveFrom = Date.now();
    tap.dropAt = liveFrom + ((SIMULATED_MS / SPEED) * 2) / 5;

    // ten simulated minutes
    const simStart = start;
    await eventually(
      async () => Date.now() - simStart,
      (ms) => ms >= SIMULATED_MS / SPEED,
      SIMULATED_MS / SPEED + 5_000,
    );
    abort.abort();
    await run.catch(() => {});
    const wallMs = Date.now() - liveFrom;

    // the last events applied and pushed: the board and the client agree with a full read
    await new Promise((r) => setTimeout(r, 1_500));
    await expect.poll(() => boardDiffs(page, t.url), { timeout: 10_000, interval: 500 }).toEqual([]);
    const truth = (await getJson(t.url, '/v1/live')).body as Snapshot;
    expect(stateDiffs(client.state()!, truth)).toEqual([]);

    const minutes = Math.floor(Date.now() / 60_000) - Math.floor(liveFrom / 60_000);
    const figures = {
      simulatedMinutes: SIMULATED_MS / 60_000,
      speed: SPEED,
      wallSeconds: Math.round(wallMs / 1000),
      minutesRolledOver: minutes,
      eventsSent: sent,
      board: { ...tap, kbPerSecond: Math.round((tap.bytes / 1024 / (wallMs / 1000)) * 10) / 10 },
      queues: Object.keys(truth.queues).length,
      agents: truth.agents.length,
      sla: truth.sla.total,
      alerts: truth.alerts.length,
    };
    writeFileSync(`${ARTIFACTS}board-drift.json`, `${JSON.stringify(figures, null, 2)}\n`);

    expect(minutes).toBeGreaterThanOrEqual(2);
    expect(tap.dropped).toBe(1);
    expect(tap.resyncs).toBeGreaterThanOrEqual(1);
    expect(tap.snapshots).toBe(2); // on connect, and the resync's
    expect(tap.patches).toBeGreaterThan(100);
    expect(client.resyncs).toBe(0);
    expect(truth.agents.length).toBeGreaterThan(10);
    // the tickets' targets all fell due during the run
    expect(truth.sla.total!.breached).toBeGreaterThanOrEqual(6);
    expect(await page.getByTestId('live-status').getAttribute('data-state')).toBe('live');
    expect(problems).toEqual([]);
    client.close();
    await page.close();
  }, 200_000);
});

// Data flow: REST fetches the first snapshot, the trend and the board config once; after that the WebSocket feeds
// the react-query cache (its snapshot, then patches applied to it) with no polling while it is up, and a state in
// a new minute (and only that) makes the board fetch the trend again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { feed } from './helpers/feed.ts';
import { buildFloor } from './helpers/floor.ts';

let t: TestPulse;
let browser: Browser;

beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false } });
  browser = await launchChromium();
  await feed(t.url, buildFloor({ queues: ['billing', 'sales'], agents: 6, prefix: 'w' }).events);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('data flow', () => {
  it('polls nothing while the socket is up, and refetches the trend when a snapshot opens a new minute', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const requests: string[] = [];
    page.on('request', (r) => {
      const path = new URL(r.url()).pathname;
      if (path.startsWith('/v1/')) requests.push(path);
    });
    // Every snapshot's and patch's `at` is pinned to the first one's minute, until the test moves it a minute on.
    let pinned: number | null = null;
    let shift = 0;
    let snapshots = 0;
    await page.routeWebSocket(/\/v1\/live\/stream/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((raw) => {
        const msg = JSON.parse(String(raw));
        if (msg.type === 'snapshot') {
          pinned ??= Math.floor(Date.parse(msg.snapshot.at) / 60_000) * 60_000 + 30_000;
          msg.snapshot.at = new Date(pinned + shift).toISOString();
          snapshots++;
        } else if (msg.type === 'patch') {
          msg.at = new Date(pinned! + shift).toISOString();
          snapshots++;
        }
        ws.send(JSON.stringify(msg));
      });
      ws.onMessage((m) => server.send(m));
    });
    await page.goto(`${t.url}/?token=${TOKENS.viewer}`);
    await expect.poll(() => page.getByTestId('queue-tile').count(), { timeout: 10_000 }).toBe(2);

    // Live updates arrive over the socket for a while: still one REST call of each kind.
    for (let i = 0; i < 4; i++) {
      await postEvents(t.url, { id: `w-live-${i}`, type: 'chat.requested', ts: Date.now(), chat_id: `w-live-${i}`, queue: 'billing' });
      await page.waitForTimeout(1_500);
    }
    const count = (path: string) => requests.filter((p) => p === path).length;
    expect(snapshots).toBeGreaterThan(3);
    expect(count('/v1/live')).toBe(1);
    expect(count('/v1/live/trend')).toBe(1);
    expect(count('/v1/board/config')).toBe(1);

    // A snapshot in the next minute: the trend is fetched again, once.
    shift = 60_000;
    await postEvents(t.url, { id: 'w-minute', type: 'chat.requested', ts: Date.now(), chat_id: 'w-minute', queue: 'sales' });
    await expect.poll(() => count('/v1/live/trend'), { timeout: 5_000 }).toBe(2);
    await page.waitForTimeout(2_500);
    expect(count('/v1/live/trend')).toBe(2);
    expect(count('/v1/live')).toBe(1);
    await page.close();
  });

  it('survives a malformed alert: the panel it breaks waits for the next state, the rest stays up', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    let broken: boolean | null = null;
    await page.routeWebSocket(/\/v1\/live\/stream/, (ws) => {
      const server = ws.connectToServer();
      server.onMessage((raw) => {
        const msg = JSON.parse(String(raw));
        if (broken !== null && msg.type === 'patch') {
          // A suggestion without its items: the alert ticker cannot render it (the only alert, on its first page); then it goes.
          if (broken)
            msg.alerts = {
              set: [
                {
                  id: 'broken',
                  rule: 'agent_stranded',
                  severity: 'critical',
                  state: 'firing',
                  scope: {},
                  title: 'broken',
                  message: '',
                  started_at: new Date().toISOString(),
                  suggestion: { action: 'reassign' },
                },
              ],
              order: ['broken'],
            };
          else msg.alerts = { removed: ['broken'] };
          broken = null;
        }
        ws.send(JSON.stringify(msg));
      });
      ws.onMessage((m) => server.send(m));
    });
    await page.goto(`${t.url}/?token=${TOKENS.viewer}`);
    await expect.poll(() => page.getByTestId('alert-ticker').count(), { timeout: 10_000 }).toBe(1);
    broken = true;
    await postEvents(t.url, { id: 'w-break', type: 'chat.requested', ts: Date.now(), chat_id: 'w-break', queue: 'billing' });
    await expect.poll(() => page.getByTestId('panel-failed').count(), { timeout: 5_000, interval: 50 }).toBe(1);
    expect(await page.getByTestId('queue-tile').count()).toBe(2);
    expect(await page.getByTestId('agent').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('live-status').textContent()).toBe('LIVE');
    // The next patch takes the broken alert away: the ticker comes back.
    broken = false;
    await postEvents(t.url, { id: 'w-mend', type: 'chat.requested', ts: Date.now(), chat_id: 'w-mend', queue: 'billing' });
    await expect.poll(() => page.getByTestId('alert-ticker').count(), { timeout: 5_000 }).toBe(1);
    expect(await page.getByTestId('panel-failed').count()).toBe(0);
    await page.close();
  });
});

// Never silently stale: with the server gone the board says STALE within seconds, with the time of its last
// update, and with the server back on the same port it is LIVE again by itself, without a reload.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { formatClock } from '../../packages/wallboard/src/format.ts';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { freePort } from '../support/ports.ts';
import { postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';
import { openBoard, type OpenBoard } from './helpers/board.ts';
import { feed } from './helpers/feed.ts';
import { buildFloor } from './helpers/floor.ts';

const WORKERS = { workers: { live: true, history: false } };
let first: TestPulse;
let second: TestPulse | undefined;
let browser: Browser;
let board: OpenBoard;

beforeAll(async () => {
  const port = await freePort();
  first = await startTestPulse({ ...WORKERS, port });
  browser = await launchChromium();
  await feed(first.url, buildFloor({ queues: ['billing', 'sales', 'tech'], agents: 9, prefix: 's' }).events);
});
afterAll(async () => {
  await browser?.close();
  await second?.close();
  await first?.close();
});

describe('stale board', () => {
  it('shows STALE with the last update time when the server stops, and LIVE again after it restarts', async () => {
    // Phase times, written as they happen (test/artifacts/board-stale.json) so a slow phase can be found.
    const t0 = Date.now();
    const phases: Record<string, number> = {};
    const phase = (name: string) => {
      phases[name] = Date.now() - t0;
      writeFileSync(`${ARTIFACTS}board-stale.json`, JSON.stringify(phases, null, 2));
    };
    board = await openBoard(browser, first.url);
    const { page } = board;
    const status = page.getByTestId('live-status');
    await expect.poll(() => page.getByTestId('queue-tile').count(), { timeout: 10_000 }).toBe(3);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 5_000 }).toBe('live');
    expect(await page.getByTestId('stale-banner').count()).toBe(0);
    phase('live');

    await first.pulse.stop();
    const stoppedAt = Date.now();
    phase('server stopped');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 8_000, interval: 100 }).toBe('stale');
    const staleAfter = Date.now() - stoppedAt;
    phase('stale');
    expect(staleAfter).toBeLessThan(7_500);
    expect(await status.textContent()).toBe('STALE');
    const banner = page.getByTestId('stale-banner');
    const lastUpdate = Date.parse((await banner.getAttribute('data-last-update')) ?? '');
    expect(stoppedAt - lastUpdate).toBeLessThan(3_000); // a heartbeat at most 2 s before the stop
    expect(await banner.textContent()).toContain(`Last update at ${formatClock(lastUpdate, 'UTC')}`);
    // The figures stay (dimmed) so the screen still says what it last knew.
    expect(await page.getByTestId('queue-tile').count()).toBe(3);
    await page.screenshot({ path: `${ARTIFACTS}board-stale-1920x1080.png` });

    second = await startTestPulse({ ...WORKERS, port: Number(new URL(first.url).port) }, first.redis);
    phase('server restarted');
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 20_000, interval: 200 }).toBe('live');
    phase('live again');
    expect(await page.getByTestId('stale-banner').count()).toBe(0);

    // Live again through the new server's stream: a new chat shows without a reload.
    await postEvents(second.url, { id: 's-after', type: 'chat.requested', ts: Date.now(), chat_id: 's-after', queue: 'after-restart' });
    await expect.poll(() => page.locator('[data-queue="after-restart"] [data-testid="waiting"]').textContent(), { timeout: 10_000 }).toBe('1');
    phase('new event shown');
    expect(board.problems.filter((p) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(p))).toEqual([]);
  }, 60_000);
});

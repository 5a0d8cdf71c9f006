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

// The server up, its WebSocket open, heartbeats going on — but Redis gone: the numbers cannot move. Before,
// heartbeats kept the board LIVE with frozen numbers; now they say live state is unavailable, and the board
// trusts a heartbeat only with its data.
describe('stale board while Redis is unreachable', () => {
  let t: TestPulse;
  let page: OpenBoard['page'];
  let redisBoard: OpenBoard;
  beforeAll(async () => {
    t = await startTestPulse(WORKERS);
    await feed(t.url, buildFloor({ queues: ['north', 'south'], agents: 6, prefix: 'r' }).events);
  });
  afterAll(async () => {
    await redisBoard?.page.close();
    await t?.close();
  });

  it('shows STALE within seconds of Redis going down, says why, and is LIVE again with fresh data once Redis is back', async () => {
    const phases: Record<string, number> = {};
    redisBoard = await openBoard(browser, t.url);
    page = redisBoard.page;
    const status = page.getByTestId('live-status');
    await expect.poll(() => page.getByTestId('queue-tile').count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 5_000 }).toBe('live');
    // a quiet floor stays LIVE on heartbeats alone (no snapshot needed while nothing changes)
    await new Promise((r) => setTimeout(r, 6_000));
    expect(await status.getAttribute('data-state')).toBe('live');

    t.redis.kill();
    const killedAt = Date.now();
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 6_000, interval: 100 }).toBe('stale');
    phases.staleAfterMs = Date.now() - killedAt;
    expect(phases.staleAfterMs).toBeLessThan(4_000); // the next heartbeat (every 2 s) says so
    const banner = page.getByTestId('stale-banner');
    expect(await banner.textContent()).toContain('Connected, but the server cannot read live data');
    expect(await banner.getAttribute('data-live-problem')).toMatch(/redis/);
    const lastUpdate = Date.parse((await banner.getAttribute('data-last-update')) ?? '');
    expect(killedAt - lastUpdate).toBeLessThan(3_000); // the last heartbeat that vouched for the data
    expect(await page.getByTestId('queue-tile').count()).toBe(2); // the figures stay, dimmed
    // it stays STALE for as long as Redis is away, heartbeats notwithstanding
    await new Promise((r) => setTimeout(r, 5_000));
    expect(await status.getAttribute('data-state')).toBe('stale');
    await page.screenshot({ path: `${ARTIFACTS}board-stale-redis-1920x1080.png` });

    await t.redis.restart();
    const backAt = Date.now();
    await expect.poll(() => status.getAttribute('data-state'), { timeout: 15_000, interval: 100 }).toBe('live');
    phases.liveAgainAfterMs = Date.now() - backAt;
    expect(await page.getByTestId('stale-banner').count()).toBe(0);
    // and the numbers move again, without a reload
    await postEvents(t.url, { id: 'r-after', type: 'chat.requested', ts: Date.now(), chat_id: 'r-after', queue: 'after-redis' });
    await expect.poll(() => page.locator('[data-queue="after-redis"] [data-testid="waiting"]').textContent(), { timeout: 10_000 }).toBe('1');
    writeFileSync(`${ARTIFACTS}board-stale-redis.json`, JSON.stringify(phases, null, 2));
    expect(redisBoard.problems.filter((p) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(p))).toEqual([]);
  }, 60_000);
});

// Configured by URL, so a kiosk needs no clicks: queues, channels, panels, theme, time zone, language, kiosk mode,
// and rotation through several boards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatClock, formatCount } from '../../packages/wallboard/src/format.ts';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { startTestPulse, type TestPulse } from '../support/pulse.ts';
import { boardDiffs, layoutFaults, openBoard } from './helpers/board.ts';
import { feed } from './helpers/feed.ts';
import { buildFloor } from './helpers/floor.ts';

let t: TestPulse;
let browser: Browser;

beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false } });
  browser = await launchChromium();
  await feed(t.url, buildFloor({ queues: ['billing', 'sales', 'tech', 'returns'], agents: 16, prefix: 'u' }).events);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const tiles = (page: Page) => page.getByTestId('queue-tile').evaluateAll((els) => els.map((e) => e.getAttribute('data-queue')).join(','));
const panels = (page: Page) => page.locator('.board-body').getAttribute('data-panels');

describe('board URL', () => {
  it('rotates through boards every N seconds, each with its own queues and panels', async () => {
    const { page, problems } = await openBoard(browser, t.url, 'rotate=2&boards=queues:billing,sales|queues:tech;panels:queues,sla;title:Tech%20desk');
    const seen = new Map<string, string>();
    const deadline = Date.now() + 9_000;
    while (seen.size < 2 && Date.now() < deadline) {
      // one look at the page in one turn of its event loop, taken only while exactly one board is mounted:
      // reads spread over several awaits can straddle a rotation and mix two boards
      const sample = await page.evaluate(() => {
        const titles = document.querySelectorAll('[data-testid="board-title"]');
        const bodies = document.querySelectorAll('.board-body');
        const tiles = [...document.querySelectorAll('[data-testid="queue-tile"]')].map((e) => e.getAttribute('data-queue'));
        if (titles.length !== 1 || bodies.length !== 1 || tiles.length === 0) return null;
        const index = document.querySelector('[data-testid="board-index"]')?.getAttribute('data-index');
        return { title: titles[0]!.textContent ?? '', value: `${tiles.join(',')}|${bodies[0]!.getAttribute('data-panels')}|${index}` };
      });
      if (sample && !seen.has(sample.title)) {
        seen.set(sample.title, sample.value);
        await page.screenshot({ path: `${ARTIFACTS}board-rotation-${seen.size}.png` });
      }
      await page.waitForTimeout(200);
    }
    expect(Object.fromEntries(seen)).toEqual({
      'billing · sales': 'billing,sales|queues,agents,sla,alerts|1',
      'Tech desk': 'tech|queues,sla|2',
    });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows only the named queues and channels, in Spanish, in a time zone, light, as a kiosk', async () => {
    const { page, problems } = await openBoard(
      browser,
      t.url,
      'queues=billing,tech&channels=voice&panels=queues,agents&lang=es&tz=America/New_York&theme=light&kiosk=1',
    );
    await expect.poll(() => tiles(page), { timeout: 10_000 }).toBe('billing,tech');
    expect(await page.getByTestId('channel-tile').evaluateAll((els) => els.map((e) => e.getAttribute('data-channel')))).toEqual(['voice']);
    expect(await panels(page)).toBe('queues,agents');
    expect(await page.getByTestId('sla-panel').count()).toBe(0);
    expect(await page.getByTestId('alert-ticker').count()).toBe(0);
    // Only agents of those queues.
    const agentQueues = await page.getByTestId('agent').count();
    expect(agentQueues).toBeGreaterThan(0);

    // Spanish words, Spanish numbers, New York time.
    expect(await page.getByTestId('live-status').textContent()).toBe('EN DIRECTO');
    expect(await page.locator('[data-queue="billing"] .metric-waiting .metric-name').textContent()).toBe('En espera');
    expect(await page.getByTestId('board-title').textContent()).toBe('billing · tech · voice');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es');
    await expect
      .poll(() => boardDiffs(page, t.url, { locale: 'es', queues: ['billing', 'tech'], timeZone: 'America/New_York' }), { timeout: 10_000, interval: 500 })
      .toEqual([]);
    const pct = await page.locator('[data-testid="queue-tile"] [data-testid="service-level"]').first().textContent();
    if (pct !== '—') expect(pct).toMatch(/^\d+(,\d)?\u00a0%$/);
    expect(await page.getByTestId('time-zone').getAttribute('data-tz')).toBe('America/New_York');
    const clock = (await page.getByTestId('clock').textContent()) ?? '';
    const now = Date.now();
    expect([now - 1_000, now, now + 1_000].map((at) => formatClock(at, 'America/New_York', 'es'))).toContain(clock);

    // Light theme; kiosk: no control anywhere, no pointer.
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await page.getByTestId('controls').count()).toBe(0);
    expect(await page.locator('button, a, input, select').count()).toBe(0);
    expect(await page.evaluate(() => getComputedStyle(document.body).cursor)).toBe('none');
    expect(await layoutFaults(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}board-light-es-kiosk-1920x1080.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('offers controls on a desk (not a kiosk): step and pause the rotation', async () => {
    const { page } = await openBoard(browser, t.url, 'rotate=60&boards=queues:billing|queues:sales');
    await expect.poll(() => page.getByTestId('queue-tile').count(), { timeout: 10_000 }).toBe(1);
    expect(await page.getByTestId('controls').count()).toBe(1);
    const before = await tiles(page);
    await page.mouse.move(500, 500);
    await page.getByRole('button', { name: 'Next board' }).click();
    await expect.poll(() => tiles(page)).not.toBe(before);
    await page.getByRole('button', { name: 'Pause rotation' }).click();
    expect(await page.getByRole('button', { name: 'Resume rotation' }).count()).toBe(1);
    await page.close();
  });

  it('uses the browser language when the URL names none', async () => {
    const context = await browser.newContext({ locale: 'es-ES', viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    await page.goto(`${t.url}/?token=test-viewer-token&panels=queues`);
    await expect.poll(() => page.getByTestId('live-status').textContent(), { timeout: 10_000 }).toBe('EN DIRECTO');
    const waiting = await page.locator('[data-queue="billing"] [data-testid="waiting"]').textContent();
    expect(waiting).toBe(formatCount(Number(waiting), 'es-ES'));
    await context.close();
  });
});

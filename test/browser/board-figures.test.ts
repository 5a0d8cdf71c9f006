// Every figure on the board equals GET /v1/live (formatted by the board's rules, coloured by the board config),
// at 1920×1080 and 3840×2160, without scrolling; a breach flashes once and stays red. Screenshots in test/artifacts/.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';
import { boardDiffs, layoutFaults, listPage, openBoard, RESOLUTIONS } from './helpers/board.ts';
import { feed } from './helpers/feed.ts';
import { buildFloor, queueNames } from './helpers/floor.ts';

let t: TestPulse;
let browser: Browser;

beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false } });
  browser = await launchChromium();
  await feed(t.url, buildFloor({ queues: queueNames(8), agents: 40, prefix: 'f' }).events);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('board figures', () => {
  for (const size of RESOLUTIONS) {
    it(`shows every figure of /v1/live at ${size.width}×${size.height}, without scrolling`, async () => {
      const { page, problems } = await openBoard(browser, t.url, '', size);
      await page.getByTestId('queue-tile').first().waitFor();
      await expect.poll(() => page.getByTestId('queue-tile').count(), { timeout: 10_000 }).toBe(8);
      await expect.poll(() => boardDiffs(page, t.url), { timeout: 15_000, interval: 500 }).toEqual([]);
      // The panels are really filled: agents, SLA rows (at risk and breached), sparklines drawn from the trend.
      const agents = await listPage(page, 'agents-pager', 'agent');
      expect(agents.perPage).toBeGreaterThanOrEqual(4);
      expect(agents.pages).toBeGreaterThan(1);
      expect(agents.shown).toBeGreaterThan(0);
      expect(agents.shown).toBeLessThanOrEqual(agents.perPage);
      expect(await page.locator('[data-testid="sla-item"][data-state="breached"]').count()).toBeGreaterThan(0);
      expect(await page.locator('[data-testid="sla-item"][data-state="at_risk"]').count()).toBeGreaterThan(0);
      await expect.poll(() => page.locator('.tile-spark .recharts-area').count(), { timeout: 10_000 }).toBeGreaterThan(0);
      expect(await layoutFaults(page)).toEqual([]);
      expect(await page.getByTestId('live-status').textContent()).toBe('LIVE');
      await page.screenshot({ path: `${ARTIFACTS}board-${size.width}x${size.height}.png` });
      expect(problems).toEqual([]);
      await page.close();
    });
  }

  it('says every level by a shape or a word as well as by colour', async () => {
    const { page } = await openBoard(browser, t.url);
    await expect.poll(() => boardDiffs(page, t.url), { timeout: 15_000, interval: 500 }).toEqual([]);
    const unmarked = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="queue-tile"] [data-level="amber"], [data-testid="queue-tile"] [data-level="red"]')]
        .filter((el) => !el.closest('.metric')?.querySelector('svg.level-mark') && !el.querySelector('svg.level-mark'))
        .map((el) => el.getAttribute('data-testid')),
    );
    expect(unmarked).toEqual([]);
    expect(await page.locator('[data-testid="tile-level"][data-level="red"]').first().textContent()).toBe('Critical');
    await page.close();
  });

  it('flashes a figure once when it turns red, then keeps it red', async () => {
    const now = Date.now();
    await postEvents(t.url, [{ id: 'flash-0', type: 'chat.requested', ts: now - 2_000, chat_id: 'flash-c0', queue: 'flash' }]);
    const { page } = await openBoard(browser, t.url, 'queues=flash&panels=queues');
    const waiting = page.locator('[data-queue="flash"] [data-testid="waiting"]');
    await expect.poll(() => waiting.getAttribute('data-level'), { timeout: 10_000 }).toBe('green');
    // Ten waiting is red (default thresholds: amber 5, red 10).
    await postEvents(
      t.url,
      Array.from({ length: 9 }, (_, i) => ({ id: `flash-${i + 1}`, type: 'chat.requested', ts: Date.now(), chat_id: `flash-c${i + 1}`, queue: 'flash' })),
    );
    const metric = page.locator('[data-queue="flash"] .metric-waiting');
    await expect.poll(() => metric.getAttribute('class'), { timeout: 5_000, interval: 50 }).toContain('is-flashing');
    await expect.poll(() => metric.getAttribute('class'), { timeout: 5_000 }).not.toContain('is-flashing');
    expect(await waiting.getAttribute('data-level')).toBe('red');
    expect(await waiting.textContent()).toBe('10');
    // Still red, and no second flash, while it stays red.
    await page.waitForTimeout(1_500);
    expect(await metric.getAttribute('class')).not.toContain('is-flashing');
    expect(await waiting.getAttribute('data-level')).toBe('red');
    await page.close();
  });
});

// A dense floor still fits: 40 queues and 300 agents at 1920×1080 and 3840×2160, tiles shrink, nothing overlaps
// or is cut, the agent and SLA lists page themselves, and every figure still equals GET /v1/live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { startTestPulse, type TestPulse } from '../support/pulse.ts';
import { boardDiffs, layoutFaults, listPage, openBoard, RESOLUTIONS } from './helpers/board.ts';
import { feed } from './helpers/feed.ts';
import { buildFloor, queueNames } from './helpers/floor.ts';

let t: TestPulse;
let browser: Browser;

beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false } });
  browser = await launchChromium();
  await feed(t.url, buildFloor({ queues: queueNames(40), agents: 300, prefix: 'd' }).events);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('dense board', () => {
  for (const size of RESOLUTIONS) {
    it(`fits 40 queues and 300 agents at ${size.width}×${size.height}`, async () => {
      const { page, problems } = await openBoard(browser, t.url, '', size);
      await expect.poll(() => page.getByTestId('queue-tile').count(), { timeout: 15_000 }).toBe(40);
      await expect.poll(() => boardDiffs(page, t.url), { timeout: 15_000, interval: 500 }).toEqual([]);
      await expect.poll(() => page.getByTestId('live-status').getAttribute('data-state'), { timeout: 10_000 }).toBe('live');
      expect(await layoutFaults(page)).toEqual([]);

      // Lists page themselves: a full page of agents (rows wide enough for full names), and more pages for the rest.
      // Pages turn every few seconds, so the pager and the rows shown are read in one moment.
      const listed = await page.getByTestId('agent-counts').evaluate((e) => Number(e.getAttribute('data-online')) + Number(e.getAttribute('data-away')));
      const agents = await listPage(page, 'agents-pager', 'agent');
      expect(agents.perPage).toBeGreaterThanOrEqual(6);
      expect(agents.pages).toBe(Math.ceil(listed / agents.perPage));
      expect(agents.shown).toBe(agents.page < agents.pages ? agents.perPage : listed - (agents.pages - 1) * agents.perPage);
      expect(Number(await page.getByTestId('sla-pager').getAttribute('data-pages'))).toBeGreaterThan(1);
      // Figures stay legible: the waiting count at least 28 px on a 1080p screen (scaled on 4K).
      const scale = size.width / 1920;
      const fontPx = await page
        .locator('[data-testid="queue-tile"] .metric-waiting .metric-value')
        .first()
        .evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
      expect(fontPx).toBeGreaterThanOrEqual(27.5 * scale);

      await page.screenshot({ path: `${ARTIFACTS}board-dense-${size.width}x${size.height}.png` });
      expect(problems).toEqual([]);
      await page.close();
    });
  }
});

// The manager's trends page in real Chromium against a real server (the lead's alerts page: alerts-page.test.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
let browser: Browser;
let page: Page;
const HOUR = 3600_000;
const T = Math.floor((Date.now() - 3 * HOUR) / HOUR) * HOUR; // a whole hour, three hours ago

beforeAll(async () => {
  t = await startTestPulse({ alerts: { evaluateIntervalMs: 200 } });
  const events = [];
  for (let i = 0; i < 12; i++) {
    const at = T + i * 10 * 60_000;
    events.push(
      { id: `m-r${i}`, type: 'chat.requested', ts: at, chat_id: `m-c${i}`, queue: 'trendq' },
      { id: `m-a${i}`, type: 'chat.answered', ts: at + (i % 3) * 20_000 + 5_000, chat_id: `m-c${i}`, agent_id: 'm-ag' },
      { id: `m-e${i}`, type: 'chat.ended', ts: at + 300_000, chat_id: `m-c${i}` },
    );
  }
  expect((await postEvents(t.url, events)).body.accepted).toBe(events.length);
  await eventually(
    async () => (await getJson(t.url, `/v1/history/items?from=${T}&to=${T + 2 * HOUR}`, TOKENS.manager)).body.items?.length ?? 0,
    (n) => n === 12,
  );
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('trends page', () => {
  it('charts every metric over the range and drills from a point to exactly the items behind it', async () => {
    await page.goto(`${t.url}/trends.html?token=${TOKENS.manager}&lang=en`);
    await page.getByTestId('preset-24h').click();
    await expect.poll(() => page.getByTestId('trend-chart').count(), { timeout: 10_000 }).toBe(10);
    const titles = await page.getByTestId('trend-chart').evaluateAll((els) => els.map((e) => e.getAttribute('data-title')));
    expect(titles).toEqual([
      'Volume',
      'Service level',
      'Average speed of answer',
      'Abandon rate',
      'Average handle time',
      'CSAT',
      'First reply time',
      'SLA attainment',
      'First contact resolution',
      'Reassignments',
    ]);
    await expect.poll(() => page.locator('[data-chart="volume"] .recharts-line-curve').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // click the Volume chart at an hour with chats: the page shows the last 24 h from a whole hour
    const to = Math.ceil(Date.now() / 60_000) * 60_000;
    const from0 = Math.floor((to - 24 * HOUR) / HOUR) * HOUR;
    const series = (await getJson(t.url, `/v1/history/series?from=${from0}&to=${to}&interval=1h&metrics=offered`, TOKENS.manager)).body;
    const points: { t: string; offered: number }[] = series.series[0].points;
    const box = (await page.locator('[data-chart="volume"] .recharts-cartesian-grid').boundingBox())!;
    const idx = points.findIndex((p) => p.offered > 0);
    expect(idx).toBeGreaterThanOrEqual(0);
    // a click lands on the nearest point; under load it may be a neighbour of an empty hour: try around it
    let expected = 0;
    for (const offset of [0, 1, -1, 2]) {
      const x = box.x + 6 + ((box.width - 12) * (idx + offset)) / (points.length - 1);
      await page.mouse.move(x - 3, box.y + box.height / 2);
      await page.mouse.move(x, box.y + box.height / 2);
      await page.mouse.click(x, box.y + box.height / 2);
      await expect.poll(() => page.getByTestId('drill-down').count(), { timeout: 5_000 }).toBe(1);
      // the rows behind the point the page shows are the API's items behind that hour's volume
      const drill = new URL(page.url()).searchParams.get('drill')!;
      expect(drill).toMatch(/^volume@/);
      const from = Date.parse(drill.slice('volume@'.length));
      expected = (await getJson(t.url, `/v1/history/items?from=${from}&to=${from + HOUR}&metric=offered,created,solved`, TOKENS.manager)).body.total;
      if (expected > 0) break;
    }
    expect(expected).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('drill-count').getAttribute('data-total'), { timeout: 5_000 }).toBe(String(expected));
    expect(await page.getByTestId('drill-row').count()).toBe(expected);
    await page.screenshot({ path: `${ARTIFACTS}trends-1600x1000.png`, fullPage: true });

    const csv = await fetch(new URL((await page.getByTestId('csv-series').getAttribute('href'))!, t.url));
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^t,scope,offered,answered/);
  });

  it('links to the alerts page and the board with the same token and language', async () => {
    await page.goto(`${t.url}/trends.html?token=${TOKENS.manager}&lang=es`);
    await page.getByTestId('nav-alerts').click();
    await page.waitForURL(/\/alerts\.html\?/);
    expect(new URL(page.url()).searchParams.get('token')).toBe(TOKENS.manager);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('es');
    await page.goto(`${t.url}/trends.html?token=${TOKENS.manager}&lang=es`);
    expect(await page.getByTestId('nav-board').getAttribute('href')).toBe(`/?token=${TOKENS.manager}&lang=es`);
  });
});

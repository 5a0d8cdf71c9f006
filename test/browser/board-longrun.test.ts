// Runs for days: with events streaming in, lists paging and boards rotating, the board's JS heap and DOM stay
// flat. Bounded run (~75 s) sampling heap and node count after a forced GC; the samples are saved in
// test/artifacts/board-longrun.json.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { startTestPulse, type TestPulse } from '../support/pulse.ts';
import { openBoard } from './helpers/board.ts';
import { feed } from './helpers/feed.ts';
import { buildFloor, queueNames } from './helpers/floor.ts';
import { startLiveFeed } from './helpers/live-feed.ts';

const RUN_MS = 72_000;
const SAMPLE_EVERY_MS = 3_000;
const WARM_UP_MS = 12_000;

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

interface Sample {
  at: number;
  heapMb: number;
  nodes: number;
  listeners: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

describe('long run', () => {
  it(
    'keeps heap and DOM flat while updates stream in for over a minute',
    async () => {
      const floor = buildFloor({ queues: queueNames(10), agents: 60, prefix: 'l' });
      await feed(t.url, floor.events);
      const live = startLiveFeed(t.url, { prefix: 'l', agents: floor.agentQueues });
      // Two boards rotating every 4 s and lists turning a page every 2 s: mounts and unmounts all the time.
      const { page, problems } = await openBoard(
        browser,
        t.url,
        'rotate=4&page=2&boards=panels:queues,agents,sla,alerts|queues:billing,sales,tech;panels:queues,sla',
      );
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('Performance.enable');
      await expect.poll(() => page.getByTestId('queue-tile').count(), { timeout: 10_000 }).toBeGreaterThan(0);

      const samples: Sample[] = [];
      const started = Date.now();
      while (Date.now() - started < RUN_MS) {
        await page.waitForTimeout(SAMPLE_EVERY_MS);
        await cdp.send('HeapProfiler.collectGarbage');
        const { metrics } = await cdp.send('Performance.getMetrics');
        const m = (name: string) => metrics.find((x) => x.name === name)?.value ?? 0;
        samples.push({ at: Date.now() - started, heapMb: m('JSHeapUsedSize') / 2 ** 20, nodes: m('Nodes'), listeners: m('JSEventListeners') });
      }
      await live.stop();
      const updates = await page.evaluate(() => performance.now());
      writeFileSync(`${ARTIFACTS}board-longrun.json`, JSON.stringify({ batches: live.batches(), pageAgeMs: updates, samples }, null, 2));

      const early = samples.filter((s) => s.at >= WARM_UP_MS && s.at < WARM_UP_MS + 18_000);
      const late = samples.slice(-5);
      const earlyHeap = Math.max(...early.map((s) => s.heapMb));
      const earlyNodes = Math.max(...early.map((s) => s.nodes));
      const earlyListeners = Math.max(...early.map((s) => s.listeners));
      // No sustained growth: the late samples (median, as a sample taken mid-rotation can catch two boards
      // mounted at once) stay within 20 % (and 1 MB) of the early plateau's peak.
      expect(median(late.map((s) => s.heapMb))).toBeLessThanOrEqual(earlyHeap * 1.2 + 1);
      expect(median(late.map((s) => s.nodes))).toBeLessThanOrEqual(earlyNodes * 1.2);
      expect(median(late.map((s) => s.listeners))).toBeLessThanOrEqual(earlyListeners * 1.2);
      expect(live.batches()).toBeGreaterThan(150);
      expect(await page.getByTestId('live-status').getAttribute('data-state')).toBe('live');
      expect(problems).toEqual([]);
      await page.close();
    },
    RUN_MS + 40_000,
  );
});

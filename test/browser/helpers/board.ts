// Opening the board in Chromium and checking it as a whole: figures against /v1/live, layout, page errors.
import type { Browser, Page } from 'playwright-core';
import type { Snapshot } from '@pulse/contracts';
import { getJson, TOKENS } from '../../support/pulse.ts';
import { compareBoard, type BoardConfig, type CompareOptions } from './compare.ts';
import { readBoard } from './read-board.ts';

export const RESOLUTIONS = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
] as const;

export interface OpenBoard {
  page: Page;
  /** Uncaught errors and console errors or warnings of the page: a healthy board has none. */
  problems: string[];
}

export async function openBoard(browser: Browser, url: string, params = '', viewport: { width: number; height: number } = RESOLUTIONS[0]): Promise<OpenBoard> {
  const page = await browser.newPage({ viewport });
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  await page.goto(`${url}/?token=${TOKENS.viewer}${params ? `&${params}` : ''}`);
  return { page, problems };
}

/** The differences between the page and /v1/live read right after it (empty when every figure agrees). */
export async function boardDiffs(page: Page, url: string, options: CompareOptions = {}): Promise<string[]> {
  const reading = await readBoard(page);
  const [live, config] = await Promise.all([getJson(url, '/v1/live'), getJson(url, '/v1/board/config')]);
  return compareBoard(reading, live.body as Snapshot, config.body as BoardConfig, options);
}

/** Layout faults: page scrolling, tiles or list rows whose content is cut, boxes of panels and tiles that overlap. */
export function layoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const faults: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > innerWidth || doc.scrollHeight > innerHeight) faults.push(`page scrolls: ${doc.scrollWidth}×${doc.scrollHeight}`);
    const boxes = (sel: string) => [...document.querySelectorAll(sel)].map((el) => ({ el, r: el.getBoundingClientRect() }));
    for (const { el, r } of boxes('[data-testid="queue-tile"], .tile-inner, [data-testid="agent"], [data-testid="sla-item"], [data-testid="alert"]')) {
      if (r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) faults.push(`${el.className} leaves the screen`);
      if (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1)
        faults.push(
          `${el.className} ${el.getAttribute('data-queue') ?? ''} cuts its content (${el.scrollWidth}×${el.scrollHeight} in ${el.clientWidth}×${el.clientHeight})`,
        );
    }
    const overlap = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
    const blocks = boxes('.board-header, .panel, .ticker, [data-testid="queue-tile"]');
    for (let i = 0; i < blocks.length; i++) {
      for (let j = i + 1; j < blocks.length; j++) {
        if (overlap(blocks[i]!.r, blocks[j]!.r)) faults.push(`${blocks[i]!.el.className} overlaps ${blocks[j]!.el.className}`);
      }
    }
    for (const list of document.querySelectorAll('.agent-list, .sla-list')) {
      const lr = list.getBoundingClientRect();
      for (const item of list.children) {
        const r = item.getBoundingClientRect();
        if (r.bottom > lr.bottom + 0.5) faults.push(`${item.className} hangs below its list`);
      }
    }
    return faults;
  });
}

export interface ListPage {
  page: number;
  pages: number;
  perPage: number;
  shown: number;
}

/**
 * A self-paging list read in one moment: which page is on screen, how many pages, how many items a page holds and
 * how many are shown (fewer only on the last page). Read apart, the page can turn between two reads.
 */
export function listPage(page: Page, pagerTestId: string, itemTestId: string): Promise<ListPage> {
  return page.evaluate(
    ([pagerId, itemId]) => {
      const pager = document.querySelector(`[data-testid="${pagerId}"]`);
      return {
        page: Number(pager?.getAttribute('data-page') ?? 1),
        pages: Number(pager?.getAttribute('data-pages') ?? 1),
        perPage: Number(pager?.getAttribute('data-per-page') ?? 0),
        shown: document.querySelectorAll(`[data-testid="${itemId}"]`).length,
      };
    },
    [pagerTestId, itemTestId] as const,
  );
}

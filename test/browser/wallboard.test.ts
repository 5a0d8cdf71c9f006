// The wall-board in real Chromium against a real server: post events, see the tile's numbers change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Snapshot } from '@pulse/contracts';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false } });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const tile = (queue: string) => page.locator(`[data-testid="queue-tile"][data-queue="${queue}"]`);
const waitingOf = (queue: string) => tile(queue).locator('[data-testid="waiting"]');

describe('wall-board', () => {
  it('shows the waiting count of a queue and follows it live, without a reload', async () => {
    const now = Date.now();
    await postEvents(t.url, [
      { id: 'b-a1', type: 'agent.status_changed', ts: now - 60_000, agent_id: 'b-ag', status: 'online', queues: ['returns'] },
      { id: 'b-1', type: 'chat.requested', ts: now - 45_000, chat_id: 'b1', queue: 'returns' },
    ]);
    await page.goto(`${t.url}/?token=${TOKENS.viewer}`);
    await expect.poll(() => waitingOf('returns').textContent(), { timeout: 10_000 }).toBe('1');
    await expect.poll(() => page.getByTestId('live-status').textContent(), { timeout: 5_000 }).toBe('LIVE');

    await postEvents(t.url, [
      { id: 'b-2', type: 'chat.requested', ts: Date.now(), chat_id: 'b2', queue: 'returns' },
      { id: 'b-3', type: 'chat.requested', ts: Date.now(), chat_id: 'b3', queue: 'returns' },
    ]);
    await expect.poll(() => waitingOf('returns').textContent(), { timeout: 5_000 }).toBe('3');

    await postEvents(t.url, { id: 'b-4', type: 'chat.answered', ts: Date.now(), chat_id: 'b1', agent_id: 'b-ag' });
    await expect.poll(() => waitingOf('returns').textContent(), { timeout: 5_000 }).toBe('2');

    const live = (await getJson(t.url, '/v1/live')).body as Snapshot;
    expect(live.queues.returns?.waiting).toBe(2);
    expect(await page.getByTestId('total-waiting').textContent()).toBe(String(live.overall.waiting));
    await page.screenshot({ path: `${ARTIFACTS}wallboard-1920x1080.png` });
  });

  it('ticks the longest wait on the client each second', async () => {
    const read = async () => (await tile('returns').getByTestId('longest-wait').textContent()) ?? '';
    const first = await read();
    await expect.poll(read, { timeout: 4_000 }).not.toBe(first);
  });

  it('says clearly when the token is wrong', async () => {
    const other = await browser.newPage();
    await other.goto(`${t.url}/?token=wrong-token`);
    await expect.poll(async () => (await other.textContent('body')) ?? '', { timeout: 10_000 }).toMatch(/token/i);
    await other.close();
  });

  it('says when the live figures are being rebuilt from history', async () => {
    const { Redis } = await import('ioredis');
    const r = new Redis(t.redis.url);
    // what a rebuilding instance does: raise the flag and announce a change of the live state
    await r.set('pulse:live:rebuilding', String(Date.now()), 'PX', 30_000);
    await r.publish('pulse:ch:live.changed', JSON.stringify({ items: 0, at: Date.now() }));
    await expect.poll(() => page.getByTestId('rebuilding-banner').count(), { timeout: 10_000 }).toBe(1);
    await r.del('pulse:live:rebuilding');
    await r.publish('pulse:ch:live.changed', JSON.stringify({ items: 0, at: Date.now() }));
    await expect.poll(() => page.getByTestId('rebuilding-banner').count(), { timeout: 10_000 }).toBe(0);
    r.disconnect();
  });
});

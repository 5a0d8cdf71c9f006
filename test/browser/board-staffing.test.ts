// A queue tile shows its staffing (SPEC §2 "Staffing"): "needs N more" or "N spare" when the gap is at least one
// agent, and the forecast service level beside the measured one; in English and Spanish, without cutting the tile.
// Expected values are hand-computed (test/integration/staffing.test.ts has the same floor through GET /v1/live).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { eventually, getJson, postEvents, startTestPulse, type TestPulse } from '../support/pulse.ts';
import { formatPct } from '../../packages/wallboard/src/format.ts';
import { layoutFaults, openBoard } from './helpers/board.ts';

let t: TestPulse;
let browser: Browser;

function floor(now: number) {
  const s = (sec: number) => now - sec * 1000;
  const agent = (id: string, queues: string[], capacity: number) => ({
    id: `a-${id}`,
    type: 'agent.status_changed',
    ts: s(3000),
    agent_id: id,
    status: 'online',
    name: id,
    queues,
    chat_capacity: capacity,
  });
  const contact = (id: string, queue: string, channel: string, start: number, handle: number) => [
    { id: `${id}-r`, type: 'chat.requested', ts: s(start), chat_id: id, queue, channel },
    { id: `${id}-a`, type: 'chat.answered', ts: s(start - 5), chat_id: id, agent_id: 'x' },
    { id: `${id}-e`, type: 'chat.ended', ts: s(start - 5 - handle), chat_id: id },
  ];
  return [
    // phone (voice, T 20 s): 12 calls of 180 s → 2.4 erlangs on 3 agents: forecast 39.45 %, 5 needed → needs 2 more
    ...['P1', 'P2', 'P3'].map((id) => agent(id, ['phone'], 3)),
    ...Array.from({ length: 12 }, (_, i) => contact(`p${i}`, 'phone', 'voice', 780 - 40 * i, 180)).flat(),
    // billing (chat): 10 chats of 240 s → 8/3 erlangs on capacities 2 + 3: forecast 87.93 %, 2 needed = 2 online
    agent('Ana', ['billing'], 2),
    agent('Bo', ['billing'], 3),
    ...Array.from({ length: 10 }, (_, i) => contact(`b${i}`, 'billing', 'chat', 780 - 50 * i, 240)).flat(),
    // calm (chat): 6 chats of 120 s → 0.8 erlangs; one agent (3 servers) gives 97.0 % → 1 needed, 4 online: 3 spare
    ...['C1', 'C2', 'C3', 'C4'].map((id) => agent(id, ['calm'], 3)),
    ...Array.from({ length: 6 }, (_, i) => contact(`c${i}`, 'calm', 'chat', 700 - 60 * i, 120)).flat(),
  ];
}

beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false } });
  browser = await launchChromium();
  expect((await postEvents(t.url, floor(Date.now()))).status).toBe(202);
  await eventually(
    async () => (await getJson(t.url, '/v1/live')).body,
    (s) =>
      s.queues?.phone?.staffing?.required_agents === 5 && s.queues?.billing?.staffing?.required_agents === 2 && s.queues?.calm?.staffing?.required_agents === 1,
  );
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const staffingOf = (page: import('playwright-core').Page, queue: string) =>
  page.evaluate((q) => {
    const el = document.querySelector(`[data-queue="${q}"] [data-testid="staffing"]`);
    const text = (id: string) => el?.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
    return el ? { gap: text('staffing-gap'), forecast: text('forecast-sl'), measured: text('measured-sl'), title: el.getAttribute('title') } : null;
  }, queue);

describe('staffing on a queue tile', () => {
  it('names the gap and puts the forecast service level beside the measured one', async () => {
    const { page, problems } = await openBoard(browser, t.url, 'queues=phone,billing,calm&panels=queues');
    await expect
      .poll(() => staffingOf(page, 'phone'), { timeout: 15_000 })
      .toEqual({
        gap: 'needs 2 more',
        forecast: '39.5%',
        measured: '100%',
        title: 'Erlang C: 3 online, 5 needed for 80% answered within 20 s; forecast mean wait 3:14',
      });
    // even: no gap named, the forecast still shown
    expect(await staffingOf(page, 'billing')).toMatchObject({ gap: null, forecast: '87.9%', measured: '100%' });
    expect(await staffingOf(page, 'calm')).toMatchObject({ gap: '3 spare', forecast: '100%' });
    expect(await layoutFaults(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}board-staffing-1920x1080.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('in Spanish', async () => {
    const { page } = await openBoard(browser, t.url, 'queues=phone,billing,calm&panels=queues&lang=es');
    await expect.poll(async () => (await staffingOf(page, 'phone'))?.gap, { timeout: 15_000 }).toBe('faltan 2');
    expect(await staffingOf(page, 'phone')).toMatchObject({ forecast: formatPct(39.454828833908785, 'es'), measured: formatPct(100, 'es') });
    expect(formatPct(39.454828833908785, 'es')).toMatch(/^39,5\s%$/u);
    expect((await staffingOf(page, 'calm'))?.gap).toBe('3 de sobra');
    await page.close();
  });

  it('on a dense board only the gap, in the tile’s header, without cutting it', async () => {
    // 30 more queues, one agent each: 33 tiles at 1920×1080 are no longer full ones
    expect(
      (
        await postEvents(
          t.url,
          Array.from({ length: 30 }, (_, i) => ({
            id: `fill-${i}`,
            type: 'agent.status_changed',
            ts: Date.now() - 60_000,
            agent_id: `fill-${i}`,
            status: 'online',
            name: `F${i}`,
            queues: [`q${String(i).padStart(2, '0')}`],
          })),
        )
      ).status,
    ).toBe(202);
    const { page } = await openBoard(browser, t.url, 'panels=queues');
    await expect.poll(() => page.getByTestId('queue-tile').count(), { timeout: 15_000 }).toBe(33);
    await expect.poll(async () => (await staffingOf(page, 'phone'))?.gap, { timeout: 15_000 }).toBe('needs 2 more');
    const density = await page.locator('[data-queue="phone"]').getAttribute('class');
    expect(density).not.toContain('is-full');
    expect(await page.locator('[data-queue="phone"] .tile-head [data-testid="staffing-gap"]').count()).toBe(1);
    expect(await page.locator('[data-queue="phone"] [data-testid="forecast-sl"]').count()).toBe(0);
    expect(await layoutFaults(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}board-staffing-dense-1920x1080.png` });
    await page.close();
  });
});

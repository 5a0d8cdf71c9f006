// The trends page's staffing panel: agents needed (Erlang C) against agents online per hour of one queue, with
// the count of under- and over-staffed hours, in English and Spanish (values worked out by hand; the same floor
// through the API is in test/integration/history-staffing.test.ts).
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
let browser: Browser;
const T = Date.UTC(2026, 10, 20, 10, 0, 0); // Friday 20 November 2026, 10:00 UTC
const at = (sec: number) => T + sec * 1000;

function contacts(prefix: string, n: number, start: number, every: number, wait: number, handle: number, channel: string) {
  return Array.from({ length: n }, (_, i) => [
    { id: `${prefix}${i}`, type: 'chat.requested', ts: at(start + every * i), chat_id: `${prefix}${i}`, queue: 'desk', channel },
    { id: `${prefix}${i}a`, type: 'chat.answered', ts: at(start + every * i + wait), chat_id: `${prefix}${i}`, agent_id: 'bo' },
    { id: `${prefix}${i}e`, type: 'chat.ended', ts: at(start + every * i + wait + handle), chat_id: `${prefix}${i}` },
  ]).flat();
}

beforeAll(async () => {
  t = await startTestPulse({ alerts: { enabled: false }, timeZone: 'UTC', queueNames: { desk: 'Help desk' } });
  browser = await launchChromium();
  const agent = (id: string, sec: number, f: Record<string, unknown>) => ({
    id: `s-${id}-${sec}`,
    type: 'agent.status_changed',
    ts: at(sec),
    agent_id: id,
    ...f,
  });
  const events = [
    agent('ana', -1800, { status: 'online', name: 'Ana', queues: ['desk'], chat_capacity: 2 }),
    agent('ana', 1800, { status: 'away' }),
    agent('bo', -1800, { status: 'online', name: 'Bo', queues: ['desk'], chat_capacity: 3 }),
    agent('cy', -1800, { status: 'online', name: 'Cy', queues: ['desk'] }),
    // 10:00: 20 chats of 180 s → 1 erlang; 2.5 agents online, 2 needed (0.5 spare: not a whole agent)
    ...contacts('c', 20, 0, 150, 10, 180, 'chat'),
    // 11:00: 6 calls of 300 s → 0.5 erlangs; 2 online, 2 needed
    ...contacts('v', 6, 3600, 300, 5, 300, 'voice'),
    // 12:00: 12 calls of 600 s → 2 erlangs on 2 agents (overloaded); 3 give 57.01 %, 4 give 83.73 % → 4 needed: under
    ...contacts('w', 12, 7200, 240, 5, 600, 'voice'),
    // 13:00: 5 chats of 60 s → 1/12 erlang; one agent (3 servers) gives 99.998 % → 1 needed, 2 online: one spare
    ...contacts('x', 5, 10800, 600, 5, 60, 'chat'),
  ];
  expect((await postEvents(t.url, events)).body.accepted).toBe(events.length);
  const redis = new Redis(t.redis.url);
  const prefix = t.pulse.config.redis.prefix;
  await eventually(
    async () => {
      const groups = (await redis.xinfo('GROUPS', `${prefix}facts`)) as (string | number)[][];
      const r = await getJson(t.url, `/v1/history/items?from=${T}&to=${at(4 * 3600)}`, TOKENS.manager);
      return groups.every((g) => g[g.indexOf('pending') + 1] === 0) ? (r.body.items?.length ?? 0) : 0;
    },
    (n) => n === 43,
    30_000,
  );
  redis.disconnect();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const url = (extra: string) => `${t.url}/trends.html?token=${TOKENS.manager}&range=custom&from=2026-11-20&to=2026-11-20&interval=1h&tz=UTC&${extra}`;

describe('staffing on the trends page', () => {
  it('asks for one queue', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(url('lang=en'));
    await expect
      .poll(() => page.getByTestId('staffing-trend-notice').textContent(), { timeout: 15_000 })
      .toBe('Choose one queue to see the agents it needed against the agents it had.');
    await page.close();
  });

  it('shows agents needed against agents online per hour, and counts the hours short and to spare', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(url('lang=en&queue=desk'));
    const panel = page.getByTestId('staffing-trend');
    await expect.poll(() => panel.getAttribute('data-state'), { timeout: 15_000 }).toBe('chart');
    expect(await panel.locator('h2').textContent()).toContain('Agents needed against agents online: Help desk');
    const counts = page.getByTestId('staffing-counts');
    expect([await counts.getAttribute('data-under'), await counts.getAttribute('data-over')]).toEqual(['1', '1']);
    expect(await counts.textContent()).toBe('1 under-staffed interval · 1 with an agent or more to spare');
    await expect.poll(() => panel.locator('.recharts-line').count(), { timeout: 5_000 }).toBe(2);
    expect(await page.getByTestId('csv-staffing').getAttribute('href')).toContain('/v1/history/staffing?');
    await panel.scrollIntoViewIfNeeded();
    await panel.screenshot({ path: `${ARTIFACTS}trends-staffing.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('in Spanish', async () => {
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.goto(url('lang=es&queue=desk'));
    const counts = page.getByTestId('staffing-counts');
    await expect.poll(() => counts.textContent(), { timeout: 15_000 }).toBe('1 intervalo con falta de agentes · 1 con al menos un agente de sobra');
    await page.close();
  });
});

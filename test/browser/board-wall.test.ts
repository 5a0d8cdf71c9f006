// The wall display shows where to act (issue 16): a colour needs a sample, a tile's level comes from its waits,
// at risk is amber, an agent at capacity is fine; tickets per queue and in the SLA panel (one row per ticket,
// what breached within the hour first, long overdue last, "2 d 4 h"); queue and agent names in full; a ticker of
// queue and agent alerts whose suggestions keep their names; chat and ticket channels apart; no text under 12 px
// at 1080p; sparklines that say what they draw; a full-screen control drawn, not a font glyph. Real server,
// real Redis, Debian's Chromium; exact values.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Alert } from '@pulse/contracts';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { boardDiffs, layoutFaults, openBoard } from './helpers/board.ts';
import { feed } from './helpers/feed.ts';
import { injectAlerts } from './helpers/inject-alerts.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;
let t: TestPulse;
let browser: Browser;
const now = Date.now();

function floor(): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  let n = 0;
  const ev = (type: string, ts: number, fields: Record<string, unknown>) => events.push({ id: `w-${n++}`, type, ts, ...fields });
  ev('agent.status_changed', now - 2 * HOUR, {
    agent_id: 'ag-ana',
    status: 'online',
    name: 'Ana Gómez de la Fuente',
    queues: ['billing', 'vip'],
    chat_capacity: 2,
  });
  ev('agent.status_changed', now - 2 * HOUR, {
    agent_id: 'ag-luis',
    status: 'online',
    name: 'Luis Martín Ortega',
    queues: ['billing', 'sales'],
    chat_capacity: 3,
  });
  ev('agent.status_changed', now - 2 * HOUR, { agent_id: 'ag-rosa', status: 'online', name: 'Rosa Larsen', queues: ['technical'], chat_capacity: 3 });
  // billing: 6 chats answered after a minute and 2 calls answered at once in the last 15 minutes (service level
  // 25 % on 8 offered: red), nobody waiting, and Ana at her capacity of 2 with the two calls in progress.
  for (let i = 0; i < 6; i++) {
    const at = now - (12 - i) * MIN;
    ev('chat.requested', at, { chat_id: `w-b${i}`, queue: 'billing', channel: 'chat' });
    ev('chat.answered', at + 60_000, { chat_id: `w-b${i}`, agent_id: 'ag-luis' });
    ev('chat.ended', at + 150_000, { chat_id: `w-b${i}` });
  }
  for (let i = 0; i < 2; i++) {
    ev('chat.requested', now - 4 * MIN, { chat_id: `w-a${i}`, queue: 'billing', channel: 'voice' });
    ev('chat.answered', now - 4 * MIN + 5_000, { chat_id: `w-a${i}`, agent_id: 'ag-ana' });
  }
  // vip: 3 chats answered late: 0 % on a sample of 3, too small for a colour.
  for (let i = 0; i < 3; i++) {
    ev('chat.requested', now - 9 * MIN, { chat_id: `w-v${i}`, queue: 'vip', channel: 'chat' });
    ev('chat.answered', now - 8 * MIN, { chat_id: `w-v${i}`, agent_id: 'ag-luis' });
    ev('chat.ended', now - 7 * MIN, { chat_id: `w-v${i}` });
  }
  // sales: 12 waiting, the oldest for 50 s: critical by its waiting count alone.
  for (let i = 0; i < 12; i++) ev('chat.requested', now - (50 - i) * 1000, { chat_id: `w-s${i}`, queue: 'sales', channel: 'chat' });
  // technical: a quiet queue with a ticket backlog.
  const ticket = (id: string, queue: string, ago: number, priority: string, agent?: string) =>
    ev('ticket.created', now - ago, {
      ticket_id: id,
      queue,
      channel: 'email',
      priority,
      requester: { id: `c-${id}`, tier: 'standard' },
      ...(agent ? { agent_id: agent } : {}),
    });
  // billing tickets: 3 unassigned, the oldest created 2 h ago; one breached 15 min ago; one breached 2 d 4 h ago
  // (first reply) whose resolution is overdue too; five about to breach.
  ticket('T-UN1', 'billing', 2 * HOUR, 'low');
  ticket('T-UN2', 'billing', 30 * MIN, 'low');
  ticket('T-UN3', 'billing', 10 * MIN, 'low');
  ticket('T-RECENT', 'billing', 30 * MIN, 'urgent', 'ag-luis');
  ticket('T-OLD', 'technical', (2 * 24 + 4) * HOUR + 240 * MIN + 30_000, 'normal', 'ag-rosa');
  for (let i = 0; i < 5; i++) ticket(`T-RISK${i}`, i < 3 ? 'billing' : 'vip', 12 * MIN + i * 10_000, 'urgent', 'ag-luis');
  return events;
}

const alert = (id: string, over: Partial<Alert>): Alert => ({
  id,
  rule: 'queue_wait',
  severity: 'warning',
  state: 'firing',
  scope: { queue: 'sales' },
  title: id,
  message: `${id} message`,
  value: null,
  threshold: null,
  started_at: new Date(now).toISOString(),
  acknowledged_at: null,
  acknowledged_by: null,
  resolved_at: null,
  escalated_at: null,
  ...over,
});
const INJECTED: Alert[] = [
  alert('x-ticket', { rule: 'sla_breach', severity: 'critical', scope: { queue: 'billing', ticket_id: 'T-RECENT' }, title: 'one ticket' }),
  alert('x-rollup', { rule: 'sla_breach', severity: 'critical', scope: { queue: 'billing' }, title: 'Billing: 1 first reply breached' }),
  alert('x-rebalance', {
    rule: 'rebalance',
    title: 'Move idle agents from Technical to Sales',
    suggestion: {
      action: 'move_agent',
      from_queue: 'technical',
      to_queue: 'sales',
      items: ['ag-rosa', 'ag-ana', 'ag-luis', 'ag-x'].map((id) => ({ kind: 'agent' as const, id })),
      // an agent the board does not list is named by the alert itself
      names: { 'ag-x': 'Xavier Quintana Robles' },
    },
  }),
];

beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false }, queueNames: { billing: 'Billing', vip: 'VIP', technical: 'Technical' } });
  browser = await launchChromium();
  await feed(t.url, floor());
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const attr = (page: Page, sel: string, name: string) => page.locator(sel).first().getAttribute(name);
const text = (page: Page, sel: string) => page.locator(sel).first().textContent();

describe('wall display', () => {
  it('serves queue display names and minimum samples in the board config', async () => {
    const res = await fetch(`${t.url}/v1/board/config`, { headers: { authorization: `Bearer ${TOKENS.viewer}` } });
    const config = await res.json();
    expect(config.queue_names).toEqual({ billing: 'Billing', vip: 'VIP', technical: 'Technical' });
    expect(config.min_sample.default).toEqual({ offered: 5, csat_responses: 5 });
    expect(config.thresholds.default.load_pct).toEqual({ amber: 101, red: 101, direction: 'above' });
  });

  it('shows where to act: levels from waits and samples, tickets, SLA by ticket, names in full', async () => {
    const { page, problems } = await openBoard(browser, t.url);
    await expect.poll(() => page.getByTestId('queue-tile').count(), { timeout: 15_000 }).toBe(4);
    await expect.poll(() => boardDiffs(page, t.url), { timeout: 15_000, interval: 500 }).toEqual([]);
    const tile = (q: string) => `[data-testid="queue-tile"][data-queue="${q}"]`;

    // Display names; a queue without one shows its id.
    expect(await page.locator('[data-testid="queue-tile"] .tile-name').allTextContents()).toEqual(['Billing', 'sales', 'Technical', 'VIP']);
    // Sales: 12 waiting, critical. Billing: nobody waiting but 25 % on 8 offered: a warning, not critical.
    expect(await attr(page, tile('sales'), 'data-level')).toBe('red');
    expect(await attr(page, tile('billing'), 'data-level')).toBe('amber');
    expect(await text(page, `${tile('billing')} [data-testid="service-level"]`)).toBe('25%');
    expect(await attr(page, `${tile('billing')} [data-testid="service-level"]`, 'data-level')).toBe('red');
    // VIP: 0 % on 3 contacts is no signal: neutral, with its sample.
    expect(await attr(page, tile('vip'), 'data-level')).toBe('green');
    expect(await attr(page, `${tile('vip')} [data-testid="service-level"]`, 'data-level')).toBe('neutral');
    expect(await attr(page, `${tile('vip')} [data-testid="service-level"]`, 'data-sample')).toBe('3');
    expect(
      await page
        .locator(`${tile('vip')} .metric-sample`)
        .first()
        .textContent(),
    ).toBe('n=3');
    // Tickets per queue: unsolved, unassigned and the oldest unassigned (2 h: amber at 1 h).
    expect(await text(page, `${tile('billing')} [data-testid="unsolved"]`)).toBe('7');
    expect(await text(page, `${tile('billing')} [data-testid="unassigned"]`)).toBe('3');
    expect(await attr(page, `${tile('billing')} [data-testid="oldest-unassigned"]`, 'data-level')).toBe('amber');
    expect(await text(page, `${tile('billing')} [data-testid="oldest-unassigned"]`)).toMatch(/^2:00:\d\d$/);
    // The header: service level and abandonment next to waiting; at risk amber however many.
    const totals = await page.locator('.totals [data-testid^="total-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    expect(totals.slice(0, 4)).toEqual(['total-waiting', 'total-longest-wait', 'total-service-level', 'total-abandon-rate']);
    expect(await text(page, '[data-testid="total-sla-at-risk"]')).toBe('5');
    expect(await attr(page, '[data-testid="total-sla-at-risk"]', 'data-level')).toBe('amber');
    // An agent exactly at capacity is working, not an error; names in full.
    expect(await text(page, '[data-agent="ag-ana"] [data-testid="agent-load"]')).toBe('2/2');
    expect(await attr(page, '[data-agent="ag-ana"] [data-testid="agent-load"]', 'data-level')).toBe('green');
    const names = await page.locator('.agent-name').evaluateAll((els) => els.map((e) => ({ text: e.textContent, cut: e.scrollWidth > e.clientWidth })));
    expect(names).toEqual([
      { text: 'Ana Gómez de la Fuente', cut: false },
      { text: 'Luis Martín Ortega', cut: false },
      { text: 'Rosa Larsen', cut: false },
    ]);

    // The SLA panel: one row per ticket; breached within the hour, then at risk, then long overdue; counts on top.
    const rows = await page
      .getByTestId('sla-item')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-group')}:${e.getAttribute('data-ticket')}:${e.getAttribute('data-target')}`));
    expect(rows).toEqual(['recent:T-RECENT:first_reply', ...[4, 3, 2, 1, 0].map((i) => `at_risk:T-RISK${i}:first_reply`), 'overdue:T-OLD:first_reply']);
    expect(await page.getByTestId('sla-counts').textContent()).toBe('1 breached < 1 h5 at risk1 overdue > 1 h');
    expect(await text(page, '[data-ticket="T-OLD"] [data-testid="sla-countdown"]')).toBe('−2 d 4 h');
    expect(await text(page, '[data-ticket="T-OLD"] .sla-more')).toBe('+1 target');
    expect(await page.locator('[data-ticket="T-OLD"] .sla-meta > span').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).length)).toBe(0);
    expect(await text(page, '[data-ticket="T-RECENT"] .sla-queue')).toBe('Billing');
    expect(await text(page, '[data-ticket="T-OLD"] .sla-agent')).toBe('Rosa Larsen');

    // The ticker: queue and agent alerts and roll-ups, never one per ticket; a suggestion keeps its names.
    await injectAlerts(page, INJECTED);
    await page.reload();
    await expect.poll(() => page.getByTestId('alert').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    const seen = new Set<string>();
    const deadline = Date.now() + 40_000;
    while (!(seen.has('x-rebalance') && seen.has('x-rollup')) && Date.now() < deadline) {
      for (const id of await page.getByTestId('alert').evaluateAll((els) => els.map((e) => e.getAttribute('data-alert')!))) seen.add(id);
      await page.waitForTimeout(250);
    }
    expect(seen.has('x-ticket')).toBe(false);
    expect(seen.has('x-rollup')).toBe(true);
    expect(seen.has('x-rebalance')).toBe(true);
    await page.locator('[data-alert="x-rebalance"]').waitFor({ timeout: 40_000 });
    const suggestion = page.locator('[data-alert="x-rebalance"] [data-testid="alert-suggestion"]');
    expect(await suggestion.textContent()).toBe(
      'Move Rosa Larsen, Ana Gómez de la Fuente, Luis Martín Ortega, and Xavier Quintana Robles from Technical to sales',
    );
    expect(
      await suggestion.evaluate(
        (e) => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().bottom <= e.closest('.ticker')!.getBoundingClientRect().bottom + 0.5,
      ),
    ).toBe(true);
    // A full turn of the ticker within a minute.
    const pages = Number((await page.getByTestId('alerts-pager').getAttribute('data-pages')) ?? 1);
    expect(pages * Math.min(10, 59 / pages)).toBeLessThan(60);

    // Sparklines say what they draw.
    expect(await page.getByTestId('spark-caption').first().textContent()).toMatch(/^answeredabandonedlast 60 min · peak \d+ per min$/);
    expect(await layoutFaults(page)).toEqual([]);
    await page.screenshot({ path: `${ARTIFACTS}board-wall-1920x1080.png` });
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);

  it('keeps every text at 12 px or more on a 1080p board, and draws the full-screen control', async () => {
    const { page, problems } = await openBoard(browser, t.url);
    await expect.poll(() => page.getByTestId('queue-tile').count(), { timeout: 15_000 }).toBe(4);
    await page.mouse.move(900, 500);
    await page.mouse.move(960, 540);
    await expect.poll(() => page.getByTestId('controls').evaluate((e) => getComputedStyle(e).opacity), { timeout: 5_000 }).toBe('1');
    const small = await page.evaluate(() => {
      const out: string[] = [];
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const el = n.parentElement!;
        if (!n.textContent?.trim()) continue;
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        const size = parseFloat(getComputedStyle(el).fontSize);
        if (size < 12) out.push(`${el.className || el.tagName} "${n.textContent.trim().slice(0, 30)}" ${size.toFixed(1)} px`);
      }
      return out;
    });
    expect(small).toEqual([]);
    // The full-screen control: an SVG icon of its own, drawn with a stroke (no font glyph that may be missing).
    const icon = page.locator('[data-testid="fullscreen"] svg');
    const box = await icon.boundingBox();
    expect(box!.width).toBeGreaterThanOrEqual(16);
    expect(box!.height).toBeGreaterThanOrEqual(16);
    expect(await icon.locator('path').evaluate((p) => getComputedStyle(p).stroke)).not.toBe('none');
    expect(await page.getByTestId('controls').textContent()).toBe('');
    await page.getByTestId('controls').screenshot({ path: `${ARTIFACTS}board-controls.png` });
    expect(problems).toEqual([]);
    await page.close();
  });

  it('keeps chat channels and ticket channels apart', async () => {
    const { page } = await openBoard(browser, t.url, 'channels=*&panels=queues');
    await expect.poll(() => page.getByTestId('channel-tile').count(), { timeout: 15_000 }).toBe(3);
    const tiles = await page
      .getByTestId('channel-tile')
      .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-kind')}:${e.getAttribute('data-channel')}:${e.querySelector('.tile-kind')?.textContent}`));
    expect(tiles).toEqual(['chat:chat:Chat channel', 'chat:voice:Chat channel', 'ticket:email:Ticket channel']);
    expect(await text(page, '[data-channel="email"] [data-testid="unsolved"]')).toBe('10');
    expect(await text(page, '[data-channel="email"] [data-testid="unassigned"]')).toBe('3');
    expect(await page.locator('[data-channel="email"] [data-testid="waiting"]').count()).toBe(0);
    await page.close();
  });
});

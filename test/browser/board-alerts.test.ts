// The alert ticker: firing and acknowledged alerts, critical first, each with its rule and, for reassignment
// alerts, the suggestion as whole per-item lines with agent names (two at most, the rest counted), never cut;
// paging through more than fit, a whole turn within a minute. The alerts here are added to
// the server's snapshots on their way to the page (REST and WebSocket), so every kind shows whatever the
// alert engine fires for this floor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Alert, Snapshot } from '@pulse/contracts';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { feed } from './helpers/feed.ts';
import { buildFloor } from './helpers/floor.ts';
import { injectAlerts } from './helpers/inject-alerts.ts';

let t: TestPulse;
let browser: Browser;

const alert = (id: string, over: Partial<Alert>): Alert => ({
  id,
  rule: 'queue_wait',
  severity: 'warning',
  state: 'firing',
  scope: { queue: 'billing' },
  title: id,
  message: '',
  value: null,
  threshold: null,
  started_at: new Date().toISOString(),
  acknowledged_at: null,
  acknowledged_by: null,
  resolved_at: null,
  escalated_at: null,
  ...over,
});

const INJECTED: Alert[] = [
  alert('x-stranded', {
    rule: 'agent_stranded',
    severity: 'critical',
    title: 'Ana García went away holding work',
    message: '2 items with unmet targets',
    suggestion: {
      action: 'reassign',
      items: [
        { kind: 'ticket', id: 'T-9', queue: 'billing', to_agent_ids: ['a-ag1', 'a-ag2'] },
        { kind: 'chat', id: 'C-7', queue: 'billing', to_agent_ids: ['a-ag2'] },
        { kind: 'ticket', id: 'T-10', queue: 'billing', to_agent_ids: ['a-ag1'] },
        { kind: 'ticket', id: 'T-11', queue: 'billing', to_agent_ids: ['a-ag1'] },
      ],
      from_agent_id: 'a-ag0',
      to_agent_ids: ['a-ag1', 'a-ag2'],
      queue_names: { billing: 'Billing desk' },
    },
  }),
  alert('x-rebalance', {
    rule: 'rebalance',
    title: 'Move idle agents to billing',
    message: 'billing waits long while sales is idle',
    suggestion: { action: 'move_agent', items: [{ kind: 'agent', id: 'a-ag3' }], from_queue: 'sales', to_queue: 'billing' },
  }),
  alert('x-acked', { rule: 'csat_low', state: 'acknowledged', title: 'CSAT low in billing', acknowledged_by: 'lead' }),
  alert('x-resolved', { rule: 'ticket_pingpong', state: 'resolved', title: 'resolved: never shown' }),
];

beforeAll(async () => {
  t = await startTestPulse({ workers: { live: true, history: false } });
  browser = await launchChromium();
  await feed(t.url, buildFloor({ queues: ['billing', 'sales'], agents: 6, prefix: 'a' }).events);
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

describe('alert ticker', () => {
  it('shows active alerts critical first, with reassignment suggestions in words, and pages through them', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await injectAlerts(page, INJECTED);
    await page.goto(`${t.url}/?token=${TOKENS.viewer}&queues=billing&page=2`);
    const items = page.getByTestId('alert');
    await expect.poll(() => items.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    // Walk the pages until every injected active alert has been on screen.
    const seen = new Map<
      string,
      { id: string; rule: string; severity: string | null; suggestion: string[] | null; more: string | null; state: string | null; whole: boolean }
    >();
    const order = new Map<string, number>(); // position in the whole list: page × 100 + place on the page
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !['x-stranded', 'x-rebalance', 'x-acked'].every((id) => seen.has(id))) {
      const pageNo = Number((await page.getByTestId('alerts-pager').getAttribute('data-page')) ?? 1);
      const shown = await items.evaluateAll((els) =>
        els.map((e) => {
          const lines = [...e.querySelectorAll('[data-testid="alert-suggestion"]')];
          // a line is whole: nothing of it is hidden, inside its ticker item and on screen
          const box = e.getBoundingClientRect();
          const whole = lines.every((l) => {
            const r = l.getBoundingClientRect();
            return (
              l.scrollWidth <= l.clientWidth + 1 &&
              r.left >= box.left - 1 &&
              r.right <= box.right + 1 &&
              r.top >= box.top - 1 &&
              r.bottom <= box.bottom + 1 &&
              r.bottom <= window.innerHeight
            );
          });
          return {
            id: e.getAttribute('data-alert')!,
            rule: e.getAttribute('data-rule')!,
            severity: e.getAttribute('data-severity'),
            state: e.getAttribute('data-state'),
            suggestion: lines.length ? lines.map((l) => l.firstChild?.textContent ?? '') : null,
            more: e.querySelector('[data-testid="alert-suggestion-more"]')?.textContent ?? null,
            whole,
          };
        }),
      );
      for (const [i, a] of shown.entries()) {
        order.set(a.id, pageNo * 100 + i);
        if (!seen.has(a.id)) {
          seen.set(a.id, a);
          if (a.id === 'x-stranded') await page.screenshot({ path: `${ARTIFACTS}board-alerts-1920x1080.png` });
        }
      }
      await page.waitForTimeout(250);
    }
    // one line per item with the names it proposes, two at most, the rest counted; each whole on screen
    expect(seen.get('x-stranded')).toEqual({
      id: 'x-stranded',
      rule: 'agent_stranded',
      severity: 'critical',
      state: 'firing',
      suggestion: ['Ticket T-9 (Billing desk) → Luis García or Marta García', 'Chat C-7 (Billing desk) → Marta García'],
      more: ' · and 2 more',
      whole: true,
    });
    expect(seen.get('x-rebalance')).toMatchObject({
      rule: 'rebalance',
      severity: 'warning',
      suggestion: ['Move Jon García from sales to billing'],
      more: null,
      whole: true,
    });
    expect(seen.get('x-acked')).toMatchObject({ rule: 'csat_low', state: 'acknowledged', suggestion: null });
    expect(seen.has('x-resolved')).toBe(false);
    // Critical before warning across the pages seen.
    const bySeverity = [...seen.values()].sort((a, b) => order.get(a.id)! - order.get(b.id)!).map((a) => a.severity);
    const firstWarning = bySeverity.indexOf('warning');
    if (firstWarning >= 0) expect(bySeverity.lastIndexOf('critical')).toBeLessThan(firstWarning);

    // Every alert of this board counted; more than fit → pages.
    const countsAgree = async () => {
      const shown = Number(await page.getByTestId('alert-count').textContent());
      const live = (await (await fetch(`${t.url}/v1/live`, { headers: { authorization: `Bearer ${TOKENS.viewer}` } })).json()) as Snapshot;
      const ofBoard = [...live.alerts, ...INJECTED].filter((a) => a.state !== 'resolved' && (!a.scope.queue || a.scope.queue === 'billing'));
      return shown === ofBoard.length;
    };
    await expect.poll(countsAgree, { timeout: 10_000, interval: 500 }).toBe(true);
    expect(Number(await page.getByTestId('alerts-pager').getAttribute('data-pages'))).toBeGreaterThan(1);
    await page.close();
  });
  it('goes round every page within a minute, counting what does not fit, in the board’s language', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const wait = (n: number): Alert =>
      alert(`x-wait-${n}`, {
        severity: n < 10 ? 'critical' : 'warning',
        title: 'stored English title',
        details: {
          kind: 'queue_wait',
          queue: 'billing',
          queue_name: 'Facturación',
          waiting: 3,
          longest_wait_s: 754,
          wait_since: new Date(Date.now() - 754_000).toISOString(),
          threshold_s: 40,
          agents_online: 2,
        },
      });
    await injectAlerts(
      page,
      Array.from({ length: 60 }, (_, n) => wait(n)),
    );
    await page.goto(`${t.url}/?token=${TOKENS.viewer}&queues=billing&lang=es`); // the default 10 s pages
    const pager = page.getByTestId('alerts-pager');
    await expect.poll(async () => Number(await pager.getAttribute('data-pages')), { timeout: 10_000 }).toBeGreaterThan(5);
    // the title is written in the board's language from the alert's facts, not the stored English one
    await expect
      .poll(() => page.getByTestId('alert').first().locator('.alert-title').textContent(), { timeout: 10_000 })
      .toBe('Espera larga en Facturación: 12 min');
    await expect.poll(() => page.locator('.ticker-more').count()).toBe(1);

    // a page shows for data-page-s seconds (pages turn on the board clock's whole seconds): a turn takes that
    // within a second, and the pages go round in under a minute
    const pages = Number(await pager.getAttribute('data-pages'));
    const pageS = Number(await page.getByTestId('alert-ticker').getAttribute('data-page-s'));
    expect(pages * pageS).toBeLessThan(60);
    const turn = async () => {
      const from = await pager.getAttribute('data-page');
      await page.waitForFunction((f) => document.querySelector('[data-testid="alerts-pager"]')?.getAttribute('data-page') !== f, from, {
        polling: 'raf',
        timeout: 15_000,
      });
      return Date.now();
    };
    const times = [await turn(), await turn(), await turn()];
    // (the slack allows for a busy machine: timers and frames late by up to 0.7 s)
    for (const gap of [times[1]! - times[0]!, times[2]! - times[1]!]) {
      expect(gap).toBeGreaterThan((pageS - 1) * 1000 - 700);
      expect(gap).toBeLessThan((pageS + 1) * 1000 + 700);
    }
    // three turns span at most 2 × pageS + 1 s: no page shows longer than its share of the minute
    expect(times[2]! - times[0]!).toBeLessThan((2 * pageS + 1) * 1000 + 700);
    await page.close();
  }, 60_000);
});

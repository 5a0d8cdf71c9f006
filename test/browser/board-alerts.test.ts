// The alert ticker: firing and acknowledged alerts, critical first, each with its rule and, for reassignment
// alerts, the suggestion in words with agent names; paging through more than fit. The alerts here are added to
// the server's snapshots on their way to the page (REST and WebSocket), so every kind shows whatever the
// alert engine fires for this floor.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Alert, Snapshot } from '@pulse/contracts';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';
import { feed } from './helpers/feed.ts';
import { buildFloor } from './helpers/floor.ts';

let t: TestPulse;
let browser: Browser;

const alert = (id: string, over: Partial<Alert>): Alert => ({
  id, rule: 'queue_wait', severity: 'warning', state: 'firing', scope: { queue: 'billing' }, title: id, message: '', value: null,
  threshold: null, started_at: new Date().toISOString(), acknowledged_at: null, acknowledged_by: null, resolved_at: null, escalated_at: null, ...over,
});

const INJECTED: Alert[] = [
  alert('x-stranded', {
    rule: 'agent_stranded', severity: 'critical', title: 'Ana García went away holding work', message: '2 items with unmet targets',
    suggestion: { action: 'reassign', items: [{ kind: 'ticket', id: 'T-9' }, { kind: 'chat', id: 'C-7' }], from_agent_id: 'a-ag0', to_agent_ids: ['a-ag1', 'a-ag2'] },
  }),
  alert('x-rebalance', {
    rule: 'rebalance', title: 'Move idle agents to billing', message: 'billing waits long while sales is idle',
    suggestion: { action: 'move_agent', items: [{ kind: 'agent', id: 'a-ag3' }], from_queue: 'sales', to_queue: 'billing' },
  }),
  alert('x-acked', { rule: 'csat_low', state: 'acknowledged', title: 'CSAT low in billing', acknowledged_by: 'lead' }),
  alert('x-resolved', { rule: 'ticket_pingpong', state: 'resolved', title: 'resolved: never shown' }),
];

/** Adds the injected alerts to every snapshot the page receives. */
async function injectAlerts(page: Page, extra: Alert[]): Promise<void> {
  const add = (s: Snapshot): Snapshot => ({ ...s, alerts: [...s.alerts, ...extra] });
  await page.route((url) => url.pathname === '/v1/live', async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, json: add((await res.json()) as Snapshot) });
  });
  await page.routeWebSocket(/\/v1\/live\/stream/, (ws) => {
    const server = ws.connectToServer();
    server.onMessage((raw) => {
      const msg = JSON.parse(String(raw));
      ws.send(JSON.stringify(msg.type === 'snapshot' ? { ...msg, snapshot: add(msg.snapshot) } : msg));
    });
  });
}

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
    const seen = new Map<string, { id: string; rule: string; severity: string | null; suggestion: string | null; state: string | null }>();
    const order = new Map<string, number>(); // position in the whole list: page × 100 + place on the page
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && !['x-stranded', 'x-rebalance', 'x-acked'].every((id) => seen.has(id))) {
      const pageNo = Number((await page.getByTestId('alerts-pager').getAttribute('data-page')) ?? 1);
      const shown = await items.evaluateAll((els) =>
        els.map((e) => ({ id: e.getAttribute('data-alert')!, rule: e.getAttribute('data-rule')!, severity: e.getAttribute('data-severity'), state: e.getAttribute('data-state'), suggestion: e.querySelector('[data-testid="alert-suggestion"]')?.textContent ?? null })),
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
    expect(seen.get('x-stranded')).toMatchObject({ rule: 'agent_stranded', severity: 'critical', suggestion: '→ Reassign T-9, C-7 from Ana García to Luis García, Marta García' });
    expect(seen.get('x-rebalance')).toMatchObject({ rule: 'rebalance', severity: 'warning', suggestion: '→ Move Jon García from sales to billing' });
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
});

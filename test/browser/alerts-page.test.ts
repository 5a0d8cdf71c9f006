// The on-call lead's alerts page in real Chromium against a real server: a work queue grouped by queue and
// sorted by severity then age, counts on the state tabs, search and filters, acknowledge with a note and in
// bulk, "Resolve" as a snooze, silences, links to the board and the help desk, the notice when nothing is
// delivered, the board's `lang` and `tz`, and a phone layout (390×844) with every control on screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatLocal, type Alert, type Silence } from '@pulse/contracts';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

let t: TestPulse;
let browser: Browser;
const ZONE = 'Europe/Madrid';
const LINK = 'https://acme.zendesk.com/agent/tickets/';

beforeAll(async () => {
  t = await startTestPulse({
    timeZone: ZONE,
    queueNames: { returns: 'Returns & Exchanges' },
    helpdeskLinkTemplate: `${LINK}{id}`,
    workers: { live: true, history: false },
    alerts: { evaluateIntervalMs: 200 }, // no channel: nothing is delivered
  });
  const now = Date.now();
  const breach = (id: string, queue: string, i = 0) => ({
    id: `e-${id}`,
    type: 'ticket.created',
    ts: now - 16 * 60_000 - i * 1000,
    ticket_id: id,
    queue,
    channel: 'email',
    priority: 'urgent',
  });
  await postEvents(t.url, [
    { id: 'a-ana', type: 'agent.status_changed', ts: now - 3600_000, agent_id: 'agent-011', status: 'online', queues: ['returns'], name: 'Ana Ruiz' },
    { id: 'a-chl', type: 'agent.status_changed', ts: now - 3600_000, agent_id: 'agent-021', status: 'online', queues: ['returns'], name: 'Chloe Martin' },
    { id: 'a-bo', type: 'agent.status_changed', ts: now - 3600_000, agent_id: 'agent-017', status: 'online', queues: ['sales'], name: 'Bo Li' },
    { id: 'c-t1', type: 'ticket.created', ts: now - 600_000, ticket_id: 'rt-1', queue: 'returns', channel: 'email', priority: 'low', agent_id: 'agent-021' },
    { id: 'c-off', type: 'agent.status_changed', ts: now - 125_000, agent_id: 'agent-021', status: 'offline' },
    { id: 's-c1', type: 'chat.requested', ts: now - 130_000, chat_id: 'sc1', queue: 'sales' },
    ...Array.from({ length: 7 }, (_, i) => breach(`rb-${i + 1}`, 'returns', i)),
    breach('bb-1', 'billing'),
  ]);
  await eventually(
    async () => ((await getJson(t.url, '/v1/alerts')).body.alerts as Alert[]).map((a) => a.rule).sort(),
    (r) => r.join() === 'agent_stranded,queue_wait,sla_breach,sla_breach' || r.length > 4,
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

const api = async (): Promise<Alert[]> => (await getJson(t.url, '/v1/alerts')).body.alerts;
const find = async (rule: string, queue: string) => (await api()).find((a) => a.rule === rule && (a.scope.queue ?? '') === queue)!;
const card = (page: Page, id: string) => page.locator(`[data-testid="alert-row"][data-id="${id}"]`);
const open = async (viewport: { width: number; height: number }, query: string, token: string = TOKENS.lead) => {
  const page = await browser.newPage({ viewport });
  await page.goto(`${t.url}/alerts.html?token=${token}${query}`);
  await expect
    .poll(
      async () =>
        Number(
          await page
            .getByTestId('tab-all')
            .getByTestId('tab-count')
            .textContent()
            .catch(() => '0'),
        ),
      { timeout: 10_000 },
    )
    .toBeGreaterThanOrEqual(4);
  await expect.poll(() => page.getByTestId('alert-row').count(), { timeout: 10_000 }).toBeGreaterThan(0);
  return page;
};

describe('the lead’s work queue', () => {
  it('groups by queue, critical then oldest first, with counts on the tabs and a notice that nothing is delivered', async () => {
    const page = await open({ width: 1280, height: 900 }, '&lang=en');
    await expect.poll(() => page.getByTestId('no-channels').textContent()).toMatch(/^No delivery channel is configured/);
    const alerts = await api();
    const count = async (tab: string) => Number(await page.getByTestId(`tab-${tab}`).getByTestId('tab-count').textContent());
    expect(await count('open')).toBe(alerts.filter((a) => a.state === 'firing' || a.state === 'acknowledged').length);
    expect(await count('all')).toBe(alerts.length);

    const groups = await page.getByTestId('queue-group').evaluateAll((els) =>
      els.map((g) => ({
        queue: g.getAttribute('data-queue'),
        heading: g.querySelector('h2 span')!.textContent,
        rows: [...g.querySelectorAll('[data-testid="alert-row"]')].map((r) => [r.getAttribute('data-rule'), r.getAttribute('data-severity')]),
      })),
    );
    // critical queues first; the warning-only queue last
    expect(groups.map((g) => g.queue).sort()).toEqual(['billing', 'returns', 'sales']);
    expect(groups.at(-1)).toEqual({ queue: 'sales', heading: 'sales', rows: [['queue_wait', 'warning']] });
    const returns = groups.find((g) => g.queue === 'returns')!;
    expect(returns.heading).toBe('Returns & Exchanges');
    const rs = [await find('sla_breach', 'returns'), (await api()).find((a) => a.rule === 'agent_stranded')!];
    rs.sort((a, b) => Date.parse(a.started_at) - Date.parse(b.started_at) || (a.id < b.id ? -1 : 1));
    expect(returns.rows).toEqual(rs.map((a) => [a.rule, 'critical']));
    await page.screenshot({ path: `${ARTIFACTS}alerts-page.png`, fullPage: true });
  });

  it('shows a roll-up’s tickets as help-desk links and a suggestion per ticket, by name', async () => {
    const page = await open({ width: 1280, height: 900 }, '&lang=en');
    const rollup = card(page, (await find('sla_breach', 'returns')).id);
    expect(await rollup.getByTestId('alert-title').textContent()).toMatch(/^Returns & Exchanges: 7 first replies breached, oldest 1 min( \d+ s)?$/);
    expect(await rollup.getByTestId('item-link').count()).toBe(5);
    await rollup.getByTestId('show-all').click();
    const hrefs = await rollup.getByTestId('item-link').evaluateAll((els) => els.map((e) => e.getAttribute('href')));
    expect(hrefs).toEqual([7, 6, 5, 4, 3, 2, 1].map((i) => `${LINK}rb-${i}`));

    const stranded = card(page, (await api()).find((a) => a.rule === 'agent_stranded')!.id);
    expect(await stranded.getByTestId('alert-title').textContent()).toBe('Chloe Martin is offline holding 1 ticket with open SLA targets');
    expect(await stranded.getByTestId('suggestion-line').allTextContents()).toEqual(['Ticket rt-1 (Returns & Exchanges) → Ana Ruiz']);
    expect(await stranded.getByTestId('suggestion').getByTestId('item-link').getAttribute('href')).toBe(`${LINK}rt-1`);
    expect(await stranded.getByTestId('board-link').getAttribute('href')).toBe(`/?token=${TOKENS.lead}&lang=en&queue=returns`);
    expect(await page.locator('main').textContent()).not.toMatch(/agent-0\d\d|\d{4}-\d\d-\d\dT/);
  });

  it('searches and filters by queue, rule and agent', async () => {
    const page = await open({ width: 1280, height: 900 }, '&lang=en');
    const rules = async () => (await page.getByTestId('alert-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')))).sort();
    await page.getByTestId('search').fill('chloe');
    await expect.poll(rules).toEqual(['agent_stranded']);
    await page.getByTestId('search').fill('rb-3');
    await expect.poll(rules).toEqual(['sla_breach']);
    await page.getByTestId('search').fill('');
    await page.getByTestId('filter-rule').selectOption('sla_breach');
    await expect.poll(rules).toEqual(['sla_breach', 'sla_breach']);
    await page.getByTestId('filter-queue').selectOption('billing');
    await expect.poll(rules).toEqual(['sla_breach']);
    await page.getByTestId('filter-rule').selectOption('');
    await page.getByTestId('filter-queue').selectOption('');
    await page.getByTestId('filter-agent').selectOption({ label: 'Chloe Martin' });
    await expect.poll(rules).toEqual(['agent_stranded']);
  });

  it('acknowledges one alert with a note, and several at once', async () => {
    const page = await open({ width: 1280, height: 900 }, '&lang=en');
    const billing = await find('sla_breach', 'billing');
    const row = card(page, billing.id);
    await row.getByTestId('ack').click();
    await row.getByTestId('ack-note').fill('Calling the customer back');
    await row.getByTestId('ack-confirm').click();
    await expect.poll(async () => (await find('sla_breach', 'billing')).state).toBe('acknowledged');
    expect(await find('sla_breach', 'billing')).toMatchObject({ acknowledged_by: 'lead', ack_note: 'Calling the customer back' });
    await expect.poll(() => row.getByTestId('alert-meta').textContent()).toContain('“Calling the customer back”');

    const sales = await find('queue_wait', 'sales');
    const returns = await find('sla_breach', 'returns');
    await card(page, sales.id).getByTestId('select').check();
    await card(page, returns.id).getByTestId('select').check();
    await expect.poll(() => page.getByTestId('bulk-ack').textContent()).toBe('Acknowledge 2 selected');
    await page.getByTestId('bulk-note').fill('On it');
    await page.getByTestId('bulk-ack').click();
    await expect
      .poll(async () => [(await find('queue_wait', 'sales')).state, (await find('sla_breach', 'returns')).state])
      .toEqual(['acknowledged', 'acknowledged']);
    expect((await find('queue_wait', 'sales')).ack_note).toBe('On it');
  });

  it('turns "Resolve" into a 15-minute snooze while the condition holds', async () => {
    const page = await open({ width: 1280, height: 900 }, '&lang=en');
    const a = (await api()).find((x) => x.rule === 'agent_stranded')!;
    const before = Date.now();
    await card(page, a.id).getByTestId('resolve').click();
    const snoozed = await eventually(
      async () => (await api()).find((x) => x.id === a.id)!,
      (x) => x.state === 'snoozed',
      5000,
    );
    expect(Date.parse(snoozed.snoozed_until!) - before).toBeGreaterThanOrEqual(15 * 60_000);
    expect(Date.parse(snoozed.snoozed_until!) - before).toBeLessThan(15 * 60_000 + 5000);
    await page.getByTestId('tab-snoozed').click();
    await expect.poll(() => card(page, a.id).getAttribute('data-state')).toBe('snoozed');
    expect(await card(page, a.id).getByTestId('alert-meta').textContent()).toContain(
      `snoozed until ${formatLocal(Date.parse(snoozed.snoozed_until!), { lang: 'en', timeZone: ZONE, now: Date.now() })}`,
    );
  });

  it('adds a silence for a queue with a reason, lists it and removes it', async () => {
    const page = await open({ width: 1280, height: 900 }, '&lang=en');
    await page.getByTestId('silence-queue').selectOption('returns');
    await page.getByTestId('silence-duration').selectOption('4h');
    await page.getByTestId('silence-reason').fill('Warehouse stocktake');
    await page.getByTestId('silence-add').click();
    await expect.poll(() => page.getByTestId('silence').count()).toBe(1);
    const [s] = (await getJson(t.url, '/v1/alerts/silences', TOKENS.lead)).body.silences as Silence[];
    expect(s).toMatchObject({ queue: 'returns', reason: 'Warehouse stocktake', created_by: 'lead' });
    expect(Date.parse(s!.ends_at) - Date.now()).toBeGreaterThan(4 * 3600_000 - 60_000);
    expect(await page.getByTestId('silence').textContent()).toContain(
      `Returns & Exchanges · until ${formatLocal(Date.parse(s!.ends_at), { lang: 'en', timeZone: ZONE, now: Date.now() })} · by lead: Warehouse stocktake`,
    );
    await page.getByTestId('silence-remove').click();
    await expect.poll(() => page.getByTestId('silence').count()).toBe(0);
    expect((await getJson(t.url, '/v1/alerts/silences', TOKENS.lead)).body.silences).toEqual([]);
  });
});

describe('snoozes and silences from the page', () => {
  it('snoozes for 1 h, then until the shift ends, from the card’s buttons', async () => {
    const page = await open({ width: 1280, height: 900 }, '&lang=en');
    const a = await find('sla_breach', 'billing');
    const before = Date.now();
    await card(page, a.id).getByTestId('snooze-1h').click();
    const hour = await eventually(
      async () => (await api()).find((x) => x.id === a.id)!,
      (x) => x.state === 'snoozed',
      5000,
    );
    expect(Date.parse(hour.snoozed_until!) - before).toBeGreaterThanOrEqual(3600_000);
    expect(Date.parse(hour.snoozed_until!) - before).toBeLessThan(3600_000 + 5000);
    await page.getByTestId('tab-snoozed').click();
    const shiftEnd = (await getJson(t.url, '/v1/alerts/settings')).body.shift_end as string;
    const shift = card(page, a.id).getByTestId('snooze-shift');
    // the button names the shift's end in the page's zone
    expect(await shift.textContent()).toContain(formatLocal(Date.parse(shiftEnd), { lang: 'en', timeZone: ZONE, now: Date.now() }).split(',')[0]);
    await shift.click();
    await expect.poll(async () => (await api()).find((x) => x.id === a.id)!.snoozed_until, { timeout: 5000 }).toBe(shiftEnd);
    await expect
      .poll(() => card(page, a.id).getByTestId('alert-meta').textContent())
      .toContain(`snoozed until ${formatLocal(Date.parse(shiftEnd), { lang: 'en', timeZone: ZONE, now: Date.now() })}`);
  });

  it('adds silences by rule and by agent, lists them by name and removes them', async () => {
    const page = await open({ width: 1280, height: 900 }, '&lang=en');
    await page.getByTestId('silence-rule').selectOption('queue_wait');
    await page.getByTestId('silence-duration').selectOption('4h');
    await page.getByTestId('silence-reason').fill('Campaign launch');
    await page.getByTestId('silence-add').click();
    await expect.poll(() => page.getByTestId('silence').count()).toBe(1);
    await page.getByTestId('silence-agent').selectOption({ label: 'Ana Ruiz' });
    await page.getByTestId('silence-reason').fill('Training');
    await page.getByTestId('silence-add').click();
    await expect.poll(() => page.getByTestId('silence').count()).toBe(2);
    const listed = (await getJson(t.url, '/v1/alerts/silences', TOKENS.lead)).body.silences as Silence[];
    const byReason = (r: string) => listed.find((x) => x.reason === r)!;
    // the rule stays chosen on the form: the second silence matches the agent within that rule
    expect(byReason('Campaign launch')).toMatchObject({ rule: 'queue_wait', created_by: 'lead' });
    expect(byReason('Campaign launch').agent_id).toBeUndefined();
    expect(byReason('Training')).toMatchObject({ agent_id: 'agent-011', created_by: 'lead' });
    const texts = await page.getByTestId('silence').allTextContents();
    const until = (x: Silence) => formatLocal(Date.parse(x.ends_at), { lang: 'en', timeZone: ZONE, now: Date.now() });
    expect(texts.some((x) => x.includes(`Long wait · until ${until(byReason('Campaign launch'))} · by lead: Campaign launch`))).toBe(true);
    expect(texts.some((x) => x.includes('Ana Ruiz') && x.includes('Training'))).toBe(true);
    expect(texts.join(' ')).not.toContain('agent-011');
    await page.getByTestId('silence-remove').first().click();
    await expect.poll(() => page.getByTestId('silence').count()).toBe(1);
    await page.getByTestId('silence-remove').first().click();
    await expect.poll(() => page.getByTestId('silence').count()).toBe(0);
    expect((await getJson(t.url, '/v1/alerts/silences', TOKENS.lead)).body.silences).toEqual([]);
  });
});

describe('on a phone, in Spanish, in another time zone', () => {
  it('fits 390×844 with every control on screen and follows lang and tz', async () => {
    const page = await open({ width: 390, height: 844 }, '&lang=es&tz=America/Mexico_City');
    await page.getByTestId('tab-all').click();
    await expect.poll(() => page.getByTestId('tab-open').textContent()).toMatch(/^Abiertas \d+$/);
    expect(await page.getByTestId('zone').textContent()).toBe('Horas en America/Mexico_City (GMT-6)');
    expect(await page.getByTestId('no-deliveries').textContent()).toBe('Todavía no se ha enviado nada.');
    const rollup = card(page, (await find('sla_breach', 'returns')).id);
    expect(await rollup.getByTestId('alert-title').textContent()).toMatch(
      /^Returns & Exchanges: 7 primeras respuestas incumplidas, la más antigua con 1 min( \d+ s)? de retraso$/,
    );
    const started = (await find('sla_breach', 'returns')).started_at;
    expect(await rollup.getByTestId('alert-meta').textContent()).toContain(
      formatLocal(Date.parse(started), { lang: 'es', timeZone: 'America/Mexico_City', now: Date.now() }),
    );

    // nothing wider than the screen; every button, link, field and checkbox within it
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const outside = await page.locator('button, a, input, select').evaluateAll((els) =>
      els
        .map((e) => ({ e, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && (r.left < 0 || r.right > 390))
        .map(({ e, r }) => `${e.tagName} ${e.textContent?.trim().slice(0, 30)} ${Math.round(r.left)}–${Math.round(r.right)}`),
    );
    expect(outside).toEqual([]);
    const small = await page.locator('.alert-actions button').evaluateAll((els) => els.filter((e) => e.getBoundingClientRect().height < 40).length);
    expect(small).toBe(0);
    await page.screenshot({ path: `${ARTIFACTS}alerts-phone-390x844.png` });
    await page.screenshot({ path: `${ARTIFACTS}alerts-phone-390x844-full.png`, fullPage: true });

    // the last card's Resolve, scrolled to and pressed with the page at phone size
    const pending = (await api()).filter((a) => a.state === 'firing' || a.state === 'acknowledged');
    const last = pending.at(-1)!;
    const resolve = card(page, last.id).getByTestId('resolve');
    await resolve.scrollIntoViewIfNeeded();
    const box = (await resolve.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(390);
    await resolve.click();
    await expect.poll(async () => (await api()).find((a) => a.id === last.id)!.state, { timeout: 5000 }).not.toBe(last.state);
  });
});

describe('a reader who may not act', () => {
  it('shows the queue read-only to a viewer token, saying why', async () => {
    const page = await open({ width: 1280, height: 900 }, '', TOKENS.viewer);
    await expect.poll(() => page.getByTestId('read-only').textContent(), { timeout: 10_000 }).toMatch(/needs lead/);
    expect(await page.getByTestId('ack').count()).toBe(0);
    expect(await page.getByTestId('resolve').count()).toBe(0);
  });
});

describe('a long suggestion', () => {
  it('shows the first 5 per-ticket lines of an agent holding 7 tickets, and all 7 on request', async () => {
    const now = Date.now();
    const tickets = Array.from({ length: 7 }, (_, i) => `care-${i + 1}`);
    await postEvents(t.url, [
      { id: 'd-ines', type: 'agent.status_changed', ts: now - 3600_000, agent_id: 'agent-040', status: 'online', queues: ['care'], name: 'Inés Roca' },
      { id: 'd-dev', type: 'agent.status_changed', ts: now - 3600_000, agent_id: 'agent-041', status: 'online', queues: ['care'], name: 'Dev Patel' },
      ...tickets.map((id, i) => ({
        id: `d-${id}`,
        type: 'ticket.created',
        ts: now - 600_000 + i,
        ticket_id: id,
        queue: 'care',
        channel: 'email',
        priority: 'low',
        agent_id: 'agent-041',
      })),
      { id: 'd-off', type: 'agent.status_changed', ts: now - 125_000, agent_id: 'agent-041', status: 'offline' },
    ]);
    const a = await eventually(
      async () => (await api()).find((x) => x.rule === 'agent_stranded' && x.scope.agent_id === 'agent-041'),
      (x) => x !== undefined,
      10_000,
    );
    const page = await open({ width: 1280, height: 900 }, '&lang=en');
    const row = card(page, a!.id);
    expect(await row.getByTestId('alert-title').textContent()).toBe('Dev Patel is offline holding 7 tickets with open SLA targets');
    const lines = row.getByTestId('suggestion-line');
    expect(await lines.allTextContents()).toEqual(tickets.slice(0, 5).map((id) => `Ticket ${id} (care) → Inés Roca`));
    await row.getByTestId('show-all-suggestions').click();
    await expect.poll(() => lines.count()).toBe(7);
    expect(await lines.nth(6).textContent()).toBe('Ticket care-7 (care) → Inés Roca');
    expect(await row.getByTestId('show-all-suggestions').textContent()).toBe('Show fewer');
  });
});

// The trends page for the Monday review, in real Chromium against a real server, on a simulated history of
// two weeks in Madrid time with every figure worked out by hand: the headline row with its changes and
// sample sizes, a heatmap cell, the drill-down behind a point, the filters, "no data" and "not
// applicable", the agent table, comparison alignment, the URL and the Spanish page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { localDate, localToInstant } from '@pulse/metrics';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { eventually, getJson, postEvents, startTestPulse, TOKENS, type TestPulse } from '../support/pulse.ts';

const TZ = 'Europe/Madrid';
const DAY = 86_400_000;
let t: TestPulse;
let browser: Browser;
const problems: string[] = [];

/** Local midnight of the Monday of last week (the week before the current one), and dates around it. */
const today = localDate(Date.now(), TZ);
const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7; // 0 = Monday
const dateAt = (offsetDays: number) => new Date(Date.parse(`${today}T12:00:00Z`) + offsetDays * DAY).toISOString().slice(0, 10);
const lastMonday = dateAt(-weekday - 7);
const prevMonday = dateAt(-weekday - 14);
const lastSunday = dateAt(-weekday - 1);
/** An instant of last week (week 0) or the week before (week −1): day 0 = Monday, local time "HH:MM:SS". */
const at = (week: 0 | -1, day: number, time: string) => {
  const date = new Date(Date.parse(`${week === 0 ? lastMonday : prevMonday}T12:00:00Z`) + day * DAY).toISOString().slice(0, 10);
  const [hh, mm, ss] = time.split(':');
  return localToInstant(date, `${hh}:${mm}`, TZ) + Number(ss ?? 0) * 1000;
};

function chat(
  id: string,
  queue: string,
  week: 0 | -1,
  day: number,
  requested: string,
  outcome: { answered?: [string, string]; abandoned?: string; ended?: string; rating?: [string, number] },
) {
  const e: Record<string, unknown>[] = [{ id: `${id}-r`, type: 'chat.requested', ts: at(week, day, requested), chat_id: id, queue }];
  if (outcome.answered) e.push({ id: `${id}-a`, type: 'chat.answered', ts: at(week, day, outcome.answered[0]), chat_id: id, agent_id: outcome.answered[1] });
  if (outcome.abandoned) e.push({ id: `${id}-x`, type: 'chat.abandoned', ts: at(week, day, outcome.abandoned), chat_id: id });
  if (outcome.ended) e.push({ id: `${id}-e`, type: 'chat.ended', ts: at(week, day, outcome.ended), chat_id: id });
  if (outcome.rating) e.push({ id: `${id}-s`, type: 'csat.rated', ts: at(week, day, outcome.rating[0]), chat_id: id, rating: outcome.rating[1] });
  return e;
}

function ticket(
  id: string,
  queue: string,
  channel: string,
  priority: string,
  agent: string,
  week: 0 | -1,
  day: number,
  created: string,
  replied: string,
  solved: string,
) {
  return [
    { id: `${id}-c`, type: 'ticket.created', ts: at(week, day, created), ticket_id: id, queue, channel, priority, agent_id: agent },
    { id: `${id}-r`, type: 'ticket.agent_replied', ts: at(week, day, replied), ticket_id: id, agent_id: agent },
    { id: `${id}-s`, type: 'ticket.status_changed', ts: at(week, day, solved), ticket_id: id, status: 'solved' },
  ];
}

// Last week, all in Madrid time (chat T = 30 s):
// Monday 10:00–11:00, Billing: c-101 waits 10 s (Ana, handled 300 s), c-102 waits 40 s (Bruno, 600 s),
//   c-103 abandoned after 60 s, c-104 waits 20 s (Ana, 180 s, rated 5).
// Wednesday 14:00, Sales: c-105 waits 5 s (Bruno, 120 s, rated 2), c-106 waits 15 s (Bruno, 240 s).
// Tuesday: ticket t-201 (Billing, email, normal, Ana): first reply after 30 min, solved: 2 targets met.
// Thursday: ticket t-202 (Sales, web, high, Bruno): first reply after 2 h (target 60 min: breached at
//   10:00), solved at 12:00 (resolution met).
// → offered 6, SL 4 of 6 = 66.7 %, ASA (10+40+20+5+15)/5 = 18.0 s, abandon 1/6 = 16.7 %,
//   AHT (300+600+180+120+240)/5 = 288 s = 4.8 min, CSAT 1 of 2 = 50.0 %, created 2, solved 2,
//   FRT (1,800+7,200)/2 = 4,500 s = 1.3 h, SLA 3 met of 4 = 75.0 %.
// The week before: Monday 10:00 Billing: p-101 waits 10 s (Ana, 600 s), p-102 waits 25 s (Bruno, 600 s);
//   Tuesday ticket p-201 (Billing, email, normal, Ana): first reply after 1 h, solved: 2 targets met.
// → offered 2, SL 100.0 %, ASA 17.5 s, abandon 0.0 %, AHT 10.0 min, CSAT none, created 1, solved 1,
//   FRT 1.0 h, SLA 100.0 %.
const EVENTS = [
  ...[0, -1].flatMap((week) => [
    {
      id: `a1-on${week}`,
      type: 'agent.status_changed',
      ts: at(week as 0 | -1, 0, '08:00'),
      agent_id: 'a1',
      status: 'online',
      name: 'Ana Ruiz',
      queues: ['billing'],
    },
    {
      id: `a2-on${week}`,
      type: 'agent.status_changed',
      ts: at(week as 0 | -1, 0, '08:00'),
      agent_id: 'a2',
      status: 'online',
      name: 'Bruno Díaz',
      queues: ['billing', 'sales'],
    },
    { id: `a1-off${week}`, type: 'agent.status_changed', ts: at(week as 0 | -1, 4, '18:00'), agent_id: 'a1', status: 'offline' },
    { id: `a2-off${week}`, type: 'agent.status_changed', ts: at(week as 0 | -1, 4, '18:00'), agent_id: 'a2', status: 'offline' },
  ]),
  ...chat('c-101', 'billing', 0, 0, '10:00:00', { answered: ['10:00:10', 'a1'], ended: '10:05:10' }),
  ...chat('c-102', 'billing', 0, 0, '10:10:00', { answered: ['10:10:40', 'a2'], ended: '10:20:40' }),
  ...chat('c-103', 'billing', 0, 0, '10:20:00', { abandoned: '10:21:00' }),
  ...chat('c-104', 'billing', 0, 0, '10:30:00', { answered: ['10:30:20', 'a1'], ended: '10:33:20', rating: ['10:34:00', 5] }),
  ...chat('c-105', 'sales', 0, 2, '14:00:00', { answered: ['14:00:05', 'a2'], ended: '14:02:05', rating: ['14:03:00', 2] }),
  ...chat('c-106', 'sales', 0, 2, '14:10:00', { answered: ['14:10:15', 'a2'], ended: '14:14:15' }),
  ...ticket('t-201', 'billing', 'email', 'normal', 'a1', 0, 1, '09:00', '09:30', '11:00'),
  ...ticket('t-202', 'sales', 'web', 'high', 'a2', 0, 3, '09:00', '11:00', '12:00'),
  ...chat('p-101', 'billing', -1, 0, '10:00:00', { answered: ['10:00:10', 'a1'], ended: '10:10:10' }),
  ...chat('p-102', 'billing', -1, 0, '10:05:00', { answered: ['10:05:25', 'a2'], ended: '10:15:25' }),
  ...ticket('p-201', 'billing', 'email', 'normal', 'a1', -1, 1, '09:00', '10:00', '12:00'),
];

beforeAll(async () => {
  t = await startTestPulse({
    alerts: { enabled: false },
    timeZone: TZ,
    queueNames: { billing: 'Billing', sales: 'Sales' },
    helpdeskLinkTemplate: 'https://acme.zendesk.com/agent/tickets/{number}',
  });
  expect((await postEvents(t.url, EVENTS)).body.accepted).toBe(EVENTS.length);
  const from = at(-1, 0, '00:00');
  const to = at(0, 6, '23:59');
  await eventually(
    async () => {
      const [items, series] = await Promise.all([
        getJson(t.url, `/v1/history/items?from=${from}&to=${to}`, TOKENS.manager),
        getJson(t.url, `/v1/history/series?from=${from}&to=${to}&interval=1w&tz=${TZ}&metrics=offered,sla_achievement_pct`, TOKENS.manager),
      ]);
      return { items: items.body.items?.length ?? 0, points: series.body.series?.[0]?.points ?? [] };
    },
    (v) => v.items === 11 && v.points.length === 2 && v.points[1].offered === 6 && v.points[1].sla_achievement_pct === 75,
    30_000,
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await t?.close();
});

async function open(params: string, viewport = { width: 1920, height: 1080 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
  });
  await page.goto(`${t.url}/trends.html?token=${TOKENS.manager}&${params}`);
  await settled(page);
  return page;
}

/** Waits until nothing on the page is loading. */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid="kpi"]', { timeout: 20_000 });
  await page.waitForFunction(
    () =>
      !document.querySelector('[aria-busy="true"], [data-state="loading"]') &&
      !document.body.textContent?.includes('Loading…') &&
      !document.body.textContent?.includes('Cargando…'),
    null,
    {
      timeout: 20_000,
    },
  );
}

/** The headline row as [metric, value, change, sample]. */
function headline(page: Page) {
  return page
    .getByTestId('kpi')
    .evaluateAll((els) =>
      els.map((e) => [
        e.getAttribute('data-metric'),
        e.querySelector('[data-testid="kpi-value"]')?.textContent,
        e.querySelector('[data-testid="kpi-change"]')?.textContent ?? null,
        e.querySelector('[data-testid="kpi-sample"]')?.textContent ?? null,
      ]),
    );
}

const chartStates = (page: Page) =>
  page.getByTestId('trend-chart').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-chart'), e.getAttribute('data-state')])));

describe('the headline row', () => {
  it("gives last week's figures in plain units, the change against the week before, and small sample sizes", async () => {
    const page = await open('range=lastweek&lang=en');
    expect(await headline(page)).toEqual([
      ['offered', '6', '+200.0% vs 2', null],
      ['service_level_pct', '66.7%', '−33.3 pts vs 100.0%', '6 chats'],
      ['asa_s', '18.0 s', '+0.5 s vs 17.5 s', '5 chats answered'],
      ['abandon_rate_pct', '16.7%', '+16.7 pts vs 0.0%', '6 chats'],
      ['aht_s', '4.8 min', '−5.2 min vs 10.0 min', '5 chats handled'],
      ['csat_pct', '50.0%', null, '2 responses'],
      ['created', '2', '+100.0% vs 1', null],
      ['solved', '2', '+100.0% vs 1', null],
      ['frt_avg_s', '1.3 h', '+15.0 min vs 1.0 h', '2 tickets'],
      ['sla_achievement_pct', '75.0%', '−25.0 pts vs 100.0%', '4 targets'],
    ]);
    // worse is red, better green, whichever way the number moves
    const tone = (m: string) => page.locator(`[data-metric="${m}"] [data-testid="kpi-change"]`).getAttribute('class');
    expect(await tone('service_level_pct')).toContain('worse');
    expect(await tone('aht_s')).toContain('neutral');
    expect(await tone('asa_s')).toContain('worse');
    expect(await page.getByTestId('compare-label').getAttribute('data-from')).toBe(new Date(at(-1, 0, '00:00')).toISOString());
    expect(await page.getByTestId('period-label').textContent()).toContain('Times in Europe/Madrid');

    // tooltips in human units: Monday's speed of answer (10+40+20)/3 s, and the Monday before (10+25)/2 s
    const asa = (await page.locator('[data-chart="asa"] .recharts-cartesian-grid').boundingBox())!;
    await page.mouse.move(asa.x + 10, asa.y + asa.height / 2);
    await expect.poll(() => page.locator('[data-chart="asa"] .recharts-tooltip-wrapper').textContent(), { timeout: 5_000 }).toContain('23.3 s');
    const tip = (await page.locator('[data-chart="asa"] .recharts-tooltip-wrapper').textContent())!;
    expect(tip).toContain('17.5 s');
    expect(tip).not.toMatch(/\d\.\d{2,}/);

    // every chart has a legend naming its lines and the comparison period
    const legend = await page.locator('[data-chart="volume"] [data-testid="legend"]').textContent();
    expect(legend).toContain('Chats offered');
    expect(legend).toContain('Tickets created');
    expect(legend).toContain('Dashed:');
    // and its axis in human units: first reply time in hours, not 7,200 seconds
    const ticks = await page.locator('[data-chart="frt"] .recharts-cartesian-axis-tick-value[orientation="left"]').allTextContents();
    expect(ticks).toEqual(['0 h', '0.5 h', '1 h', '1.5 h', '2 h']);
    await page.close();
  });

  it('speaks Spanish with the URL’s lang', async () => {
    const page = await open('range=lastweek&lang=es');
    const rows = await headline(page);
    // Spanish puts a no-break space before the percent sign
    expect(rows[1]).toEqual(['service_level_pct', '66,7\u00a0%', '−33,3 p. p. frente a 100,0\u00a0%', '6 chats']);
    expect(await page.locator('[data-metric="service_level_pct"] .kpi-label').textContent()).toBe('Nivel de servicio');
    expect(await page.getByTestId('nav-board').textContent()).toBe('Panel');
    await page.screenshot({ path: `${ARTIFACTS}trends-es-1920x1080.png` });
    await page.close();
  });
});

describe('the staffing heatmap', () => {
  it('gives chats offered per hour and service level per weekday and hour over the chosen weeks', async () => {
    const page = await open(`range=custom&from=${prevMonday}&to=${lastSunday}&lang=en`);
    // Monday 10:00 over two Mondays: 4 + 2 chats offered = 3 per hour; within 30 s 2 + 2 of 5 answered + 1 abandoned late
    const cell = (grid: string) => page.locator(`[data-testid="heat-${grid}"] [data-testid="heat-cell"][data-weekday="1"][data-hour="10"]`);
    expect(await cell('offered').textContent()).toBe('3');
    expect(await cell('sl').textContent()).toBe('67%');
    expect(await cell('offered').getAttribute('title')).toBe('Monday 10:00: 6 chats offered over 2 hours (3 per hour), service level 66.7%');
    // Wednesday 14:00: only last week, 2 chats both within 30 s
    const wed = page.locator('[data-testid="heat-sl"] [data-testid="heat-cell"][data-weekday="3"][data-hour="14"]');
    expect(await wed.textContent()).toBe('100%');
    await page.close();
  });
});

describe('drill-down, filters and agents', () => {
  it('lists exactly the chats offered behind a service-level point, with names, local times and help-desk links', async () => {
    const page = await open('range=lastweek&lang=en');
    const box = (await page.locator('[data-chart="service_level"] .recharts-cartesian-grid').boundingBox())!;
    // Monday is the first of seven daily points, at the left edge of the plot
    await page.mouse.move(box.x + 10, box.y + box.height / 2);
    await page.mouse.click(box.x + 10, box.y + box.height / 2);
    await page.waitForSelector('[data-testid="drill-row"]', { timeout: 10_000 });
    expect(await page.getByTestId('drill-title').textContent()).toMatch(/^Service level 50\.0% · Mon/);
    expect(await page.getByTestId('drill-count').textContent()).toBe('4 chats offered in this interval (answered or abandoned)');
    const rows = await page.getByTestId('drill-row').evaluateAll((els) => els.map((e) => [...e.querySelectorAll('td')].map((td) => td.textContent)));
    expect(rows.map((r) => [r[0], r[1], r[2], r[3], r[4], r[5], r[10], r[11]])).toEqual([
      ['Chat', 'c-101', 'Billing', 'Chat', 'Ana Ruiz', 'Ended', '10.0 s', '5.0 min'],
      ['Chat', 'c-102', 'Billing', 'Chat', 'Bruno Díaz', 'Ended', '40.0 s', '10.0 min'],
      ['Chat', 'c-103', 'Billing', 'Chat', '—', 'Abandoned', '1.0 min', '—'],
      ['Chat', 'c-104', 'Billing', 'Chat', 'Ana Ruiz', 'Ended', '20.0 s', '3.0 min'],
    ]);
    // times are Madrid's: 10:00 there is 09:00 UTC
    expect(rows[0]![7]).toMatch(/, 10:00:00$/);
    expect(await page.getByTestId('helpdesk-link').first().getAttribute('href')).toBe('https://acme.zendesk.com/agent/tickets/101');
    expect(await page.getByTestId('drill-cap').count()).toBe(0);

    // the URL holds the view: opened afresh, it shows the same drill-down
    const again = await open(new URL(page.url()).search.slice(1));
    expect(await again.getByTestId('drill-row').count()).toBe(4);
    expect(await again.getByTestId('drill-count').textContent()).toBe('4 chats offered in this interval (answered or abandoned)');
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${ARTIFACTS}trends-1920x1080.png` });
    await page.screenshot({ path: `${ARTIFACTS}trends-full-1920.png`, fullPage: true });
    await again.close();
    await page.close();
  });

  it('offers the queues and channels by name, says "not applicable" where a channel has no such metric, and keeps it in the URL', async () => {
    const page = await open('range=lastweek&lang=en');
    await page.getByTestId('picker-queue').locator('summary').click();
    const queues = await page.getByTestId('option-queue').evaluateAll((els) => els.map((e) => e.parentElement!.textContent!.trim()));
    expect(queues).toEqual(['Billing', 'Sales']);
    await page.locator('[data-testid="option-queue"][data-value="sales"]').check();
    await settled(page);
    expect(new URL(page.url()).searchParams.getAll('queue')).toEqual(['sales']);
    expect((await headline(page)).find((r) => r[0] === 'offered')).toEqual(['offered', '2', null, null]);
    // the channel picker waits until the queue filter is cleared: history does not cross them
    expect(await page.getByTestId('picker-channel').locator('summary').getAttribute('aria-disabled')).toBe('true');
    // the list stays open while choosing
    await page.locator('[data-testid="option-queue"][data-value="sales"]').uncheck();
    await settled(page);

    await page.getByTestId('picker-channel').locator('summary').click();
    const channels = await page.getByTestId('option-channel').evaluateAll((els) => els.map((e) => e.parentElement!.textContent!.trim()));
    expect(channels).toEqual(['Chat', 'Email', 'Web']);
    await page.goto(`${t.url}/trends.html?token=${TOKENS.manager}&range=lastweek&lang=en&channel=voice`);
    await settled(page);
    const states = await chartStates(page);
    expect(states).toMatchObject({ frt: 'na', sla: 'na', fcr: 'na', service_level: 'empty', volume: 'empty' });
    expect(await page.locator('[data-chart="frt"] [data-testid="chart-notice"]').textContent()).toBe('Not applicable: Voice carries no tickets');
    await page.close();
  });

  it('sorts the agents by name and figures, and a click on one shows their own figures', async () => {
    const page = await open('range=lastweek&lang=en');
    const table = () => page.getByTestId('agent-row').evaluateAll((els) => els.map((e) => [...e.querySelectorAll('td')].map((td) => td.textContent)));
    // Ana: c-101, c-104 and t-201 (3), handle (300+180)/2 = 240 s; Bruno: c-102, c-105, c-106 and t-202 (4);
    // both online Monday 08:00 → Friday 18:00 = 106 h = 4.4 days
    expect(await table()).toEqual([
      ['Bruno Díaz', '4', '5.3 min', '2.0 h', '0.0% (1)', '1', '1', '50.0%', '4.4 d', '—'],
      ['Ana Ruiz', '3', '4.0 min', '30.0 min', '100.0% (1)', '2', '0', '100.0%', '4.4 d', '—'],
    ]);
    await page.getByTestId('sort-name').click();
    expect((await table()).map((r) => r[0])).toEqual(['Ana Ruiz', 'Bruno Díaz']);
    expect(new URL(page.url()).searchParams.get('sort')).toBe('name');

    await page.locator('[data-testid="agent-row"][data-agent="a2"]').click();
    await settled(page);
    expect(new URL(page.url()).searchParams.get('agent')).toBe('a2');
    expect(await page.getByTestId('agent-chip').textContent()).toBe('Agent: Bruno Díaz ✕');
    // an agent's own figures: handle time (600+120+240)/3 = 320 s, CSAT 0 of 1, first reply 2 h, SLA 1 of 2
    expect((await headline(page)).map((r) => r.slice(0, 2))).toEqual([
      ['aht_s', '5.3 min'],
      ['csat_pct', '0.0%'],
      ['solved', '1'],
      ['frt_avg_s', '2.0 h'],
      ['sla_achievement_pct', '50.0%'],
    ]);
    expect(await chartStates(page)).toMatchObject({ service_level: 'na', asa: 'na', aht: 'chart', frt: 'chart', volume: 'chart' });
    expect(await page.locator('[data-chart="volume"] [data-testid="legend"] li:not(.cmp)').allTextContents()).toEqual(['Tickets solved']);
    expect(await page.locator('[data-metric="csat_pct"] [data-testid="kpi-sample"]').textContent()).toBe('1 response');
    await page.waitForFunction(() => scrollY === 0);
    await page.screenshot({ path: `${ARTIFACTS}trends-agent-1920x1080.png` });
    const csv = await fetch(new URL((await page.getByTestId('csv-agents').getAttribute('href'))!, t.url));
    expect(csv.headers.get('content-disposition')).toContain(`filename="pulse-agents-${lastMonday}_${lastSunday}.csv"`);
    await page.close();
  });
});

describe('periods', () => {
  it('says "no data" where history holds none, never a zero line', async () => {
    const page = await open('range=custom&from=2026-01-05&to=2026-01-11&lang=en');
    expect(Object.values(await chartStates(page)).every((s) => s === 'empty')).toBe(true);
    expect(await page.locator('[data-chart="volume"] [data-testid="chart-notice"]').textContent()).toBe('No data for this period');
    expect((await headline(page))[0]).toEqual(['offered', '—', null, null]);
    await page.close();
  });

  it('disables the intervals a period cannot use', async () => {
    const page = await open('range=lastweek&lang=en');
    const options = await page
      .getByTestId('interval')
      .locator('option')
      .evaluateAll((els) => els.map((e) => [(e as HTMLOptionElement).value, (e as HTMLOptionElement).disabled]));
    // a week: 2,016 five-minute points are too many to read; a month is longer than the week
    expect(options).toEqual([
      ['5m', true],
      ['15m', false],
      ['1h', false],
      ['1d', false],
      ['1w', false],
      ['1mo', true],
    ]);
    await page.getByTestId('interval').selectOption('1w');
    await settled(page);
    expect(new URL(page.url()).searchParams.get('interval')).toBe('1w');
    expect((await headline(page))[0]).toEqual(['offered', '6', '+200.0% vs 2', null]);
    await page.close();
  });

  it('compares weeks on the same weekdays, and today with the same time yesterday or last week', async () => {
    const page = await open('range=30d&lang=en');
    const span = async (id: string) => {
      const el = page.getByTestId(id);
      return { from: Date.parse((await el.getAttribute('data-from'))!), to: Date.parse((await el.getAttribute('data-to'))!) };
    };
    let cur = await span('range-label');
    let cmp = await span('compare-label');
    // 30 days against the 30 days five weeks before: each point faces the same weekday
    expect(localDate(cmp.from, TZ)).toBe(new Date(Date.parse(`${localDate(cur.from, TZ)}T12:00:00Z`) - 35 * DAY).toISOString().slice(0, 10));
    expect(localDate(cmp.to, TZ)).toBe(new Date(Date.parse(`${localDate(cur.to, TZ)}T12:00:00Z`) - 35 * DAY).toISOString().slice(0, 10));
    await page.getByTestId('preset-today').click();
    await settled(page);
    cur = await span('range-label');
    cmp = await span('compare-label');
    // today until now against yesterday until the same time
    const clock = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
    expect(localDate(cmp.from, TZ)).toBe(dateAt(-1));
    expect(clock(cmp.from)).toBe('00:00');
    expect(clock(cmp.to)).toBe(clock(cur.to));
    await page.getByTestId('compare').selectOption('week');
    await settled(page);
    cmp = await span('compare-label');
    expect(localDate(cmp.from, TZ)).toBe(dateAt(-7));
    expect(new URL(page.url()).searchParams.get('compare')).toBe('week');
    await page.close();
  });

  it('links the board and the alerts page with the same token, language and time zone, and had no page errors', async () => {
    const page = await open('range=lastweek&lang=es&tz=Europe/Madrid');
    expect(await page.getByTestId('nav-board').getAttribute('href')).toBe(`/?token=${TOKENS.manager}&lang=es&tz=Europe%2FMadrid`);
    expect(await page.getByTestId('nav-alerts').getAttribute('href')).toBe(`/alerts.html?token=${TOKENS.manager}&lang=es&tz=Europe%2FMadrid`);
    await page.close();
    expect(problems).toEqual([]);
  });
});

// The demo as a supervisor sees it, from start through its scripted incident: `scripts/demo.ts` with a 2-day
// backfill, the live simulator continuing it at speed 12 (a simulated minute in 5 s) and a short incident
// (`billing@+3m/10mx8`: billing's chats ×8 for 10 simulated minutes from 3 minutes in, technical quiet meanwhile),
// given through the demo's own options and watched in Chromium at 1920×1080 and 3840×2160. A healthy floor,
// then billing in trouble while the others are not, then recovery; utilization never above 100 %; the 60-minute
// service level between 65 % and 95 % before the incident; no console errors and no failed request on either
// page. Screenshots of each phase and the sampled figures go to test/artifacts/.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { Snapshot } from '@pulse/contracts';
import { ARTIFACTS, launchChromium } from '../support/browser.ts';
import { startDemo, type Demo } from '../support/demo.ts';
import { RESOLUTIONS } from './helpers/board.ts';

const SPEED = 12;
const MIN = 60_000;
const TOKEN = 'dev-viewer-token';
/** Simulated minutes: the incident's start after the live start, its length, and how long recovery is watched. */
const INCIDENT_AT = 3;
const INCIDENT_FOR = 10;
const INCIDENT_FACTOR = 8;
const WATCH_AFTER = 7;

let demo: Demo;
let browser: Browser;

beforeAll(async () => {
  [demo, browser] = await Promise.all([
    startDemo(['--days', '2', '--speed', String(SPEED), '--incident', `billing@+${INCIDENT_AT}m/${INCIDENT_FOR}mx${INCIDENT_FACTOR}`]),
    launchChromium(),
  ]);
}, 150_000);
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

interface Reading {
  tiles: Record<string, { level: string | null; waiting: number }>;
  utilization: number | null;
}

function readTiles(page: Page): Promise<Reading> {
  return page.evaluate(() => {
    const tiles: Record<string, { level: string | null; waiting: number }> = {};
    for (const t of document.querySelectorAll('[data-testid="queue-tile"]')) {
      tiles[t.getAttribute('data-queue')!] = {
        level: t.getAttribute('data-level'),
        waiting: Number(t.querySelector('[data-testid="waiting"]')?.getAttribute('data-value') ?? NaN),
      };
    }
    const u = document.querySelector('[data-testid="total-utilization"]')?.getAttribute('data-value');
    return { tiles, utilization: u == null ? null : Number(u) };
  });
}

/** Requests of the test's own that failed (none expected; kept in the artifacts with the samples). */
const liveFailures: string[] = [];

/** GET /v1/live; a failure is recorded and the request made again once (the pages' own requests may not fail). */
async function live(): Promise<Snapshot> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${demo.url}/v1/live`, { headers: { authorization: `Bearer ${TOKEN}` } });
    if (res.ok) return (await res.json()) as Snapshot;
    liveFailures.push(`${new Date().toISOString()} GET /v1/live ${res.status} ${await res.text()}`);
    if (attempt >= 2) throw new Error(liveFailures.at(-1));
    await new Promise((r) => setTimeout(r, 1000));
  }
}

interface Sample {
  sim: string;
  phase: 'before' | 'during' | 'after';
  utilization: number | null;
  pageUtilization: number | null;
  sl60: number | null;
  billing: { waiting: number; longestWaitS: number; level: string | null };
  levels: Record<string, string | null>;
}

describe('the demo', () => {
  it(
    'shows a healthy floor, then billing in trouble during the incident, then recovery',
    async () => {
      const pages = await Promise.all(
        RESOLUTIONS.map(async (size) => {
          const page = await browser.newPage({ viewport: size });
          const problems: string[] = [];
          page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
          page.on('console', (m) => {
            if (m.type() === 'error' || m.type() === 'warning') problems.push(`console.${m.type()}: ${m.text()}`);
          });
          // which request failed, by URL (a console error says only "Failed to load resource")
          page.on('response', (r) => {
            if (r.status() >= 400) problems.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
          });
          page.on('requestfailed', (r) => problems.push(`${r.method()} ${new URL(r.url()).pathname} failed: ${r.failure()?.errorText}`));
          await page.goto(`${demo.url}/?token=${TOKEN}`);
          await expect.poll(() => page.getByTestId('queue-tile').count(), { timeout: 20_000 }).toBe(5);
          // The queues by their display names (the demo's `queueNames`), once the board config is in.
          await expect
            .poll(async () => (await page.locator('[data-testid="queue-tile"] .tile-name').allTextContents()).sort(), { timeout: 10_000 })
            .toEqual(['Billing', 'Returns', 'Sales', 'Technical', 'VIP']);
          return { page, size, problems };
        }),
      );
      const [hd] = pages;
      const spike = demo.state().incidents.find((i) => i.queue === 'billing')!;
      const lull = demo.state().incidents.find((i) => i.queue !== 'billing')!;
      expect(spike.end - spike.start).toBe(INCIDENT_FOR * MIN);
      expect(lull).toMatchObject({ queue: 'technical', end: spike.end });
      expect(lull.start).toBeLessThan(spike.start);

      const shoot = (phase: string) =>
        Promise.all(pages.map(({ page, size }) => page.screenshot({ path: `${ARTIFACTS}board-demo-${phase}-${size.width}x${size.height}.png` })));
      const samples: Sample[] = [];
      // with a failed request, the demo's own output (server warnings) goes to the artifacts too
      const failed = () => liveFailures.length > 0 || pages.some((p) => p.problems.length > 0);
      let shotHealthy = false;
      let peak = -1;
      // the whole story takes (INCIDENT_AT + INCIDENT_FOR + WATCH_AFTER) ÷ SPEED wall minutes; a loaded machine gets 1.5×
      const deadline = Date.now() + ((1.5 * (INCIDENT_AT + INCIDENT_FOR + WATCH_AFTER)) / SPEED) * MIN;
      for (;;) {
        const sim = demo.state().postedUntil;
        const phase = sim < spike.start ? 'before' : sim <= spike.end + 2 * MIN ? 'during' : 'after';
        const [snap, reading] = await Promise.all([live(), readTiles(hd!.page)]);
        const b = snap.queues.billing!;
        samples.push({
          sim: new Date(sim).toISOString(),
          phase,
          utilization: snap.overall.utilization_pct,
          pageUtilization: reading.utilization,
          sl60: snap.overall.windows['60m'].service_level_pct,
          billing: { waiting: b.waiting, longestWaitS: b.longest_wait_s, level: reading.tiles.billing?.level ?? null },
          levels: Object.fromEntries(Object.entries(reading.tiles).map(([q, t]) => [q, t.level])),
        });
        if (phase === 'before' && !shotHealthy) {
          await shoot('healthy');
          shotHealthy = true;
        }
        if (phase === 'during' && reading.tiles.billing!.waiting > peak) {
          peak = reading.tiles.billing!.waiting;
          await shoot('incident');
        }
        if (sim >= spike.end + WATCH_AFTER * MIN || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 1_500));
      }
      await shoot('recovered');
      writeFileSync(
        `${ARTIFACTS}board-demo.json`,
        JSON.stringify(
          { speed: SPEED, incident: spike, samples, liveFailures, problems: pages.map((p) => p.problems), ...(failed() ? { demoOutput: demo.output() } : {}) },
          null,
          2,
        ),
      );

      const of = (p: Sample['phase']) => samples.filter((s) => s.phase === p);
      expect(of('before').length).toBeGreaterThanOrEqual(3);
      expect(of('during').length).toBeGreaterThanOrEqual(8);
      expect(samples.at(-1)!.phase).toBe('after');
      // Utilization never above 100 %, on /v1/live and on the page.
      for (const s of samples) {
        expect(s.utilization ?? 0, s.sim).toBeLessThanOrEqual(100);
        expect(s.pageUtilization ?? 0, s.sim).toBeLessThanOrEqual(100);
      }
      // A healthy floor: a believable service level, nobody critical.
      for (const s of of('before')) {
        expect(s.sl60, s.sim).not.toBeNull();
        expect(s.sl60!, s.sim).toBeGreaterThanOrEqual(65);
        expect(s.sl60!, s.sim).toBeLessThanOrEqual(95);
        expect(Object.values(s.levels), s.sim).not.toContain('red');
      }
      // The incident: billing goes critical with chats piling up, and billing alone.
      const during = of('during');
      expect(Math.max(...during.map((s) => s.billing.waiting))).toBeGreaterThanOrEqual(10);
      expect(during.filter((s) => s.billing.level === 'red').length).toBeGreaterThanOrEqual(3);
      for (const s of during) for (const [q, level] of Object.entries(s.levels)) if (q !== 'billing') expect(level, `${s.sim} ${q}`).not.toBe('red');
      // Recovery: billing is back to a handful waiting and no longer critical.
      const last = samples.at(-1)!;
      expect(last.billing.level).not.toBe('red');
      expect(last.billing.waiting).toBeLessThan(5);
      for (const { problems } of pages) expect(problems).toEqual([]);
      expect(liveFailures).toEqual([]);
      await Promise.all(pages.map(({ page }) => page.close()));
    },
    4 * MIN,
  );
});

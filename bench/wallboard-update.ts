// Benchmark: the time the wall-board takes to apply one live update on a dense floor (40 queues, 300 agents):
// from the WebSocket message (its handler starting: JSON parse, react-query cache write, React render and commit)
// to the DOM showing it. Target: under 8 ms per update. Run: node --import tsx bench/wallboard-update.ts
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startBoardServer } from './board-server.ts';
import { PROBE } from './probe.ts';
import { initialSnapshot, nextSnapshot } from './synthetic-snapshot.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DIST = `${ROOT}packages/wallboard/dist`;
const UPDATES = Number(process.env.BENCH_UPDATES ?? 300);
const WARM_UP = 40;
// The server pushes at most 4 snapshots a second (coalesced), so 250 ms is the busiest real cadence.
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 250);
const TARGET_MS = 8;
const VIEWPORTS = [
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

if (!existsSync(`${DIST}/index.html`)) execFileSync('pnpm', ['--filter', '@pulse/wallboard', 'build'], { cwd: ROOT, stdio: 'inherit' });

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const round = (x: number) => Math.round(x * 100) / 100;

let snapshot = initialSnapshot();
const server = await startBoardServer(DIST, () => snapshot);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
});

const results = [];
for (const viewport of VIEWPORTS) {
  const page = await browser.newPage({ viewport });
  await page.addInitScript(PROBE);
  const client = server.nextClient();
  await page.goto(`${server.url}/?token=bench`);
  const ws = await client;
  await page.getByTestId('queue-tile').nth(39).waitFor();
  await page.waitForTimeout(1_000);
  for (let seq = 1_000; seq < 1_000 + WARM_UP + UPDATES; seq++) {
    snapshot = nextSnapshot(snapshot, INTERVAL_MS, seq);
    ws.send(`{"type":"snapshot","seq":${seq},"snapshot":${JSON.stringify(snapshot)}}`);
    await new Promise((r) => setTimeout(r, INTERVAL_MS));
  }
  await page.waitForTimeout(500);
  const { updates, missed } = await page.evaluate(() => (window as unknown as { __bench: { updates: { seq: number; ms: number }[]; missed: number } }).__bench);
  const ms = updates.filter((u) => u.seq >= 1_000 + WARM_UP).map((u) => u.ms);
  const bytes = JSON.stringify(snapshot).length;
  results.push({
    viewport: `${viewport.width}x${viewport.height}`,
    updates: ms.length,
    missed,
    message_kb: round(bytes / 1024),
    p50_ms: round(pct(ms, 50)),
    p95_ms: round(pct(ms, 95)),
    max_ms: round(Math.max(...ms)),
    mean_ms: round(ms.reduce((a, b) => a + b, 0) / ms.length),
    target_ms: TARGET_MS,
    p95_vs_target: round(pct(ms, 95) / TARGET_MS),
  });
  await page.close();
}
await browser.close();
await server.close();

const out = { benchmark: 'wallboard-update', at: new Date().toISOString(), queues: 40, agents: 300, interval_ms: INTERVAL_MS, results };
writeFileSync(`${ROOT}bench/results-wallboard.json`, `${JSON.stringify(out, null, 2)}\n`);
console.log(`wall-board update, 40 queues × 300 agents, ${UPDATES} updates each (message → DOM), target ${TARGET_MS} ms`);
console.table(
  results.map((r) => ({
    viewport: r.viewport,
    updates: r.updates,
    'msg KB': r.message_kb,
    'p50 ms': r.p50_ms,
    'p95 ms': r.p95_ms,
    'max ms': r.max_ms,
    'p95 / target': r.p95_vs_target,
  })),
);
console.log('written: bench/results-wallboard.json');

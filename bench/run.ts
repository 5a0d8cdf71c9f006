// `pnpm bench [case …]`: runs the benchmarks, prints a table, writes bench/results.json. Not tests: they
// measure, and compare with ceilings measured in the same run on the same (noisy, shared) machine.
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import type { Result } from './lib.ts';
import { ingestSingle } from './cases/ingest-single.ts';
import { ingestBatch } from './cases/ingest-batch.ts';
import { wsLatency } from './cases/ws-latency.ts';
import { wsFanout } from './cases/ws-fanout.ts';
import { wsBytes } from './cases/ws-bytes.ts';
import { snapshotBuild } from './cases/snapshot-build.ts';
import { rss } from './cases/rss.ts';
import { historyQueries } from './cases/history.ts';
import { historyFloor } from './cases/history-floor.ts';
import { singleBudget } from './cases/single-budget.ts';

const CASES: Record<string, () => Promise<Result[]>> = {
  'ingest-single': ingestSingle,
  'ingest-batch': ingestBatch,
  'ws-latency': wsLatency,
  'ws-fanout': wsFanout,
  'ws-bytes': wsBytes,
  'snapshot-build': snapshotBuild,
  history: historyQueries,
  rss,
  'history-floor': historyFloor,
  'single-budget': singleBudget,
};

const chosen = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = chosen.length > 0 ? chosen : Object.keys(CASES);
for (const n of names) if (!CASES[n]) throw new Error(`unknown case ${n}; cases: ${Object.keys(CASES).join(', ')}`);

const results: (Result & { case: string })[] = [];
for (const name of names) {
  process.stdout.write(`▶ ${name}…\n`);
  const started = Date.now();
  try {
    for (const r of await CASES[name]!()) results.push({ case: name, ...r });
  } catch (e) {
    results.push({ case: name, name: `${name} failed`, value: NaN, unit: '', notes: (e as Error).message });
  }
  process.stdout.write(`  done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

const fmt = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en') : v.toFixed(1)) : '—');
const rows = results.map((r) => [
  r.name,
  `${fmt(r.value)} ${r.unit}`,
  r.ceiling ? `${fmt(r.ceiling.value)} (${r.ceiling.name})` : '',
  r.ratio !== undefined ? r.ratio.toFixed(2) : '',
  r.target ?? '',
  r.met === undefined ? '' : r.met ? 'yes' : 'NO',
]);
const header = ['measure', 'value', 'ceiling (same run)', 'ratio', 'target', 'met'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' │ ');
process.stdout.write(`\n${line(header)}\n${widths.map((w) => '─'.repeat(w)).join('─┼─')}\n${rows.map(line).join('\n')}\n`);
for (const r of results) if (r.notes) process.stdout.write(`  · ${r.name}: ${r.notes}\n`);

const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memory_gib: Math.round(totalmem() / 2 ** 30), node: process.version };
writeFileSync(new URL('./results.json', import.meta.url), `${JSON.stringify({ at: new Date().toISOString(), machine, results }, null, 2)}\n`);
process.stdout.write('\nwritten: bench/results.json\n');

// Command line: `live` feeds a server in real time, `backfill` posts the past N days.
import { parseArgs } from 'node:util';
import { runBackfill, type BackfillProgress } from './backfill.ts';
import { HOUR, DAY } from './sim/calendar.ts';
import { runLive, type LiveProgress } from './live.ts';
import { buildWorld } from './world.ts';

const USAGE = `Usage:
  tsx src/cli.ts live     [options] [--speed 1] [--history-hours 0]
  tsx src/cli.ts backfill [options] --days 7

Options:
  --url URL            server base URL (default $PULSE_URL or http://localhost:8080)
  --token TOKEN        ingest token (default $PULSE_INGEST_TOKEN or dev-ingest)
  --seed N             random seed (default 1)
  --agents N           agents, 1..300 (default 24)
  --queues N           queues, 1..40 (default 5)
  --scale X            arrival-rate multiplier (default 1)
  --utc-offset MIN     the organisation's local time = UTC + MIN minutes (default 0)
live:
  --speed X            simulated seconds per second (default 1); ts stay on the wall clock
  --history-hours H    first simulate and post the last H hours, then go on live (default 0)
backfill:
  --days N             days to simulate and post, ending now (required)
`;

const fmt = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function num(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got '${v}'`);
  return n;
}

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      url: { type: 'string' },
      token: { type: 'string' },
      seed: { type: 'string' },
      agents: { type: 'string' },
      queues: { type: 'string' },
      scale: { type: 'string' },
      'utc-offset': { type: 'string' },
      speed: { type: 'string' },
      'history-hours': { type: 'string' },
      days: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || (command !== 'live' && command !== 'backfill')) {
    process.stdout.write(USAGE);
    if (!values.help) process.exitCode = 2;
    return;
  }
  const url = values.url ?? process.env.PULSE_URL ?? 'http://localhost:8080';
  const token = values.token ?? process.env.PULSE_INGEST_TOKEN ?? 'dev-ingest';
  const seedText = values.seed ?? '1';
  const seed = /^\d+$/.test(seedText) ? Number(seedText) : seedText;
  const world = buildWorld({
    seed,
    agents: num(values.agents, 'agents', 24),
    queues: num(values.queues, 'queues', 5),
    utcOffsetMinutes: num(values['utc-offset'], 'utc-offset', 0),
  });
  const scale = num(values.scale, 'scale', 1);
  const abort = new AbortController();
  const stop = () => abort.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const out = (line: string) => process.stdout.write(`${line}\n`);

  if (command === 'backfill') {
    const days = num(values.days, 'days', NaN);
    if (!(days > 0)) throw new Error('backfill needs --days N (N > 0)');
    let lastPrint = 0;
    const line = (p: BackfillProgress) =>
      `backfill ${p.percent.toFixed(1)}% · ${fmt.format(p.sent)} events sent · ${fmt.format(p.eventsPerSec)} ev/s · ` +
      `accepted ${fmt.format(p.accepted)}, duplicates ${fmt.format(p.duplicates)}, rejected ${fmt.format(p.rejected)}`;
    out(`backfill: ${days} day(s) to ${url} · ${world.queues.length} queues, ${world.agents.length} agents, seed ${seed}`);
    const p = await runBackfill({
      url, token, days, seed, world, scale, signal: abort.signal,
      onProgress: (p) => {
        if (Date.now() - lastPrint < 1000) return;
        lastPrint = Date.now();
        out(line(p));
      },
    });
    out(line(p));
    out(`backfill done in ${(p.elapsedMs / 1000).toFixed(1)} s: ${new Date(p.from).toISOString()} → ${new Date(p.to).toISOString()}`);
    if (p.rejected > 0) process.exitCode = 1;
    return;
  }

  const speed = num(values.speed, 'speed', 1);
  const historyMs = Math.min(30 * DAY, num(values['history-hours'], 'history-hours', 0) * HOUR);
  out(`live: ${url} · speed ${speed} · ${world.queues.length} queues, ${world.agents.length} agents, seed ${seed} · Ctrl-C stops`);
  let lastPrint = Date.now();
  let lastSent = 0;
  const line = (p: LiveProgress) => {
    const secs = Math.max(0.001, (Date.now() - lastPrint) / 1000);
    return `live · sim ${new Date(p.simTime).toISOString().slice(0, 19)}Z · ${fmt.format(p.sent)} events sent ` +
      `(${((p.sent - lastSent) / secs).toFixed(1)} ev/s) · accepted ${fmt.format(p.accepted)}, ` +
      `duplicates ${fmt.format(p.duplicates)}, rejected ${fmt.format(p.rejected)}`;
  };
  const final = await runLive({
    url, token, seed, world, scale, speed, historyMs, signal: abort.signal,
    onProgress: (p) => {
      if (Date.now() - lastPrint < 5000) return;
      out(line(p));
      lastPrint = Date.now();
      lastSent = p.sent;
    },
  });
  out(`live stopped: ${fmt.format(final.sent)} events sent, ${fmt.format(final.rejected)} rejected`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`simulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

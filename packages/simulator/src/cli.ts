// Command line: `live` feeds a server in real time, `backfill` posts the past N days.
import { parseArgs } from 'node:util';
import { runBackfill, type BackfillProgress } from './backfill.ts';
import type { Incident } from './generator.ts';
import { incidentsOf, parseIncident } from './incident.ts';
import { HOUR, DAY } from './sim/calendar.ts';
import { runLive, type LiveOptions, type LiveProgress } from './live.ts';
import { readRunState, worldOf, writeRunState, type RunState } from './run-state.ts';
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
  --state FILE         continue the simulation described in FILE (written by scripts/backfill.ts): the same
                       events as the history before, then live; FILE is kept current, so a restart goes on
                       where it stopped (the organisation options above are then taken from FILE)
  --incident SPEC      a scripted incident, QUEUE@+OFFSET[/DURATION][xFACTOR] in simulated time, e.g.
                       billing@+10m (default 20m, x5): the queue's chats spike while another queue goes quiet
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
      state: { type: 'string' },
      incident: { type: 'string' },
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
      url,
      token,
      days,
      seed,
      world,
      scale,
      signal: abort.signal,
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
  const plan = values.incident && values.incident !== 'none' ? parseIncident(values.incident) : null;
  const statePath = values.state;
  const state = statePath ? readRunState(statePath) : null;
  if (statePath && !state) throw new Error(`${statePath} does not exist: run a backfill first (scripts/backfill.ts)`);
  const liveWorld = state ? worldOf(state) : world;
  const startedAt = Date.now();
  const simStart = state ? Math.max(startedAt, state.postedUntil) : startedAt;
  const incidents: Incident[] = [...(state?.incidents ?? []), ...(plan ? incidentsOf(plan, liveWorld, simStart) : [])];
  if (statePath && state && plan) {
    state.incidents = incidents;
    writeRunState(statePath, state);
  }
  for (const inc of incidents.filter((i) => i.start >= simStart)) {
    out(
      `incident: ${inc.queue} ×${inc.factor} from ${new Date(inc.start).toISOString().slice(11, 19)}Z to ${new Date(inc.end).toISOString().slice(11, 19)}Z (simulated time)`,
    );
  }
  let options: LiveOptions;
  if (state) {
    options = {
      url,
      token,
      speed,
      signal: abort.signal,
      seed: state.seed,
      world: liveWorld,
      scale: state.scale,
      idPrefix: state.idPrefix,
      resume: { from: state.from, posted: state.posted, postedUntil: state.postedUntil },
      incidents,
      quietFrom: state.quietFrom,
    };
    out(`live: continuing ${values.state} (${fmt.format(state.posted)} events sent up to ${new Date(state.postedUntil).toISOString().slice(0, 19)}Z)`);
  } else {
    const historyMs = Math.min(30 * DAY, num(values['history-hours'], 'history-hours', 0) * HOUR);
    options = { url, token, seed, world, scale, speed, historyMs, signal: abort.signal, incidents, quietFrom: plan ? startedAt : undefined };
  }
  out(`live: ${url} · speed ${speed} · ${liveWorld.queues.length} queues, ${liveWorld.agents.length} agents, seed ${options.seed} · Ctrl-C stops`);
  let lastPrint = Date.now();
  let lastSent = 0;
  let lastSave = 0;
  const save = (p: LiveProgress, force = false) => {
    if (!statePath || !state || (!force && Date.now() - lastSave < 2000)) return;
    lastSave = Date.now();
    writeRunState(statePath, { ...state, posted: p.position, postedUntil: Math.max(state.postedUntil, p.simTime) } satisfies RunState);
  };
  const line = (p: LiveProgress) => {
    const secs = Math.max(0.001, (Date.now() - lastPrint) / 1000);
    return (
      `live · sim ${new Date(p.simTime).toISOString().slice(0, 19)}Z · ${fmt.format(p.sent)} events sent ` +
      `(${((p.sent - lastSent) / secs).toFixed(1)} ev/s) · accepted ${fmt.format(p.accepted)}, ` +
      `duplicates ${fmt.format(p.duplicates)}, rejected ${fmt.format(p.rejected)}`
    );
  };
  const final = await runLive({
    ...options,
    onProgress: (p) => {
      save(p);
      if (Date.now() - lastPrint < 5000) return;
      out(line(p));
      lastPrint = Date.now();
      lastSent = p.sent;
    },
  });
  save(final, true);
  out(`live stopped: ${fmt.format(final.sent)} events sent, ${fmt.format(final.rejected)} rejected`);
}

main(process.argv.slice(2)).catch((err: unknown) => {
  process.stderr.write(`simulator: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});

// Writes N days of simulated history straight into ClickHouse (bulk inserts), ending at the hand-over, and
// records the simulation in a state file (default <data>/simulator.json) so that `simulator live --state <file>`
// continues the same simulation: the live feed is the history's next moment, not a second organisation.
// The hand-over is `--until`, or else now: the history is written up to the last whole minute, then extended,
// in rounds, with the events of the time the writing took (90 days take about two minutes here), until it ends
// within a few seconds of the clock. Without that, the chats waiting at the hand-over would show on the board as
// waiting for the whole backfill, and raise long-wait alerts, until the live feed caught up. The organisation's clock is set so the hand-over falls on a Wednesday at 10:20
// local time (demo-clock.ts): a demo started at any hour opens on a busy, healthy morning.
// With embedded chDB run it while the server is stopped (one process per data folder).
// Usage: backfill.ts --days 90 [--if-empty] [--until <ms>] [--seed 1] [--state <file>]
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { PulseEvent } from '@pulse/contracts';
import { buildWorld, demoUtcOffset, generate, readRunState, RunStateError, SIMULATION_MODEL, writeRunState } from '@pulse/simulator';
import { loadConfig, metricSettings } from '@pulse/server';
import { createHistoryClient } from '../packages/server/src/history/clickhouse.ts';
import { migrate } from '../packages/server/src/history/migrate.ts';
import { backfillHistory, extendBackfill } from '../packages/server/src/history/backfill.ts';

const ID_PREFIX = 'bf';
/** Catch-up rounds after the backfill: each writes the time the one before took, until within this of the clock. */
const CATCH_UP_ROUNDS = 4;
const CATCH_UP_WITHIN_MS = 3_000;
const formatSeconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '90' },
    until: { type: 'string' },
    'if-empty': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    state: { type: 'string' },
  },
});
const say = (msg: string) => process.stdout.write(`\x1b[1m[backfill]\x1b[0m ${msg}\n`);
const days = Number(values.days);
if (!Number.isFinite(days) || days <= 0 || days > 3650) {
  say(`--days must be between 1 and 3650, not '${values.days}'`);
  process.exit(2);
}
const config = loadConfig();
const statePath = resolve(values.state ?? `${config.dataDir}/simulator.json`);
const { client } = await createHistoryClient(config);
await migrate(client, pino({ level: 'warn' }));
if (values['if-empty']) {
  const rs = await client.query({ query: `SELECT toUInt64(count()) AS n FROM pulse.events WHERE startsWith(id, '${ID_PREFIX}-')`, format: 'JSONEachRow' });
  // count() without GROUP BY always returns exactly one row.
  const n = Number((await rs.json<{ n: number }>())[0]!.n);
  if (n > 0) {
    let note = '';
    try {
      note = readRunState(statePath) ? `; the live feed continues ${statePath}` : `; ${statePath} is missing`;
    } catch (e) {
      if (!(e instanceof RunStateError)) throw e;
      note = `; ${e.message}`;
    }
    say(`history already holds ${n.toLocaleString('en')} backfilled events${note}`);
    if (!note.includes('continues')) say('the live feed cannot continue that history: remove the data folder for a continuous demo');
    await client.close();
    process.exit(0);
  }
}
const started = Date.now();
const until = values.until ? Number(values.until) : Math.floor(Date.now() / 60_000) * 60_000;
const from = until - days * 86_400_000;
const seedText = values.seed!;
const seed = /^\d+$/.test(seedText) ? Number(seedText) : seedText;
const utcOffsetMinutes = demoUtcOffset(until);
const world = buildWorld({ seed, utcOffsetMinutes });
const label = `${ID_PREFIX}-${seed}-${from}`;
// One simulation, read as far as each round needs: events before a moment do not depend on how far it runs.
const source = generate({ seed, from, world, idPrefix: ID_PREFIX, quietFrom: until });
let pending = source.next();
const eventsBefore = (end: number): PulseEvent[] => {
  const out: PulseEvent[] = [];
  while (!pending.done && pending.value.ts < end) {
    out.push(pending.value);
    pending = source.next();
  }
  return out;
};
say(`generating ${days} days of events (${new Date(from).toISOString()} → ${new Date(until).toISOString()})…`);
const events = eventsBefore(until);
say(`${events.length.toLocaleString('en')} events generated in ${((Date.now() - started) / 1000).toFixed(1)} s; writing…`);
let lastLine = 0;
const result = await backfillHistory(client, metricSettings(config), events, label, (p) => {
  if (Date.now() - lastLine < 1000 && p.done < p.total) return;
  lastLine = Date.now();
  say(`${p.phase}: ${Math.round((100 * p.done) / p.total)} % (${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')})`);
});
let handOver = until;
let posted = events.length;
for (let round = 1; !values.until && round <= CATCH_UP_ROUNDS && Date.now() - handOver > CATCH_UP_WITHIN_MS; round++) {
  const next = Math.floor(Date.now() / 1000) * 1000;
  const roundStarted = Date.now();
  const added = eventsBefore(next);
  const r = await extendBackfill(client, metricSettings(config), result.written, added, label, round);
  posted += added.length;
  result.events += r.events;
  result.rows += r.rows;
  say(
    `caught up with the ${formatSeconds(next - handOver)} since the hand-over: ${r.events.toLocaleString('en')} more events, ` +
      `${r.items.toLocaleString('en')} chats, tickets and agents, in ${formatSeconds(Date.now() - roundStarted)}`,
  );
  handOver = next;
}
await client.close();
if (existsSync(statePath)) say(`replacing ${statePath}`);
writeRunState(statePath, {
  model: SIMULATION_MODEL,
  seed,
  agents: world.agents.length,
  queues: world.queues.length,
  utcOffsetMinutes,
  scale: 1,
  idPrefix: ID_PREFIX,
  from,
  quietFrom: until,
  incidents: [],
  posted,
  postedUntil: handOver,
});
say(
  `done: ${result.events.toLocaleString('en')} events, ${result.written.size.toLocaleString('en')} chats, tickets and agents, ` +
    `${result.rows.toLocaleString('en')} history rows in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
    `the live feed continues from ${statePath}`,
);

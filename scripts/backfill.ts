// Writes N days of simulated history straight into ClickHouse (bulk inserts), ending at the hand-over (default
// now, on a whole minute), and records the simulation in a state file (default <data>/simulator.json) so that
// `simulator live --state <file>` continues the same simulation: the live feed is the history's next minute,
// not a second organisation. The organisation's clock is set so the hand-over falls on a Wednesday at 10:20
// local time (demo-clock.ts): a demo started at any hour opens on a busy, healthy morning.
// With embedded chDB run it while the server is stopped (one process per data folder).
// Usage: backfill.ts --days 90 [--if-empty] [--until <ms>] [--seed 1] [--state <file>]
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { buildWorld, demoUtcOffset, generate, readRunState, RunStateError, SIMULATION_MODEL, writeRunState } from '@pulse/simulator';
import { loadConfig, metricSettings } from '@pulse/server';
import { createHistoryClient } from '../packages/server/src/history/clickhouse.ts';
import { migrate } from '../packages/server/src/history/migrate.ts';
import { backfillHistory } from '../packages/server/src/history/backfill.ts';

const ID_PREFIX = 'bf';

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
say(`generating ${days} days of events (${new Date(from).toISOString()} → ${new Date(until).toISOString()})…`);
const events = [...generate({ seed, from, to: until, world, idPrefix: ID_PREFIX, quietFrom: until })];
say(`${events.length.toLocaleString('en')} events generated in ${((Date.now() - started) / 1000).toFixed(1)} s; writing…`);
let lastLine = 0;
const result = await backfillHistory(client, metricSettings(config), events, `${ID_PREFIX}-${seed}-${from}`, (p) => {
  if (Date.now() - lastLine < 1000 && p.done < p.total) return;
  lastLine = Date.now();
  say(`${p.phase}: ${Math.round((100 * p.done) / p.total)} % (${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')})`);
});
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
  posted: events.length,
  postedUntil: until,
});
say(
  `done: ${result.events.toLocaleString('en')} events, ${result.items.toLocaleString('en')} chats and tickets, ` +
    `${result.rows.toLocaleString('en')} history rows in ${((Date.now() - started) / 1000).toFixed(1)} s; ` +
    `the live feed continues from ${statePath}`,
);

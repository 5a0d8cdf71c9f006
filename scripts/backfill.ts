// Writes N days of simulated history straight into ClickHouse (bulk inserts), ending at --until (default
// an hour ago: the live simulator sends the last hour). With embedded chDB run it while the server is
// stopped (one process per data folder). Usage: backfill.ts --days 90 [--if-empty] [--until <ms>]
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { buildWorld, generate } from '@pulse/simulator';
import { loadConfig, metricSettings } from '@pulse/server';
import { createHistoryClient } from '../packages/server/src/history/clickhouse.ts';
import { migrate } from '../packages/server/src/history/migrate.ts';
import { backfillHistory } from '../packages/server/src/history/backfill.ts';

const { values } = parseArgs({
  options: {
    days: { type: 'string', default: '90' },
    until: { type: 'string' },
    'if-empty': { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
  },
});
const say = (msg: string) => process.stdout.write(`\x1b[1m[backfill]\x1b[0m ${msg}\n`);
const days = Number(values.days);
if (!Number.isFinite(days) || days <= 0 || days > 3650) {
  say(`--days must be between 1 and 3650, not '${values.days}'`);
  process.exit(2);
}
const config = loadConfig();
const { client } = await createHistoryClient(config);
await migrate(client, pino({ level: 'warn' }));
if (values['if-empty']) {
  const rs = await client.query({ query: "SELECT toUInt64(count()) AS n FROM pulse.events WHERE startsWith(id, 'bf-')", format: 'JSONEachRow' });
  const n = Number((await rs.json<{ n: number }>())[0].n);
  if (n > 0) {
    say(`history already holds ${n.toLocaleString('en')} backfilled events; nothing to do`);
    await client.close();
    process.exit(0);
  }
}
const started = Date.now();
const until = values.until ? Number(values.until) : Math.floor((Date.now() - 3600_000) / 60_000) * 60_000;
const from = until - days * 86_400_000;
const seed = Number(values.seed);
say(`generating ${days} days of events (${new Date(from).toISOString()} → ${new Date(until).toISOString()})…`);
const events = [...generate({ seed, from, to: until, world: buildWorld({ seed }), idPrefix: 'bf' })];
say(`${events.length.toLocaleString('en')} events generated in ${((Date.now() - started) / 1000).toFixed(1)} s; writing…`);
let lastLine = 0;
const result = await backfillHistory(client, metricSettings(config), events, `bf-${seed}-${from}`, (p) => {
  if (Date.now() - lastLine < 1000 && p.done < p.total) return;
  lastLine = Date.now();
  say(`${p.phase}: ${Math.round((100 * p.done) / p.total)} % (${p.done.toLocaleString('en')} of ${p.total.toLocaleString('en')})`);
});
await client.close();
say(
  `done: ${result.events.toLocaleString('en')} events, ${result.items.toLocaleString('en')} chats and tickets, ` +
    `${result.rows.toLocaleString('en')} history rows in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);

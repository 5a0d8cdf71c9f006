// History surfaces for managers (SPEC §3): series, agents, items, the staffing heatmap and the names the
// filters offer — JSON, or CSV with format=csv under a file name that carries the range and the filter.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ClickHouseClient } from '@clickhouse/client';
import { Type, type Static } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { WindowMetrics } from '@pulse/contracts';
import { WINDOW_METRIC_NAMES } from '@pulse/metrics';
import { requireRole, type TokenStore } from '../auth/tokens.ts';
import type { Config } from '../config/schema.ts';
import { toCsv } from '../history/csv.ts';
import { contentDisposition, csvFileName, type CsvNameParts } from '../history/csv-name.ts';
import { BadQuery, list, range, zone } from '../history/range.ts';
import { bucketStarts, firstDataAt, INTERVALS, MAX_POINTS, querySeries, queryTotals, type Interval } from '../history/series.ts';
import { queryItems, ITEM_COLUMNS, MAX_ITEMS } from '../history/items.ts';
import { queryAgents, AGENT_COLUMNS } from '../history/agents.ts';
import { HEATMAP_COLUMNS, MAX_HEATMAP_DAYS, queryHeatmap } from '../history/heatmap.ts';
import { agentNames, byName, querySeenScopes } from '../history/scopes.ts';

const Flag = Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')]));
const Common = {
  from: Type.Optional(Type.String({ maxLength: 64 })),
  to: Type.Optional(Type.String({ maxLength: 64 })),
  queue: Type.Optional(Type.String({ maxLength: 4096 })),
  channel: Type.Optional(Type.String({ maxLength: 1024 })),
  agent: Type.Optional(Type.String({ maxLength: 4096 })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  token: Type.Optional(Type.String({ maxLength: 512 })),
  /** the time zone of local days, weeks and months, and of CSV file names (default: the configured one) */
  tz: Type.Optional(Type.String({ maxLength: 64 })),
};
const SeriesQuery = Type.Object({
  ...Common,
  interval: Type.Optional(Type.Union(Object.keys(INTERVALS).map((k) => Type.Literal(k)))),
  metrics: Type.Optional(Type.String({ maxLength: 1024 })),
  /** one series for all the scopes asked for together */
  combine: Flag,
  /** also each series' figures over the whole range, with their sample sizes */
  totals: Flag,
});
const ItemsQuery = Type.Object({
  ...Common,
  kind: Type.Optional(Type.Union([Type.Literal('chat'), Type.Literal('ticket')])),
  /** the items behind these metrics (comma-separated), in the scopes of queue, channel and agent */
  metric: Type.Optional(Type.String({ maxLength: 1024 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ITEMS })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});
const RangeQuery = Type.Object(Common);

const yes = (v: string | undefined) => v === '1' || v === 'true';

function metricList(raw: string | undefined, name: string): (keyof WindowMetrics)[] {
  const metrics = list(raw);
  const unknown = metrics.filter((m) => !WINDOW_METRIC_NAMES.includes(m as never));
  if (unknown.length > 0) throw new BadQuery(`${name}: unknown ${unknown.join(', ')}; expected some of ${WINDOW_METRIC_NAMES.join(', ')}`);
  return metrics as (keyof WindowMetrics)[];
}

function send(reply: FastifyReply, format: string | undefined, name: CsvNameParts, columns: string[], rows: Record<string, unknown>[], json: unknown) {
  if (format !== 'csv') return json;
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', contentDisposition(csvFileName(name)))
    .send(toCsv(columns, rows));
}

export interface HistoryDeps {
  tokens: TokenStore;
  history: ClickHouseClient;
  timeZone: string;
  /** the help-desk link template and the queues' display names */
  config: Pick<Config, 'helpdeskLinkTemplate' | 'queueNames'>;
}

export function historyRoutes(server: FastifyInstance, deps: HistoryDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const manager = requireRole(deps.tokens, 'manager');
  const queueName = (id: string) => (Object.hasOwn(deps.config.queueNames, id) ? deps.config.queueNames[id]! : id);
  /** The common filters, and the agents by name for file names. */
  const filters = async (q: Pick<Static<typeof RangeQuery>, 'agent' | 'queue' | 'channel' | 'tz'>, csv: boolean) => {
    const agents = list(q.agent);
    const names = csv ? await agentNames(deps.history, agents) : new Map<string, string>();
    const queues = list(q.queue);
    return {
      queues,
      queueNames: queues.map(queueName),
      channels: list(q.channel),
      agents,
      timeZone: zone(q.tz, deps.timeZone),
      agentNames: agents.map((a) => names.get(a) ?? a),
    };
  };

  app.get('/v1/history/series', { schema: { querystring: SeriesQuery }, onRequest: manager }, async (req, reply) => {
    const q = req.query;
    const { from, to } = range(q);
    const interval = (q.interval ?? '1h') as Interval;
    const metrics = metricList(q.metrics, 'metrics');
    const f = await filters(q, q.format === 'csv');
    const combine = yes(q.combine);
    if (combine && [f.queues, f.channels, f.agents].filter((x) => x.length > 0).length > 1) {
      throw new BadQuery('combine: queues, channels and agents overlap (a chat counts in its queue and in its channel); combine one kind of scope');
    }
    const query = { from, to, interval, timeZone: f.timeZone, queues: f.queues, channels: f.channels, agents: f.agents, combine };
    if (bucketStarts(query).length > MAX_POINTS) {
      throw new BadQuery(`interval: ${interval} over this range gives more than ${MAX_POINTS} points; widen the interval or narrow the range`);
    }
    const [series, totals, first] = await Promise.all([
      querySeries(deps.history, query),
      yes(q.totals) ? queryTotals(deps.history, query) : null,
      firstDataAt(deps.history, query),
    ]);
    const keep = metrics.length > 0 ? metrics : [...WINDOW_METRIC_NAMES];
    const shaped = series.map((s) => ({
      ...s,
      points: s.points.map((p) => ({ t: p.t, ...Object.fromEntries(keep.map((m) => [m, p[m as keyof typeof p]])) })),
    }));
    const rows = shaped.flatMap((s) => s.points.map((p) => ({ scope: s.scope, ...p })));
    return send(reply, q.format, { what: 'series', from, to, ...f, queues: f.queueNames, agents: f.agentNames }, ['t', 'scope', ...keep], rows, {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      interval,
      tz: query.timeZone,
      first_data_at: first === null ? null : new Date(first).toISOString(),
      series: shaped,
      ...(totals ? { totals } : {}),
    });
  });

  app.get('/v1/history/items', { schema: { querystring: ItemsQuery }, onRequest: manager }, async (req, reply) => {
    const q = req.query;
    const { from, to } = range(q);
    const metrics = metricList(q.metric, 'metric');
    const f = await filters(q, q.format === 'csv');
    const limit = q.limit ?? 1000;
    const page = await queryItems(deps.history, {
      from,
      to,
      kinds: q.kind ? [q.kind] : ['chat', 'ticket'],
      queues: f.queues,
      channels: f.channels,
      agents: f.agents,
      limit,
      offset: q.offset ?? 0,
      metrics,
    });
    const what = metrics.length > 0 ? `items-${metrics.join('+')}` : 'items';
    return send(reply, q.format, { what, from, to, ...f, queues: f.queueNames, agents: f.agentNames }, ITEM_COLUMNS, page.items, {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      ...(metrics.length > 0 ? { metric: metrics } : {}),
      total: page.total,
      limit,
      items: page.items,
    });
  });

  app.get('/v1/history/agents', { schema: { querystring: RangeQuery }, onRequest: manager }, async (req, reply) => {
    const q = req.query;
    const { from, to } = range(q);
    const f = await filters(q, q.format === 'csv');
    const agents = await queryAgents(deps.history, { from, to, agents: f.agents });
    return send(
      reply,
      q.format,
      { what: 'agents', from, to, timeZone: f.timeZone, agents: f.agentNames },
      AGENT_COLUMNS,
      agents as unknown as Record<string, unknown>[],
      {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        agents,
      },
    );
  });

  app.get('/v1/history/heatmap', { schema: { querystring: RangeQuery }, onRequest: manager }, async (req, reply) => {
    const q = req.query;
    const { from, to } = range(q);
    if (to - from > MAX_HEATMAP_DAYS * 86_400_000) throw new BadQuery(`from: a heatmap covers at most ${MAX_HEATMAP_DAYS} days; narrow the range`);
    const f = await filters(q, q.format === 'csv');
    if ([f.queues, f.channels, f.agents].filter((x) => x.length > 0).length > 1) {
      throw new BadQuery('queue: a heatmap sums its scopes, and queues, channels and agents overlap; filter by one kind of scope');
    }
    const cells = await queryHeatmap(deps.history, { from, to, ...f });
    return send(
      reply,
      q.format,
      { what: 'heatmap', from, to, ...f, queues: f.queueNames, agents: f.agentNames },
      HEATMAP_COLUMNS,
      cells as unknown as Record<string, unknown>[],
      {
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
        tz: f.timeZone,
        cells,
      },
    );
  });

  app.get('/v1/history/scopes', { schema: { querystring: RangeQuery }, onRequest: manager }, async (req) => {
    const { from, to } = range(req.query);
    const seen = await querySeenScopes(deps.history, { from, to });
    const queues = seen.queues.map((id) => ({ id, name: queueName(id) })).sort((a, b) => byName(a.name, b.name));
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), queues, channels: seen.channels, agents: seen.agents };
  });

  app.get('/v1/history/config', { onRequest: manager }, async () => ({
    time_zone: deps.timeZone,
    helpdesk_link_template: deps.config.helpdeskLinkTemplate ?? null,
    queue_names: deps.config.queueNames,
  }));
}

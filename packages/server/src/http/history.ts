// History surfaces for managers (SPEC §3): series, agents, items — JSON, or CSV with format=csv.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ClickHouseClient } from '@clickhouse/client';
import { Type } from '@sinclair/typebox';
import { WINDOW_METRIC_NAMES } from '@pulse/metrics';
import { requireRole, type TokenStore } from '../auth/tokens.ts';
import { toCsv } from '../history/csv.ts';
import { BadQuery, list, range, zone } from '../history/range.ts';
import { bucketStarts, INTERVALS, MAX_POINTS, querySeries, type Interval } from '../history/series.ts';
import { queryItems, ITEM_COLUMNS, MAX_ITEMS } from '../history/items.ts';
import { queryAgents, AGENT_COLUMNS } from '../history/agents.ts';

const Common = {
  from: Type.Optional(Type.String({ maxLength: 64 })),
  to: Type.Optional(Type.String({ maxLength: 64 })),
  queue: Type.Optional(Type.String({ maxLength: 4096 })),
  channel: Type.Optional(Type.String({ maxLength: 1024 })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  token: Type.Optional(Type.String({ maxLength: 512 })),
};
const SeriesQuery = Type.Object({
  ...Common,
  interval: Type.Optional(Type.Union(Object.keys(INTERVALS).map((k) => Type.Literal(k)))),
  metrics: Type.Optional(Type.String({ maxLength: 1024 })),
  tz: Type.Optional(Type.String({ maxLength: 64 })),
});
const ItemsQuery = Type.Object({
  ...Common,
  kind: Type.Optional(Type.Union([Type.Literal('chat'), Type.Literal('ticket')])),
  agent: Type.Optional(Type.String({ maxLength: 1024 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_ITEMS })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});
const AgentsQuery = Type.Object({ ...Common, agent: Type.Optional(Type.String({ maxLength: 1024 })) });

function send(reply: FastifyReply, format: string | undefined, name: string, columns: string[], rows: Record<string, unknown>[], json: unknown) {
  if (format !== 'csv') return json;
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="pulse-${name}.csv"`)
    .send(toCsv(columns, rows));
}

export function historyRoutes(app: FastifyInstance, deps: { tokens: TokenStore; history: ClickHouseClient; timeZone: string }): void {
  const manager = requireRole(deps.tokens, 'manager');

  app.get('/v1/history/series', { schema: { querystring: SeriesQuery }, onRequest: manager }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const { from, to } = range(q);
    const interval = (q.interval ?? '1h') as Interval;
    const metrics = list(q.metrics);
    const unknown = metrics.filter((m) => !WINDOW_METRIC_NAMES.includes(m as never));
    if (unknown.length > 0) throw new BadQuery(`metrics: unknown ${unknown.join(', ')}; expected some of ${WINDOW_METRIC_NAMES.join(', ')}`);
    const query = { from, to, interval, timeZone: zone(q.tz, deps.timeZone), queues: list(q.queue), channels: list(q.channel) };
    if (bucketStarts(query).length > MAX_POINTS) {
      throw new BadQuery(`interval: ${interval} over this range gives more than ${MAX_POINTS} points; widen the interval or narrow the range`);
    }
    const series = await querySeries(deps.history, query);
    const keep = metrics.length > 0 ? metrics : [...WINDOW_METRIC_NAMES];
    const shaped = series.map((s) => ({
      ...s,
      points: s.points.map((p) => ({ t: p.t, ...Object.fromEntries(keep.map((m) => [m, p[m as keyof typeof p]])) })),
    }));
    const rows = shaped.flatMap((s) => s.points.map((p) => ({ scope: s.scope, ...p })));
    return send(reply, q.format, 'series', ['t', 'scope', ...keep], rows, {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      interval,
      tz: query.timeZone,
      series: shaped,
    });
  });

  app.get('/v1/history/items', { schema: { querystring: ItemsQuery }, onRequest: manager }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined> & { limit?: number; offset?: number };
    const { from, to } = range(q as { from?: string; to?: string });
    const items = await queryItems(deps.history, {
      from,
      to,
      kinds: q.kind ? [q.kind] : ['chat', 'ticket'],
      queues: list(q.queue),
      channels: list(q.channel),
      agents: list(q.agent),
      limit: q.limit ?? 1000,
      offset: q.offset ?? 0,
    });
    return send(reply, q.format, 'items', ITEM_COLUMNS, items, { from: new Date(from).toISOString(), to: new Date(to).toISOString(), items });
  });

  app.get('/v1/history/agents', { schema: { querystring: AgentsQuery }, onRequest: manager }, async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    const { from, to } = range(q);
    const agents = await queryAgents(deps.history, { from, to, agents: list(q.agent) });
    return send(reply, q.format, 'agents', AGENT_COLUMNS, agents as unknown as Record<string, unknown>[], {
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      agents,
    });
  });
}

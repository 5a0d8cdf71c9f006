// GET /v1/history/staffing (manager): per interval of each queue asked for, the agents Erlang C says it needed
// against the agents it had online (history/staffing.ts); JSON, or CSV with format=csv.
import type { FastifyInstance } from 'fastify';
import type { ClickHouseClient } from '@clickhouse/client';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { MetricSettings } from '@pulse/metrics';
import { requireRole, type TokenStore } from '../auth/tokens.ts';
import { toCsv } from '../history/csv.ts';
import { contentDisposition, csvFileName } from '../history/csv-name.ts';
import { BadQuery, list, range, zone } from '../history/range.ts';
import { queryStaffing, STAFFING_COLUMNS, STAFFING_INTERVALS, type StaffingInterval } from '../history/staffing.ts';

const StaffingQuery = Type.Object({
  from: Type.Optional(Type.String({ maxLength: 64 })),
  to: Type.Optional(Type.String({ maxLength: 64 })),
  queue: Type.Optional(Type.String({ maxLength: 4096 })),
  interval: Type.Optional(Type.String({ maxLength: 16 })),
  format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  token: Type.Optional(Type.String({ maxLength: 512 })),
  tz: Type.Optional(Type.String({ maxLength: 64 })),
});

/** At most this many intervals per queue (90 days of hours, 22 days of quarter hours). */
export const MAX_STAFFING_POINTS = 2200;

export interface StaffingRouteDeps {
  tokens: TokenStore;
  history: ClickHouseClient;
  timeZone: string;
  settings: MetricSettings;
  queueNames: Record<string, string>;
}

export function staffingHistoryRoutes(server: FastifyInstance, deps: StaffingRouteDeps): void {
  const app = server.withTypeProvider<TypeBoxTypeProvider>();
  const manager = requireRole(deps.tokens, 'manager');
  app.get('/v1/history/staffing', { schema: { querystring: StaffingQuery }, onRequest: manager }, async (req, reply) => {
    const q = req.query;
    const { from, to } = range(q);
    const interval = (q.interval ?? '1h') as StaffingInterval;
    if (!Object.hasOwn(STAFFING_INTERVALS, interval)) {
      throw new BadQuery(`interval: staffing is per ${Object.keys(STAFFING_INTERVALS).join(' or ')} (an arrival rate over a day says nothing about its hours)`);
    }
    const queues = list(q.queue);
    if (queues.length === 0) throw new BadQuery('queue: name one queue or more (staffing is per queue)');
    if ((to - from) / (STAFFING_INTERVALS[interval] * 1000) > MAX_STAFFING_POINTS) {
      throw new BadQuery(`interval: ${interval} over this range gives more than ${MAX_STAFFING_POINTS} points; widen the interval or narrow the range`);
    }
    const timeZone = zone(q.tz, deps.timeZone);
    const series = await queryStaffing(deps.history, { from, to, interval, queues }, deps.settings);
    if (q.format === 'csv') {
      const names = queues.map((x) => (Object.hasOwn(deps.queueNames, x) ? deps.queueNames[x]! : x));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(csvFileName({ what: 'staffing', from, to, timeZone, queues: names })))
        .send(
          toCsv(
            STAFFING_COLUMNS,
            series.flatMap((s) => s.points.map((p) => ({ ...p, queue: s.queue }))),
          ),
        );
    }
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), interval, series };
  });
}

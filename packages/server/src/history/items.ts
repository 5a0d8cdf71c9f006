// The drill-down: one row per chat or ticket behind a number (SPEC §3 history/items). Without `metrics`,
// the items active in the range; with them, exactly the items whose outcomes make those metrics' figures
// over the range in the scopes asked for (see item-metrics.ts).
import type { ClickHouseClient } from '@clickhouse/client';
import type { WindowMetrics } from '@pulse/contracts';
import { behind } from './item-metrics.ts';
import { agentNames } from './scopes.ts';
import { queryScopes } from './series.ts';
import { sql } from './sql.ts';

export const MAX_ITEMS = 10_000;

export const ITEM_COLUMNS = [
  'kind',
  'id',
  'queue',
  'channel',
  'agent_id',
  'status',
  'priority',
  'tier',
  'started_at',
  'answered_at',
  'ended_at',
  'wait_s',
  'handle_s',
  'frt_s',
  'reassignments',
  'reopened',
  'abandoned',
  'csat',
  'sla_met',
  'sla_breached',
];

export interface ItemsQuery {
  from: number;
  to: number;
  kinds: string[];
  queues: string[];
  channels: string[];
  agents: string[];
  limit: number;
  offset: number;
  /** the items behind these metrics (their scopes are the queues, channels and agents asked for, or overall) */
  metrics?: (keyof WindowMetrics)[];
  /** breaches count from their due moment (default: the clock) */
  now?: number;
}

export interface ItemsPage {
  /** how many items match, of which `items` is the page from `offset` (at most `limit`) */
  total: number;
  items: Record<string, unknown>[];
}

const iso = (ms: number | string | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
const num = (v: number | string | null) => (v === null ? null : Number(v));

export async function queryItems(client: ClickHouseClient, q: ItemsQuery): Promise<ItemsPage> {
  const common = { kinds: q.kinds, from_ms: q.from, to_ms: q.to, limit: q.limit, offset: q.offset };
  const query = q.metrics?.length
    ? (() => {
        const b = behind(q.metrics);
        return {
          query: sql('items_by_metric'),
          query_params: {
            ...common,
            scopes: queryScopes(q),
            counters: b.counters,
            breaches: b.breaches ? 1 : 0,
            from_s: Math.floor(q.from / 1000),
            to_s: Math.ceil(q.to / 1000),
            now_ms: q.now ?? Date.now(),
          },
        };
      })()
    : { query: sql('items'), query_params: { ...common, queues: q.queues, channels: q.channels, agents: q.agents } };
  const rs = await client.query({ ...query, format: 'JSONEachRow' });
  // every row has each column the query selects
  type Cell = number | string | null;
  const rows = await rs.json<Record<string, Cell> & Record<'total' | 'started_ms' | 'answered_ms' | 'ended_ms' | 'wait_s' | 'handle_s' | 'frt_s', Cell>>();
  const names = await agentNames(client, [...new Set(rows.map((r) => String(r.agent_id ?? '')).filter(Boolean))]);
  return {
    total: rows[0] ? Number(rows[0].total) : 0,
    items: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      queue: r.queue || null,
      channel: r.channel || null,
      agent_id: r.agent_id || null,
      agent_name: r.agent_id ? (names.get(String(r.agent_id)) ?? String(r.agent_id)) : null,
      status: r.status,
      priority: r.priority || null,
      tier: r.tier || null,
      started_at: iso(r.started_ms),
      answered_at: iso(r.answered_ms),
      ended_at: iso(r.ended_ms),
      wait_s: num(r.wait_s),
      handle_s: num(r.handle_s),
      frt_s: num(r.frt_s),
      reassignments: Number(r.reassignments),
      reopened: Number(r.reopened) === 1,
      abandoned: Number(r.abandoned) === 1,
      csat: r.csat || null,
      sla_met: Number(r.sla_met),
      sla_breached: Number(r.sla_breached),
    })),
  };
}

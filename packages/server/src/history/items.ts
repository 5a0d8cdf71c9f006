// The drill-down: one row per chat or ticket behind a number (SPEC §3 history/items).
import type { ClickHouseClient } from '@clickhouse/client';
import { sql } from './sql.ts';

export const MAX_ITEMS = 10_000;

export const ITEM_COLUMNS = [
  'kind', 'id', 'queue', 'channel', 'agent_id', 'status', 'priority', 'tier', 'started_at', 'answered_at', 'ended_at',
  'wait_s', 'handle_s', 'frt_s', 'reassignments', 'reopened', 'abandoned', 'csat', 'sla_met', 'sla_breached',
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
}

const iso = (ms: number | string | null) => (ms === null ? null : new Date(Number(ms)).toISOString());
const num = (v: number | string | null) => (v === null ? null : Number(v));

export async function queryItems(client: ClickHouseClient, q: ItemsQuery): Promise<Record<string, unknown>[]> {
  const rs = await client.query({
    query: sql('items'),
    query_params: { kinds: q.kinds, queues: q.queues, channels: q.channels, agents: q.agents, from_ms: q.from, to_ms: q.to, limit: q.limit, offset: q.offset },
    format: 'JSONEachRow',
  });
  const rows = await rs.json<Record<string, number | string | null>>();
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    queue: r.queue || null,
    channel: r.channel || null,
    agent_id: r.agent_id || null,
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
  }));
}

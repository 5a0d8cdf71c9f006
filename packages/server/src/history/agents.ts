// Per-agent figures over a range (SPEC §3 history/agents): handled, AHT, CSAT, first reply time,
// SLA attainment, and time in each status.
import type { ClickHouseClient } from '@clickhouse/client';
import { agentScope, windowMetrics } from '@pulse/metrics';
import { sql } from './sql.ts';

export const AGENT_COLUMNS = [
  'agent_id',
  'name',
  'handled',
  'chats_handled',
  'tickets_solved',
  'aht_s',
  'csat_pct',
  'csat_responses',
  'frt_avg_s',
  'sla_met',
  'sla_breached',
  'sla_achievement_pct',
  'online_s',
  'away_s',
  'offline_s',
];

export interface AgentFigures {
  agent_id: string;
  name: string;
  /** chats ended plus tickets solved while the agent had them */
  handled: number;
  chats_handled: number;
  tickets_solved: number;
  aht_s: number | null;
  csat_pct: number | null;
  csat_responses: number;
  frt_avg_s: number | null;
  sla_met: number;
  sla_breached: number;
  sla_achievement_pct: number | null;
  online_s: number;
  away_s: number;
  offline_s: number;
}

export async function queryAgents(client: ClickHouseClient, q: { from: number; to: number; agents: string[] }): Promise<AgentFigures[]> {
  const params = {
    from_s: Math.floor(q.from / 1000),
    to_s: Math.ceil(q.to / 1000),
    from_ms: q.from,
    to_ms: q.to,
    agents: q.agents,
    agent_prefix: agentScope('') /* 'agent:', the prefix of agents' scopes */,
  };
  const run = <T>(name: string) => client.query({ query: sql(name), query_params: params, format: 'JSONEachRow' }).then((r) => r.json<T>());
  const [counters, breaches, status] = await Promise.all([
    run<{ agent_id: string; counter: string; value: number | string }>('agent_counters'),
    run<{ agent_id: string; breaches: number | string }>('agent_breaches'),
    run<{ agent_id: string; status: string; duration_ms: number | string; name: string }>('agent_status_time'),
  ]);
  const by = new Map<string, { c: Record<string, number>; status: Record<string, number>; name: string }>();
  const get = (id: string) => {
    let a = by.get(id);
    if (!a) by.set(id, (a = { c: {}, status: {}, name: '' }));
    return a;
  };
  for (const r of counters) get(r.agent_id).c[r.counter] = Number(r.value);
  for (const r of breaches) get(r.agent_id).c.sla_breached = Number(r.breaches);
  for (const r of status) {
    const a = get(r.agent_id);
    a.status[r.status] = (a.status[r.status] ?? 0) + Number(r.duration_ms) / 1000;
    if (r.name) a.name = r.name;
  }
  return [...by.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([id, a]) => {
      const w = windowMetrics(a.c);
      return {
        agent_id: id,
        name: a.name || id,
        handled: (a.c.handled ?? 0) + (a.c.solved ?? 0),
        chats_handled: a.c.handled ?? 0,
        tickets_solved: a.c.solved ?? 0,
        aht_s: w.aht_s,
        csat_pct: w.csat_pct,
        csat_responses: w.csat_responses,
        frt_avg_s: w.frt_avg_s,
        sla_met: a.c.sla_met ?? 0,
        sla_breached: a.c.sla_breached ?? 0,
        sla_achievement_pct: w.sla_achievement_pct,
        online_s: a.status.online ?? 0,
        away_s: a.status.away ?? 0,
        offline_s: a.status.offline ?? 0,
      };
    });
}

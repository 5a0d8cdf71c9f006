// What the filters of the trends page can offer: the queues, channels and agents (with their names) that
// have figures in a range, so a manager picks a name instead of typing one.
import type { ClickHouseClient } from '@clickhouse/client';
import { OVERALL, parseScope } from '@pulse/metrics';
import { sql } from './sql.ts';

export interface SeenScopes {
  queues: string[];
  channels: string[];
  agents: { id: string; name: string }[];
}

export const byName = (a: string, b: string) => a.localeCompare(b, 'en', { sensitivity: 'base' }) || (a < b ? -1 : a > b ? 1 : 0);

export async function querySeenScopes(client: ClickHouseClient, q: { from: number; to: number }): Promise<SeenScopes> {
  const params = { from_s: Math.floor(q.from / 1000), to_s: Math.ceil(q.to / 1000), from_ms: q.from, to_ms: q.to, overall: OVERALL };
  const run = <T>(name: string) => client.query({ query: sql(name), query_params: params, format: 'JSONEachRow' }).then((r) => r.json<T>());
  const [scopes, agents] = await Promise.all([
    run<{ scope: string }>('scopes_seen'),
    run<{ agent_id: string; name: string; status_before: string; changes: number | string }>('agents_seen'),
  ]);
  const queues: string[] = [];
  const channels: string[] = [];
  const agentIds = new Set<string>();
  for (const { scope } of scopes) {
    const s = parseScope(scope);
    if (s.kind === 'queue') queues.push(s.id);
    else if (s.kind === 'channel') channels.push(s.id);
    else if (s.kind === 'agent') agentIds.add(s.id);
  }
  const names = new Map<string, string>();
  for (const a of agents) {
    if (a.name) names.set(a.agent_id, a.name);
    if (Number(a.changes) > 0 || a.status_before === 'online' || a.status_before === 'away') agentIds.add(a.agent_id);
  }
  return {
    queues: queues.sort(byName),
    channels: channels.sort(byName),
    agents: [...agentIds].map((id) => ({ id, name: names.get(id) ?? id })).sort((a, b) => byName(a.name, b.name)),
  };
}

/** Display names of some agents (an agent that never gave one is named by its id). */
export async function agentNames(client: ClickHouseClient, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (ids.length === 0) return out;
  const rs = await client.query({ query: sql('agent_names'), query_params: { agents: ids }, format: 'JSONEachRow' });
  for (const r of await rs.json<{ agent_id: string; name: string }>()) if (r.name) out.set(r.agent_id, r.name);
  return out;
}

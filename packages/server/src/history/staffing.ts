// Staffing per interval (the trends page, docs/metrics.md "Staffing over time"): for each interval of a queue,
// the agents Erlang C says it needed against the agents it had online. The same functions as the live
// `staffing`, with the interval in place of the 15-minute window:
// - arrival rate = offered in the interval × 3600 ÷ its length; AHT = the interval's, else the range's, else the
//   default; voice when most of the interval's offers were voice; T and goal as live;
// - agents online = the mean count of agents listing the queue online during the interval (their online time ÷
//   its length), an agent's queues and capacity being those of its latest status event (not as they were then);
// - c = the mean chat capacity of those agents, weighted by their online time (3 when none was online);
// - fewer than 5 offered in an interval: required_agents null (as live).
import type { ClickHouseClient } from '@clickhouse/client';
import {
  channelMix,
  queueScope,
  requiredAgents,
  serviceLevelGoalPct,
  serviceLevelThresholdMs,
  staffingAht,
  STAFFING_MIN_OFFERED,
  DEFAULT_SERVERS_PER_AGENT,
  windowMetrics,
  type Counters,
  type MetricSettings,
} from '@pulse/metrics';
import { sql } from './sql.ts';

/** Intervals staffing is computed for: an arrival rate over a day or more says nothing about any hour of it. */
export const STAFFING_INTERVALS = { '15m': 900, '1h': 3600 } as const;
export type StaffingInterval = keyof typeof STAFFING_INTERVALS;

export interface StaffingPoint {
  t: string;
  offered: number;
  /** the measured service level of the interval (%), for comparison */
  service_level_pct: number | null;
  arrival_rate_per_h: number;
  aht_s: number;
  load_erlangs: number;
  /** mean agents online listing the queue over the interval */
  agents_online: number;
  required_agents: number | null;
  /** agents_online − required_agents: negative when under-staffed */
  gap: number | null;
}

export interface StaffingSeries {
  queue: string;
  goal_pct: number;
  points: StaffingPoint[];
}

export const STAFFING_COLUMNS = [
  't',
  'queue',
  'offered',
  'service_level_pct',
  'arrival_rate_per_h',
  'aht_s',
  'load_erlangs',
  'agents_online',
  'required_agents',
  'gap',
];

interface Query {
  from: number;
  to: number;
  interval: StaffingInterval;
  queues: string[];
}

export async function queryStaffing(client: ClickHouseClient, q: Query, s: MetricSettings): Promise<StaffingSeries[]> {
  const step = STAFFING_INTERVALS[q.interval] * 1000;
  const from = Math.floor(q.from / 1000) * 1000;
  const params = {
    unit: '',
    tz: 'UTC',
    from_s: from / 1000,
    to_s: Math.ceil(q.to / 1000),
    step_s: step / 1000,
    from_ms: from,
    to_ms: q.to,
    step_ms: step,
    scopes: q.queues.map(queueScope),
  };
  const run = <T>(name: string) => client.query({ query: sql(name), query_params: params, format: 'JSONEachRow' }).then((r) => r.json<T>());
  const [counterRows, onlineRows, agentRows] = await Promise.all([
    run<{ bucket: number | string; scope: string; counter: string; value: number | string }>('series_counters'),
    run<{ agent_id: string; bucket: number | string; online_ms: number | string }>('staffing_online'),
    run<{ agent_id: string; queues: string[]; capacity: number | string }>('agent_queues'),
  ]);
  const starts: number[] = [];
  for (let t = from; t < q.to; t += step) starts.push(t);
  const agents = new Map(agentRows.map((a) => [a.agent_id, { queues: a.queues, capacity: Number(a.capacity) }]));

  return q.queues.map((queue) => {
    const counters = new Map<number, Counters>();
    const total: Counters = {};
    for (const r of counterRows) {
      if (r.scope !== queueScope(queue)) continue;
      const t = Number(r.bucket) * 1000;
      const c = counters.get(t) ?? {};
      c[r.counter] = (c[r.counter] ?? 0) + Number(r.value);
      counters.set(t, c);
      total[r.counter] = (total[r.counter] ?? 0) + Number(r.value);
    }
    const online = new Map<number, { ms: number; capMs: number }>();
    for (const r of onlineRows) {
      const a = agents.get(r.agent_id);
      if (!a || !a.queues.includes(queue)) continue;
      const t = from + Number(r.bucket) * step;
      const o = online.get(t) ?? { ms: 0, capMs: 0 };
      online.set(t, { ms: o.ms + Number(r.online_ms), capMs: o.capMs + a.capacity * Number(r.online_ms) });
    }
    const rangeAht = windowMetrics(total).aht_s;
    const goal = serviceLevelGoalPct(s, queue);
    return {
      queue,
      goal_pct: goal,
      points: starts.map((t) => {
        const c = counters.get(t) ?? {};
        const w = windowMetrics(c);
        const o = online.get(t) ?? { ms: 0, capMs: 0 };
        const length = Math.min(step, q.to - t);
        const mix = channelMix(c);
        const aht = staffingAht(w.aht_s, rangeAht, s.staffing.defaultAhtS);
        const rate = (w.offered * 3_600_000) / length;
        const load = (rate * aht) / 3600;
        const perAgent = mix.voice ? 1 : o.ms > 0 ? o.capMs / o.ms : DEFAULT_SERVERS_PER_AGENT;
        const required =
          w.offered < STAFFING_MIN_OFFERED ? null : requiredAgents(load, aht, perAgent, serviceLevelThresholdMs(s, queue, mix.main) / 1000, goal);
        const agentsOnline = o.ms / length;
        return {
          t: new Date(t).toISOString(),
          offered: w.offered,
          service_level_pct: w.service_level_pct,
          arrival_rate_per_h: rate,
          aht_s: aht,
          load_erlangs: load,
          agents_online: agentsOnline,
          required_agents: required,
          gap: required === null ? null : agentsOnline - required,
        };
      }),
    };
  });
}

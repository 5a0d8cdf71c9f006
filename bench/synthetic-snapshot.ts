// A synthetic live floor for the wall-board benchmark: 40 queues, 300 agents, SLA items and alerts, shaped
// exactly like GET /v1/live, and a step function that changes it the way the real server's pushes do
// (time moves on, waits grow, a few queues and agents change, SLA countdowns run).
import type { Alert, AgentView, ScopeMetrics, SlaItem, Snapshot, WindowMetrics } from '@pulse/contracts';

const rand = (() => {
  let a = 12345;
  return (n = 1) => {
    a = (a * 1103515245 + 12345) % 2 ** 31;
    return (a / 2 ** 31) * n;
  };
})();
const int = (lo: number, hi: number) => lo + Math.floor(rand(hi - lo + 1));

const win = (): WindowMetrics => {
  const answered = int(0, 40);
  const abandoned = int(0, 5);
  return {
    offered: answered + abandoned,
    answered,
    abandoned,
    asa_s: answered ? rand(90) : null,
    service_level_pct: answered ? rand(100) : null,
    abandon_rate_pct: answered + abandoned ? (100 * abandoned) / (answered + abandoned) : null,
    aht_s: rand(600),
    csat_pct: rand(100),
    csat_responses: int(0, 20),
    created: int(0, 10),
    solved: int(0, 10),
    frt_avg_s: rand(3600),
    frt_p90_s: rand(7200),
    reassignments: int(0, 3),
    fcr_pct: rand(100),
    sla_achievement_pct: rand(100),
  };
};

const scope = (): ScopeMetrics => {
  const waiting = int(0, 6);
  return {
    waiting,
    longest_wait_s: waiting ? rand(300) : 0,
    unsolved_tickets: int(0, 50),
    unassigned_tickets: int(0, 10),
    oldest_unassigned_s: rand(3600),
    agents_online: int(2, 12),
    agents_away: int(0, 3),
    active_chats: int(0, 20),
    utilization_pct: rand(100),
    sla_breached: int(0, 2),
    sla_at_risk: int(0, 3),
    windows: { '15m': win(), '60m': win(), today: win() },
  };
};

export const QUEUES = Array.from(
  { length: 40 },
  (_, i) =>
    `${['billing', 'sales', 'tech', 'returns', 'shipping', 'accounts', 'vip', 'fraud', 'onboarding', 'retention'][i % 10]}-${['en', 'es', 'fr', 'de'][Math.floor(i / 10)]}`,
);

export function initialSnapshot(now = Date.now()): Snapshot {
  const iso = (ms: number) => new Date(ms).toISOString();
  const agents: AgentView[] = Array.from({ length: 300 }, (_, i) => {
    const status = rand() < 0.1 ? 'away' : rand() < 0.05 ? 'offline' : 'online';
    const cap = int(2, 4);
    const active = status === 'online' ? int(0, cap) : 0;
    const since = now - int(60, 20_000) * 1000;
    return {
      id: `ag-${i}`,
      name: `Agent ${String(i).padStart(3, '0')}`,
      status,
      status_since: iso(since),
      queues: [QUEUES[i % 40]!, QUEUES[(i * 7) % 40]!],
      active_chats: active,
      chat_capacity: cap,
      load_pct: (100 * active) / cap,
      open_tickets: int(0, 8),
      handled_today: int(0, 40),
      timeline: Array.from({ length: int(2, 6) }, (_, k) => ({ status: k % 2 ? 'away' : 'online', at: iso(since - k * 600_000) })),
    };
  });
  const sla = (n: number, breached: boolean): SlaItem[] =>
    Array.from({ length: n }, (_, i) => {
      const remaining = breached ? -rand(3600) : rand(900);
      return {
        ticket_id: `T-${breached ? 1 : 2}${String(i).padStart(4, '0')}`,
        target: (['first_reply', 'next_reply', 'resolution'] as const)[i % 3]!,
        due_at: iso(now + remaining * 1000),
        remaining_s: remaining,
        queue: QUEUES[i % 40]!,
        priority: (['urgent', 'high', 'normal', 'low'] as const)[i % 4]!,
        agent_id: i % 2 ? `ag-${i}` : null,
      };
    });
  const alerts: Alert[] = Array.from({ length: 20 }, (_, i) => ({
    id: `al-${i}`,
    rule: i % 2 ? 'queue_wait' : 'agent_stranded',
    severity: i % 3 ? 'warning' : 'critical',
    state: 'firing',
    scope: { queue: QUEUES[i]! },
    title: `Alert ${i}`,
    message: `Something needs attention in ${QUEUES[i]}`,
    value: rand(300),
    threshold: 180,
    started_at: iso(now - i * 60_000),
    acknowledged_at: null,
    acknowledged_by: null,
    resolved_at: null,
    escalated_at: null,
    ...(i % 2
      ? {}
      : {
          suggestion: {
            action: 'reassign' as const,
            items: [{ kind: 'ticket' as const, id: `T-9${i}` }],
            from_agent_id: `ag-${i}`,
            to_agent_ids: [`ag-${i + 1}`, `ag-${i + 2}`],
          },
        }),
  }));
  return {
    at: iso(now),
    time_zone: 'UTC',
    overall: scope(),
    queues: Object.fromEntries(QUEUES.map((q) => [q, scope()])),
    channels: Object.fromEntries(['chat', 'voice', 'messaging'].map((c) => [c, scope()])),
    agents,
    sla: { breached: sla(15, true), at_risk: sla(25, false) },
    alerts,
  };
}

/** The next push: `stepMs` later, waits and countdowns moved on, a few queues and agents changed. `marker` goes in overall.waiting. */
export function nextSnapshot(prev: Snapshot, stepMs: number, marker: number): Snapshot {
  const at = Date.parse(prev.at) + stepMs;
  const s = stepMs / 1000;
  const queues: Record<string, ScopeMetrics> = {};
  for (const [name, m] of Object.entries(prev.queues)) queues[name] = m.waiting > 0 ? { ...m, longest_wait_s: m.longest_wait_s + s } : m;
  for (let k = 0; k < 3; k++) queues[QUEUES[int(0, 39)]!] = scope();
  const agents = prev.agents.slice();
  for (let k = 0; k < 5; k++) {
    const i = int(0, 299);
    const a = agents[i]!;
    const active = a.status === 'online' ? int(0, a.chat_capacity) : 0;
    agents[i] = { ...a, active_chats: active, load_pct: (100 * active) / a.chat_capacity };
  }
  const tick = (items: SlaItem[]) => items.map((i) => (i.remaining_s === null ? i : { ...i, remaining_s: i.remaining_s - s }));
  return {
    ...prev,
    at: new Date(at).toISOString(),
    overall: { ...prev.overall, waiting: marker },
    queues,
    agents,
    sla: { breached: tick(prev.sla.breached), at_risk: tick(prev.sla.at_risk) },
  };
}

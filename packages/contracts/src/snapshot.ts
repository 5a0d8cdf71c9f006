// The live snapshot of SPEC §2/§3 (`GET /v1/live`, WebSocket `/v1/live/stream`). Times are ISO 8601 strings.
import type { AgentStatus, Priority } from './events.ts';
import type { Alert } from './alerts.ts';
import type { LivePatch } from './live-patch.ts';

export const WINDOWS = ['15m', '60m', 'today'] as const;
export type WindowName = (typeof WINDOWS)[number];

/** Window metrics: over outcomes that happened inside the window. A ratio with an empty denominator is null. */
export interface WindowMetrics {
  offered: number;
  answered: number;
  abandoned: number;
  asa_s: number | null;
  service_level_pct: number | null;
  abandon_rate_pct: number | null;
  aht_s: number | null;
  csat_pct: number | null;
  csat_responses: number;
  created: number;
  solved: number;
  frt_avg_s: number | null;
  frt_p90_s: number | null;
  reassignments: number;
  fcr_pct: number | null;
  sla_achievement_pct: number | null;
}

/**
 * How many agents a queue needs now (SPEC §2 "Staffing", Erlang C; docs/metrics.md "Staffing"). With fewer than
 * 5 offered in the `15m` window every field but `staffed_agents` is null.
 */
export interface Staffing {
  /** 4 × the `15m` offered: contacts per hour */
  arrival_rate_per_h: number | null;
  /** the `60m` handle time, else today's, else the configured default */
  aht_s: number | null;
  /** A = arrival_rate_per_h × aht_s ÷ 3600 */
  load_erlangs: number | null;
  /** online agents listing the queue (an agent of several queues counts in each) */
  staffed_agents: number;
  /** the fewest agents whose servers give SL(T) ≥ goal_pct */
  required_agents: number | null;
  /** SL(T) × 100 with the staffed agents; 0 when overloaded */
  forecast_sl_pct: number | null;
  /** the mean wait Erlang C forecasts with the staffed agents (s); null when overloaded */
  forecast_asa_s: number | null;
  /** the staffed agents' servers are ≤ A: the queue grows without bound */
  overloaded: boolean | null;
  /** beyond the spec: most `15m` offered contacts are voice (one contact per agent) */
  voice: boolean | null;
  /** beyond the spec: T, the queue's service-level threshold (s) */
  threshold_s: number | null;
  /** beyond the spec: the queue's service-level goal (%) */
  goal_pct: number | null;
}

/** Instant metrics plus the window metrics, for one scope: overall, a queue or a channel. */
export interface ScopeMetrics {
  waiting: number;
  longest_wait_s: number;
  unsolved_tickets: number;
  unassigned_tickets: number;
  oldest_unassigned_s: number;
  agents_online: number;
  agents_away: number;
  active_chats: number;
  utilization_pct: number | null;
  sla_breached: number;
  sla_at_risk: number;
  windows: Record<WindowName, WindowMetrics>;
  /** queues only: how many agents the queue needs now */
  staffing?: Staffing;
}

export interface AgentView {
  id: string;
  name: string;
  status: AgentStatus;
  status_since: string | null;
  queues: string[];
  active_chats: number;
  chat_capacity: number;
  load_pct: number | null;
  open_tickets: number;
  handled_today: number;
  timeline: { status: AgentStatus; at: string }[];
  /** 'inferred': no presence comes from this agent's help desk; counted online while holding work (docs/sources.md) */
  presence?: 'inferred';
}

export type SlaTarget = 'first_reply' | 'next_reply' | 'resolution';

export interface SlaItem {
  ticket_id: string;
  target: SlaTarget;
  /** null while the target's clock is paused (resolution while pending) */
  due_at: string | null;
  /** negative when overdue; null while paused */
  remaining_s: number | null;
  queue: string | null;
  priority: Priority;
  agent_id: string | null;
}

/** How many targets are breached and at risk, listed or not (absent from older servers). */
export interface SlaTotals {
  breached: number;
  at_risk: number;
}

export interface Snapshot {
  at: string;
  time_zone: string;
  overall: ScopeMetrics;
  queues: Record<string, ScopeMetrics>;
  channels: Record<string, ScopeMetrics>;
  agents: AgentView[];
  /** the most urgent targets of each list (breached: most overdue first; at risk: least time left first), at most
   * `live.slaListLimit` each; `total` counts all of them (the full lists: `GET /v1/live/sla`) */
  sla: { breached: SlaItem[]; at_risk: SlaItem[]; total?: SlaTotals };
  alerts: Alert[];
  /** present and true while the live state is being rebuilt from history (numbers incomplete) */
  rebuilding?: boolean;
}

/** Heartbeat health: 'ok' only while the numbers can move (docs/operations.md, "Wall-board: LIVE and STALE"). */
export type LiveHealth = 'ok' | 'unavailable';

/**
 * Messages on WebSocket `/v1/live/stream`, server to browser (SPEC §3): a snapshot on connect and on `resync`,
 * then patches (live-patch.ts), each `seq` one more than the last message's; heartbeats carry the last `seq`.
 */
export type LiveMessage =
  | { type: 'snapshot' /** the stream's sequence number this snapshot stands at (absent from older servers) */; seq?: number; snapshot: Snapshot }
  | LivePatch
  | {
      type: 'heartbeat';
      /** the seq of the last snapshot or patch sent on this stream: a client holding less missed one */
      seq?: number;
      at: string;
      /** whether this server can serve live state now (Redis reachable, snapshots built); absent from older servers */
      live?: LiveHealth;
      /** why `live` is not 'ok' */
      reason?: string;
      /** `at` of the last snapshot the server built for its clients: a board holding an older one is behind */
      snapshot_at?: string | null;
    }
  | { type: 'error'; error: string };

/** Messages on WebSocket `/v1/live/stream`, browser to server: a client that saw a gap in `seq` asks for a snapshot. */
export type LiveClientMessage = { type: 'resync' };

/** `GET /v1/live/trend`: per-minute window metrics of the last 60 minutes, per scope (the board's sparklines). */
export interface Trend {
  at: string;
  /** start of each minute, oldest first; the last is the current minute */
  minutes: string[];
  /** scope ('all', 'q:<queue>', 'c:<channel>') → one WindowMetrics per minute */
  series: Record<string, WindowMetrics[]>;
}

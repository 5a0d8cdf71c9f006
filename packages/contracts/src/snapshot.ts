// The live snapshot of SPEC §2/§3 (`GET /v1/live`, WebSocket `/v1/live/stream`). Times are ISO 8601 strings.
import type { AgentStatus, Priority } from './events.ts';
import type { Alert } from './alerts.ts';

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

export interface Snapshot {
  at: string;
  time_zone: string;
  overall: ScopeMetrics;
  queues: Record<string, ScopeMetrics>;
  channels: Record<string, ScopeMetrics>;
  agents: AgentView[];
  sla: { breached: SlaItem[]; at_risk: SlaItem[] };
  alerts: Alert[];
  /** present and true while the live state is being rebuilt from history (numbers incomplete) */
  rebuilding?: boolean;
}

/** Heartbeat health: 'ok' only while the numbers can move (docs/operations.md, "Wall-board: LIVE and STALE"). */
export type LiveHealth = 'ok' | 'unavailable';

/** Messages on WebSocket `/v1/live/stream`, server to browser. */
export type LiveMessage =
  | { type: 'snapshot'; snapshot: Snapshot }
  | {
      type: 'heartbeat';
      at: string;
      /** whether this server can serve live state now (Redis reachable, snapshots built); absent from older servers */
      live?: LiveHealth;
      /** why `live` is not 'ok' */
      reason?: string;
      /** `at` of the last snapshot the server built for its clients: a board holding an older one is behind */
      snapshot_at?: string | null;
    }
  | { type: 'error'; error: string };

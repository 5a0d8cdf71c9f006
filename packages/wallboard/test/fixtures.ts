// Snapshot fixtures for the unit tests: every field of the contract, zero unless a test says otherwise.
import type { Alert, ScopeMetrics, Snapshot, WindowMetrics } from '@pulse/contracts';
import { windowMetrics } from '@pulse/metrics';

/** An empty window as the metrics define it, with the figures a test gives. */
export const win = (over: Partial<WindowMetrics> = {}): WindowMetrics => ({ ...windowMetrics({}), ...over });

export const scope = (over: Partial<ScopeMetrics> = {}): ScopeMetrics => ({
  waiting: 0,
  longest_wait_s: 0,
  unsolved_tickets: 0,
  unassigned_tickets: 0,
  oldest_unassigned_s: 0,
  agents_online: 0,
  agents_away: 0,
  active_chats: 0,
  utilization_pct: null,
  sla_breached: 0,
  sla_at_risk: 0,
  windows: { '15m': win(), '60m': win(), today: win() },
  ...over,
});

export const snap = (queues: Record<string, ScopeMetrics>, over: Partial<Snapshot> = {}): Snapshot => ({
  at: '2025-01-01T10:00:00.000Z',
  time_zone: 'UTC',
  overall: scope({ waiting: 99 }),
  queues,
  channels: {},
  agents: [],
  sla: { breached: [], at_risk: [] },
  alerts: [],
  ...over,
});

export const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'al-1',
  rule: 'queue_wait',
  severity: 'warning',
  state: 'firing',
  scope: {},
  title: 'Long wait',
  message: '',
  value: null,
  threshold: null,
  started_at: '2025-01-01T09:00:00.000Z',
  acknowledged_at: null,
  acknowledged_by: null,
  resolved_at: null,
  escalated_at: null,
  ...over,
});

// The history API as react-query hooks: settings, series with totals, names for the filters, agents, the
// staffing heatmap and the items behind a point.
import { skipToken, useQuery } from '@tanstack/react-query';
import type { WindowMetrics } from '@pulse/contracts';
import { api } from '../api.ts';
import type { Interval, Range } from '../range.ts';
import type { Filter, MetricKey, Samples } from './metrics.ts';

export interface HistoryConfig {
  time_zone: string;
  helpdesk_link_template: string | null;
  queue_names: Record<string, string>;
}

export type Point = { t: string } & WindowMetrics;

export interface SeriesReply {
  first_data_at: string | null;
  series: { scope: string; points: Point[] }[];
  totals: { scope: string; metrics: WindowMetrics; samples: Samples }[];
}

export interface ScopesReply {
  queues: { id: string; name: string }[];
  channels: string[];
  agents: { id: string; name: string }[];
}

export interface AgentRow {
  agent_id: string;
  name: string;
  handled: number;
  aht_s: number | null;
  csat_pct: number | null;
  csat_responses: number;
  frt_avg_s: number | null;
  sla_met: number;
  sla_breached: number;
  sla_achievement_pct: number | null;
  online_s: number;
  away_s: number;
}

export interface HeatCell {
  weekday: number;
  hour: number;
  hours: number;
  offered: number;
  offered_per_hour: number | null;
  service_level_pct: number | null;
}

export interface Item {
  kind: 'chat' | 'ticket';
  id: string;
  queue: string | null;
  channel: string | null;
  agent_id: string | null;
  agent_name: string | null;
  status: string;
  priority: string | null;
  started_at: string | null;
  answered_at: string | null;
  ended_at: string | null;
  wait_s: number | null;
  handle_s: number | null;
  frt_s: number | null;
  abandoned: boolean;
  csat: 'good' | 'bad' | null;
  sla_met: number;
  sla_breached: number;
}

export interface ItemsReply {
  total: number;
  limit: number;
  items: Item[];
}

/** The drill-down shows this many rows; its CSV up to the API's maximum. */
export const DRILL_ROWS = 500;
export const CSV_MAX_ROWS = 10_000;

/** Query parameters of a range and a filter (the API takes comma-separated lists). */
export function rangeParams(r: Range, tz: string, f?: Filter): URLSearchParams {
  const q = new URLSearchParams({ from: String(r.from), to: String(r.to), tz });
  if (f?.queues.length) q.set('queue', f.queues.join(','));
  if (f?.channels.length) q.set('channel', f.channels.join(','));
  if (f?.agent) q.set('agent', f.agent);
  return q;
}

export const seriesPath = (r: Range, interval: Interval, tz: string, f: Filter) => {
  const q = rangeParams(r, tz, f);
  q.set('interval', interval);
  q.set('combine', '1');
  return `/v1/history/series?${q}`;
};

export const useHistoryConfig = () => useQuery({ queryKey: ['history-config'], queryFn: () => api<HistoryConfig>('/v1/history/config'), staleTime: Infinity });

export function useSeries(r: Range | null, interval: Interval, tz: string, f: Filter) {
  const path = r ? `${seriesPath(r, interval, tz, f)}&totals=1` : null;
  return useQuery({ queryKey: ['series', path], queryFn: path === null ? skipToken : () => api<SeriesReply>(path) });
}

export function useScopes(r: Range, tz: string) {
  const path = `/v1/history/scopes?${rangeParams(r, tz)}`;
  return useQuery({ queryKey: ['scopes', path], queryFn: () => api<ScopesReply>(path) });
}

export function useAgents(r: Range, tz: string) {
  const path = `/v1/history/agents?${rangeParams(r, tz)}`;
  return useQuery({ queryKey: ['agents', path], queryFn: () => api<{ agents: AgentRow[] }>(path) });
}

export function useHeatmap(r: Range, tz: string, f: Filter, enabled: boolean) {
  const path = `/v1/history/heatmap?${rangeParams(r, tz, f)}`;
  return useQuery({ queryKey: ['heatmap', path], queryFn: () => api<{ cells: HeatCell[] }>(path), enabled });
}

export function itemsPath(r: Range, tz: string, f: Filter, metrics: MetricKey[], limit: number): string {
  const q = rangeParams(r, tz, f);
  q.set('metric', metrics.join(','));
  q.set('limit', String(limit));
  return `/v1/history/items?${q}`;
}

export function useItems(path: string | null) {
  return useQuery({ queryKey: ['items', path], queryFn: path === null ? skipToken : () => api<ItemsReply>(path) });
}

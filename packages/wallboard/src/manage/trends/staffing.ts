// Staffing by interval from the history API (GET /v1/history/staffing): the interval it is computed for, the
// request, and the counts a manager reads first (intervals short of agents, intervals with one to spare).
import { skipToken, useQuery } from '@tanstack/react-query';
import { api } from '../api.ts';
import type { Interval, Range } from '../range.ts';

export type StaffingInterval = '15m' | '1h';

export interface StaffingPoint {
  t: string;
  offered: number;
  service_level_pct: number | null;
  arrival_rate_per_h: number;
  aht_s: number;
  load_erlangs: number;
  agents_online: number;
  required_agents: number | null;
  gap: number | null;
}

export interface StaffingReply {
  interval: StaffingInterval;
  series: { queue: string; goal_pct: number; points: StaffingPoint[] }[];
}

/** The server's limit of intervals per queue. */
export const MAX_STAFFING_POINTS = 2200;

/** Quarter hours when the page shows 5 or 15 minutes, hours otherwise (a day's arrival rate says nothing of its hours). */
export const staffingInterval = (page: Interval): StaffingInterval => (page === '5m' || page === '15m' ? '15m' : '1h');

export function staffingPath(r: Range, tz: string, queue: string, interval: StaffingInterval): string | null {
  const step = interval === '15m' ? 900_000 : 3_600_000;
  if ((r.to - r.from) / step > MAX_STAFFING_POINTS) return null;
  return `/v1/history/staffing?${new URLSearchParams({ from: String(r.from), to: String(r.to), tz, queue, interval })}`;
}

export function useStaffing(path: string | null) {
  return useQuery({ queryKey: ['staffing', path], queryFn: path === null ? skipToken : () => api<StaffingReply>(path) });
}

/** Intervals with fewer agents online than needed, and with at least one more than needed. */
export function staffingCounts(points: StaffingPoint[]): { under: number; over: number } {
  let under = 0;
  let over = 0;
  for (const p of points) {
    if (p.gap === null) continue;
    if (p.gap < 0) under++;
    else if (p.gap >= 1) over++;
  }
  return { under, over };
}

// The alert API as react-query hooks: alerts, the page's settings, silences and deliveries; the lead's actions;
// and the live stream, which refreshes them when alerts change (no polling while it is up).
import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Alert, AlertChannelInfo, AlertRule, Silence } from '@pulse/contracts';
import { api, token } from '../api.ts';

export interface AlertSettings {
  channels: AlertChannelInfo[];
  time_zone: string;
  lang: string;
  snooze: string[];
  shift_end: string;
  queue_names: Record<string, string>;
  /** live state's queues and agents, with display names */
  queues: { id: string; name: string }[];
  agents: { id: string; name: string }[];
}

export interface Delivery {
  id: string;
  channel: string;
  queue?: string;
  status: string;
  attempts: number;
  created_at: string;
  last_error: string | null;
  events: string[];
}

/** a patch that changes alerts refreshes the page at most this often */
const PATCH_REFRESH_MS = 3000;

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

export const useSettings = () => useQuery({ queryKey: ['alert-settings'], queryFn: () => api<AlertSettings>('/v1/alerts/settings') });
export const useAlerts = () =>
  useQuery({ queryKey: ['alerts'], queryFn: async () => (await api<{ alerts: Alert[] }>('/v1/alerts')).alerts, refetchInterval: 30_000 });
export const useSilences = () =>
  useQuery({ queryKey: ['silences'], queryFn: async () => (await api<{ silences: Silence[] }>('/v1/alerts/silences')).silences, retry: false });
export const useDeliveries = () =>
  useQuery({ queryKey: ['deliveries'], queryFn: async () => (await api<{ deliveries: Delivery[] }>('/v1/alerts/deliveries')).deliveries, retry: false });

export function useActions() {
  const qc = useQueryClient();
  const settled = () => Promise.all([qc.invalidateQueries({ queryKey: ['alerts'] }), qc.invalidateQueries({ queryKey: ['silences'] })]);
  return {
    ack: useMutation({
      mutationFn: ({ ids, note }: { ids: string[]; note: string }): Promise<unknown> => {
        const [one, ...more] = ids;
        return one !== undefined && more.length === 0
          ? api<Alert>(`/v1/alerts/${encodeURIComponent(one)}/ack`, json(note ? { note } : {}))
          : api<{ results: unknown[] }>('/v1/alerts/ack', json({ ids, ...(note ? { note } : {}) }));
      },
      onSettled: settled,
    }),
    resolve: useMutation({
      mutationFn: ({ id }: { id: string }) => api<Alert>(`/v1/alerts/${encodeURIComponent(id)}/resolve`, json({})),
      onSettled: settled,
    }),
    snooze: useMutation({
      mutationFn: ({ id, until }: { id: string; until: string }) => api<Alert>(`/v1/alerts/${encodeURIComponent(id)}/snooze`, json({ until })),
      onSettled: settled,
    }),
    addSilence: useMutation({
      mutationFn: (s: { queue?: string; rule?: AlertRule; agent_id?: string; ends_at: number; reason: string }) => api<Silence>('/v1/alerts/silences', json(s)),
      onSettled: settled,
    }),
    removeSilence: useMutation({
      mutationFn: (id: string) => api<unknown>(`/v1/alerts/silences/${encodeURIComponent(id)}`, { method: 'DELETE' }),
      onSettled: settled,
    }),
  };
}

/** Refreshes the alert queries when the live stream's alerts change. */
export function useLiveRefresh(): void {
  const qc = useQueryClient();
  useEffect(() => {
    let ws: WebSocket | null = null;
    let stop = false;
    let retry = 500;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let last: string | null = null;
    let lastPatch = 0;
    const refresh = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        for (const k of ['alerts', 'deliveries', 'silences']) void qc.invalidateQueries({ queryKey: [k] });
      }, 300);
    };
    const open = () => {
      ws = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/v1/live/stream?token=${encodeURIComponent(token)}`);
      ws.onmessage = (m) => {
        const text = String(m.data);
        if (text.startsWith('{"type":"snapshot"')) {
          // refresh only when the board's alerts changed
          const alerts = (JSON.parse(text) as { snapshot?: { alerts?: Alert[] } }).snapshot?.alerts ?? [];
          const signature = alerts.map((a) => `${a.id}:${a.state}:${a.severity}:${a.items?.length ?? 0}:${a.escalated_at ?? ''}`).join('|');
          if (signature !== last) refresh();
          last = signature;
        } else if (text.startsWith('{"type":"patch"') && text.includes('"alerts"') && Date.now() - lastPatch > PATCH_REFRESH_MS) {
          // open alerts change every second (their values and relative times): at most one refresh per few seconds
          lastPatch = Date.now();
          refresh();
        }
      };
      ws.onopen = () => (retry = 500);
      ws.onclose = () => {
        if (!stop) setTimeout(open, (retry = Math.min(retry * 2, 10_000)));
      };
    };
    open();
    return () => {
      stop = true;
      if (timer) clearTimeout(timer);
      ws?.close();
    };
  }, [qc]);
}

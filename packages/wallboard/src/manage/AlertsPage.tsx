// Alerts for on-call leads: firing, acknowledged and recent resolved alerts with their suggestions;
// acknowledge and resolve; the delivery log. Kept current by the live stream (no polling while it is up).
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Alert } from '@pulse/contracts';
import { api, token } from './api.ts';

interface Delivery {
  id: string;
  channel: string;
  status: string;
  attempts: number;
  created_at: string;
  last_error: string | null;
  events: string[];
}

function useLiveInvalidation(keys: string[][]) {
  const qc = useQueryClient();
  useEffect(() => {
    let ws: WebSocket | null = null;
    let stop = false;
    let retry = 500;
    const open = () => {
      ws = new WebSocket(`${location.origin.replace('http', 'ws')}/v1/live/stream?token=${encodeURIComponent(token)}`);
      ws.onmessage = (m) => {
        if (String(m.data).includes('"type":"snapshot"')) for (const k of keys) void qc.invalidateQueries({ queryKey: k });
      };
      ws.onopen = () => (retry = 500);
      ws.onclose = () => {
        if (!stop) setTimeout(open, (retry = Math.min(retry * 2, 10_000)));
      };
    };
    open();
    return () => {
      stop = true;
      ws?.close();
    };
  }, [qc]);
}

export function AlertsPage() {
  const [state, setState] = useState<'' | 'firing' | 'acknowledged' | 'resolved'>('');
  const qc = useQueryClient();
  useLiveInvalidation([['alerts'], ['deliveries']]);
  const alerts = useQuery({ queryKey: ['alerts', state], queryFn: () => api<{ alerts: Alert[] }>(`/v1/alerts${state ? `?state=${state}` : ''}`) });
  const deliveries = useQuery({ queryKey: ['deliveries'], queryFn: () => api<{ deliveries: Delivery[] }>('/v1/alerts/deliveries') });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'ack' | 'resolve' }) => api<Alert>(`/v1/alerts/${id}/${action}`, { method: 'POST' }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['alerts'] }),
  });
  return (
    <main className="manage">
      <header>
        <h1>Pulse · Alerts</h1>
        <nav>
          {(['', 'firing', 'acknowledged', 'resolved'] as const).map((s) => (
            <button key={s || 'all'} className={s === state ? 'on' : ''} onClick={() => setState(s)}>
              {s || 'all'}
            </button>
          ))}
        </nav>
      </header>
      {(alerts.error || act.error || deliveries.error) && <p className="error" data-testid="error">{((alerts.error || act.error || deliveries.error) as Error).message}</p>}
      <ul className="alerts">
        {(alerts.data?.alerts ?? []).map((a) => (
          <li key={a.id} className={`alert ${a.severity} ${a.state}`} data-testid="alert-row" data-rule={a.rule} data-state={a.state} data-id={a.id}>
            <div className="what">
              <strong>{a.severity === 'critical' ? '✖ CRITICAL' : '▲ WARNING'}</strong> · {a.title}
              <div className="message">{a.message}</div>
              {a.suggestion && (
                <div className="suggestion" data-testid="suggestion">
                  → {a.suggestion.action === 'reassign' ? `Reassign ${a.suggestion.items.map((i) => i.id).join(', ')} to ${(a.suggestion.to_agent_ids ?? []).join(' or ') || 'nobody free'}` : `Move ${a.suggestion.items.map((i) => i.id).join(', ')} from ${a.suggestion.from_queue} to ${a.suggestion.to_queue}`}
                </div>
              )}
            </div>
            <div className="when">
              {a.state}
              {a.acknowledged_by && ` by ${a.acknowledged_by}`} · since {a.started_at.slice(11, 19)}
              {a.escalated_at && ' · escalated'}
            </div>
            <div className="actions">
              {a.state === 'firing' && (
                <button data-testid="ack" onClick={() => act.mutate({ id: a.id, action: 'ack' })}>
                  Acknowledge
                </button>
              )}
              {a.state !== 'resolved' && (
                <button data-testid="resolve" onClick={() => act.mutate({ id: a.id, action: 'resolve' })}>
                  Resolve
                </button>
              )}
            </div>
          </li>
        ))}
        {alerts.data?.alerts.length === 0 && <li className="empty">No alerts.</li>}
      </ul>
      <section className="drill">
        <h2>Deliveries</h2>
        <table>
          <thead>
            <tr><th>when</th><th>channel</th><th>events</th><th>status</th><th>attempts</th><th>last error</th></tr>
          </thead>
          <tbody>
            {(deliveries.data?.deliveries ?? []).slice(0, 100).map((d) => (
              <tr key={d.id} data-testid="delivery-row">
                <td>{d.created_at.slice(11, 19)}</td><td>{d.channel}</td><td>{d.events.join(', ')}</td><td>{d.status}</td><td>{d.attempts}</td><td>{d.last_error ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </main>
  );
}

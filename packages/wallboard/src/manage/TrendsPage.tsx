// Trends for managers: a date range with presets, an interval, queue and channel filters, comparison with
// the previous period, a chart per metric, a click from a point to the chats and tickets behind it, and
// CSV downloads of what is shown.
import { useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, withToken } from './api.ts';
import { INTERVAL_MS, PRESETS, presetRange, previous, type Interval, type Preset } from './range.ts';
import { TrendChart, type Point } from './TrendChart.tsx';

interface SeriesReply {
  series: { scope: string; points: Point[] }[];
}
interface ItemsReply {
  items: Record<string, string | number | boolean | null>[];
}

const CHARTS: { title: string; unit: string; metrics: { key: string; label: string; color: string }[] }[] = [
  { title: 'Volume', unit: 'contacts', metrics: [{ key: 'offered', label: 'Chats offered', color: '#38bdf8' }, { key: 'created', label: 'Tickets created', color: '#a78bfa' }] },
  { title: 'Average speed of answer', unit: 's', metrics: [{ key: 'asa_s', label: 'ASA', color: '#38bdf8' }] },
  { title: 'Service level', unit: '%', metrics: [{ key: 'service_level_pct', label: 'Service level', color: '#22c55e' }] },
  { title: 'Abandonment', unit: '%', metrics: [{ key: 'abandon_rate_pct', label: 'Abandon rate', color: '#f97316' }] },
  { title: 'CSAT', unit: '%', metrics: [{ key: 'csat_pct', label: 'CSAT', color: '#eab308' }] },
  { title: 'First reply time', unit: 's', metrics: [{ key: 'frt_avg_s', label: 'Mean', color: '#38bdf8' }, { key: 'frt_p90_s', label: 'p90', color: '#f472b6' }] },
  { title: 'SLA attainment', unit: '%', metrics: [{ key: 'sla_achievement_pct', label: 'SLA met', color: '#22c55e' }] },
  { title: 'Reassignments', unit: 'count', metrics: [{ key: 'reassignments', label: 'Reassignments', color: '#f87171' }] },
];

const ITEM_COLUMNS = ['kind', 'id', 'queue', 'channel', 'agent_id', 'status', 'started_at', 'wait_s', 'handle_s', 'frt_s', 'csat', 'sla_breached'];

export function TrendsPage() {
  const [preset, setPreset] = useState<Preset>('7d');
  const [interval, setInterval] = useState<Interval>('1h');
  const [queue, setQueue] = useState('');
  const [channel, setChannel] = useState('');
  const [compare, setCompare] = useState(false);
  const [picked, setPicked] = useState<string | null>(null);
  const range = useMemo(() => presetRange(preset), [preset]);
  const params = (r: { from: number; to: number }) => {
    const q = new URLSearchParams({ from: String(r.from), to: String(r.to), interval });
    if (queue) q.set('queue', queue);
    if (channel) q.set('channel', channel);
    return q.toString();
  };
  const current = useQuery({ queryKey: ['series', params(range)], queryFn: () => api<SeriesReply>(`/v1/history/series?${params(range)}`) });
  const prior = useQuery({
    queryKey: ['series', params(previous(range))],
    queryFn: () => api<SeriesReply>(`/v1/history/series?${params(previous(range))}`),
    enabled: compare,
  });
  const drill = picked ? { from: Date.parse(picked), to: Date.parse(picked) + INTERVAL_MS[interval] } : null;
  const itemsPath = drill ? `/v1/history/items?from=${drill.from}&to=${drill.to}${queue ? `&queue=${queue}` : ''}${channel ? `&channel=${channel}` : ''}` : null;
  const items = useQuery({ queryKey: ['items', itemsPath], queryFn: () => api<ItemsReply>(itemsPath!), enabled: itemsPath !== null });

  const points = current.data?.series[0]?.points ?? [];
  return (
    <main className="manage">
      <header>
        <h1>Pulse · Trends</h1>
        <nav>
          {PRESETS.map((p) => (
            <button key={p.id} className={p.id === preset ? 'on' : ''} data-testid={`preset-${p.id}`} onClick={() => (setPreset(p.id), setInterval(p.interval), setPicked(null))}>
              {p.label}
            </button>
          ))}
          <select value={interval} onChange={(e) => setInterval(e.target.value as Interval)} data-testid="interval" aria-label="Interval">
            {(['5m', '15m', '1h', '1d'] as Interval[]).map((i) => (
              <option key={i}>{i}</option>
            ))}
          </select>
          <input placeholder="queues (a,b)" value={queue} onChange={(e) => setQueue(e.target.value.trim())} data-testid="queue-filter" aria-label="Queues" />
          <input placeholder="channel" value={channel} onChange={(e) => setChannel(e.target.value.trim())} aria-label="Channel" />
          <label>
            <input type="checkbox" checked={compare} onChange={(e) => setCompare(e.target.checked)} data-testid="compare" /> previous period
          </label>
          <a className="csv" data-testid="csv-series" href={withToken(`/v1/history/series?${params(range)}&format=csv`)}>
            CSV
          </a>
        </nav>
      </header>
      {current.error && <p className="error" data-testid="error">{(current.error as Error).message}</p>}
      <div className="charts">
        {CHARTS.map((c) => (
          <TrendChart key={c.title} {...c} points={points} previous={compare ? prior.data?.series[0]?.points : undefined} onPick={setPicked} />
        ))}
      </div>
      {drill && (
        <section className="drill" data-testid="drill-down">
          <h2>
            Behind {new Date(drill.from).toISOString().slice(0, 16).replace('T', ' ')} – {new Date(drill.to).toISOString().slice(11, 16)} UTC:{' '}
            <span data-testid="drill-count">{items.data?.items.length ?? '…'}</span> chats and tickets{' '}
            {itemsPath && (
              <a className="csv" href={withToken(`${itemsPath}&format=csv`)} data-testid="csv-items">
                CSV
              </a>
            )}
          </h2>
          <table>
            <thead>
              <tr>{ITEM_COLUMNS.map((c) => <th key={c}>{c}</th>)}</tr>
            </thead>
            <tbody>
              {(items.data?.items ?? []).slice(0, 500).map((row) => (
                <tr key={`${row.kind}:${row.id}`} data-testid="drill-row">
                  {ITEM_COLUMNS.map((c) => (
                    <td key={c}>{row[c] === null ? '—' : String(row[c])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </main>
  );
}

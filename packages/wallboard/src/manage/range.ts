// Date ranges of the trends page: presets, intervals that fit them, and the previous period to compare with.
export type Preset = 'today' | '24h' | '7d' | '30d' | '90d';
export type Interval = '5m' | '15m' | '1h' | '1d';

export const PRESETS: { id: Preset; label: string; interval: Interval }[] = [
  { id: 'today', label: 'Today', interval: '15m' },
  { id: '24h', label: 'Last 24 h', interval: '1h' },
  { id: '7d', label: 'Last 7 days', interval: '1h' },
  { id: '30d', label: 'Last 30 days', interval: '1d' },
  { id: '90d', label: 'Last 90 days', interval: '1d' },
];

export const INTERVAL_MS: Record<Interval, number> = { '5m': 300_000, '15m': 900_000, '1h': 3_600_000, '1d': 86_400_000 };

export function presetRange(p: Preset, now = Date.now()): { from: number; to: number } {
  const to = Math.ceil(now / 60_000) * 60_000;
  if (p === 'today') {
    const d = new Date(now);
    return { from: Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), to };
  }
  const days = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 }[p];
  const step = days >= 30 ? 86_400_000 : 3_600_000;
  return { from: Math.floor((to - days * 86_400_000) / step) * step, to };
}

export const previous = (r: { from: number; to: number }) => ({ from: r.from - (r.to - r.from), to: r.from });

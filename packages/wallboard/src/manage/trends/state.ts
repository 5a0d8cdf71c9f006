// Every setting of the trends page lives in its URL, so a link reproduces the view: the period (a preset,
// or custom dates), the interval, the comparison, the filters, the point drilled into and the agent
// table's order. `token`, `lang` and `tz` are kept as they are.
import { useCallback, useEffect, useState } from 'react';
import { isInterval, isPreset, type Compare, type Interval, type Preset } from '../range.ts';
import { isChartId, type ChartId } from './metrics.ts';

export interface Drill {
  chart: ChartId;
  /** the point's start, ISO */
  t: string;
}

export interface TrendsState {
  preset: Preset;
  /** custom range: local dates YYYY-MM-DD, both included */
  fromDate: string | null;
  toDate: string | null;
  /** null: the period's own */
  interval: Interval | null;
  compare: Compare;
  queues: string[];
  channels: string[];
  agent: string | null;
  drill: Drill | null;
  sort: { key: string; desc: boolean };
}

export const DEFAULT_STATE: TrendsState = {
  preset: '7d',
  fromDate: null,
  toDate: null,
  interval: null,
  compare: 'prev',
  queues: [],
  channels: [],
  agent: null,
  drill: null,
  sort: { key: 'handled', desc: true },
};

const COMPARES: Compare[] = ['prev', 'week', 'none'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseState(search: string): TrendsState {
  const p = new URLSearchParams(search);
  const one = (k: string) => p.get(k)?.trim() || null;
  const many = (k: string) => [
    ...new Set(
      p
        .getAll(k)
        .map((v) => v.trim())
        .filter(Boolean),
    ),
  ];
  const range = one('range');
  const interval = one('interval');
  const compare = one('compare');
  const from = one('from');
  const to = one('to');
  const drill = one('drill');
  const at = drill ? drill.indexOf('@') : -1;
  const chart = drill && at > 0 ? drill.slice(0, at) : '';
  const t = drill && at > 0 ? drill.slice(at + 1) : '';
  const sort = one('sort');
  return {
    preset: isPreset(range) ? range : DEFAULT_STATE.preset,
    fromDate: from && DATE.test(from) ? from : null,
    toDate: to && DATE.test(to) ? to : null,
    interval: isInterval(interval) ? interval : null,
    compare: COMPARES.includes(compare as Compare) ? (compare as Compare) : DEFAULT_STATE.compare,
    queues: many('queue'),
    channels: many('channel'),
    agent: one('agent'),
    drill: isChartId(chart) && Number.isFinite(Date.parse(t)) ? { chart, t: new Date(Date.parse(t)).toISOString() } : null,
    sort: sort ? { key: sort.replace(/^-/, ''), desc: sort.startsWith('-') } : DEFAULT_STATE.sort,
  };
}

export function stateSearch(s: TrendsState, current: string): string {
  const keep = new URLSearchParams(current);
  const p = new URLSearchParams();
  for (const k of ['token', 'lang', 'tz']) {
    const v = keep.get(k);
    if (v) p.set(k, v);
  }
  p.set('range', s.preset);
  if (s.preset === 'custom') {
    if (s.fromDate) p.set('from', s.fromDate);
    if (s.toDate) p.set('to', s.toDate);
  }
  if (s.interval) p.set('interval', s.interval);
  if (s.compare !== DEFAULT_STATE.compare) p.set('compare', s.compare);
  for (const q of s.queues) p.append('queue', q);
  for (const c of s.channels) p.append('channel', c);
  if (s.agent) p.set('agent', s.agent);
  if (s.drill) p.set('drill', `${s.drill.chart}@${s.drill.t}`);
  if (s.sort.key !== DEFAULT_STATE.sort.key || s.sort.desc !== DEFAULT_STATE.sort.desc) p.set('sort', `${s.sort.desc ? '-' : ''}${s.sort.key}`);
  return `?${p.toString()}`;
}

/** The page's state, read from the URL and written back to it (replacing the entry) on every change. */
export function useUrlState(): [TrendsState, (patch: Partial<TrendsState>) => void] {
  const [state, setState] = useState(() => parseState(location.search));
  useEffect(() => {
    const search = stateSearch(state, location.search);
    if (search !== location.search) history.replaceState(null, '', `${location.pathname}${search}`);
  }, [state]);
  useEffect(() => {
    const onPop = () => setState(parseState(location.search));
    addEventListener('popstate', onPop);
    return () => removeEventListener('popstate', onPop);
  }, []);
  const update = useCallback((patch: Partial<TrendsState>) => setState((s) => ({ ...s, ...patch })), []);
  return [state, update];
}

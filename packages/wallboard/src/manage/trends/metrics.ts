// The metrics of the trends page: their unit, which way is better, what they are about (chats, tickets or
// both) and whether an agent has them; the charts that show them; and when a filter makes one meaningless.
import { CHAT_CHANNELS, TICKET_CHANNELS, type WindowMetrics } from '@pulse/contracts';
import type { Unit } from './units.ts';

export type MetricKey = keyof WindowMetrics;

export interface Samples {
  offered: number;
  answered: number;
  service_level: number;
  handled: number;
  csat: number;
  frt: number;
  sla: number;
  solved: number;
}

export interface MetricDef {
  unit: Unit;
  /** which way a change is good; null: neither */
  better: 'up' | 'down' | null;
  about: 'chat' | 'ticket' | 'any';
  /** history keeps it per agent (agents' scopes hold handle time, first replies, solves, CSAT and SLA) */
  perAgent: boolean;
  /** the outcomes it stands on, shown when there are few */
  sample?: keyof Samples;
}

export const METRICS: Record<MetricKey, MetricDef> = {
  offered: { unit: 'count', better: null, about: 'chat', perAgent: false },
  answered: { unit: 'count', better: null, about: 'chat', perAgent: false },
  abandoned: { unit: 'count', better: 'down', about: 'chat', perAgent: false },
  asa_s: { unit: 'duration', better: 'down', about: 'chat', perAgent: false, sample: 'answered' },
  service_level_pct: { unit: 'pct', better: 'up', about: 'chat', perAgent: false, sample: 'service_level' },
  abandon_rate_pct: { unit: 'pct', better: 'down', about: 'chat', perAgent: false, sample: 'offered' },
  aht_s: { unit: 'duration', better: null, about: 'chat', perAgent: true, sample: 'handled' },
  csat_pct: { unit: 'pct', better: 'up', about: 'any', perAgent: true, sample: 'csat' },
  csat_responses: { unit: 'count', better: null, about: 'any', perAgent: true },
  created: { unit: 'count', better: null, about: 'ticket', perAgent: false },
  solved: { unit: 'count', better: null, about: 'ticket', perAgent: true },
  frt_avg_s: { unit: 'duration', better: 'down', about: 'ticket', perAgent: true, sample: 'frt' },
  frt_p90_s: { unit: 'duration', better: 'down', about: 'ticket', perAgent: false, sample: 'frt' },
  reassignments: { unit: 'count', better: 'down', about: 'any', perAgent: false },
  fcr_pct: { unit: 'pct', better: 'up', about: 'ticket', perAgent: false, sample: 'solved' },
  sla_achievement_pct: { unit: 'pct', better: 'up', about: 'ticket', perAgent: true, sample: 'sla' },
};

/** The headline row, in reading order. */
export const HEADLINE: MetricKey[] = [
  'offered',
  'service_level_pct',
  'asa_s',
  'abandon_rate_pct',
  'aht_s',
  'csat_pct',
  'created',
  'solved',
  'frt_avg_s',
  'sla_achievement_pct',
];

export type ChartId = 'volume' | 'service_level' | 'asa' | 'abandon' | 'aht' | 'csat' | 'frt' | 'sla' | 'fcr' | 'reassignments';

/** The charts of the page, each with one metric or more. */
export const CHARTS: { id: ChartId; unit: Unit; metrics: [MetricKey, ...MetricKey[]] }[] = [
  { id: 'volume', unit: 'count', metrics: ['offered', 'created', 'solved'] },
  { id: 'service_level', unit: 'pct', metrics: ['service_level_pct'] },
  { id: 'asa', unit: 'duration', metrics: ['asa_s'] },
  { id: 'abandon', unit: 'pct', metrics: ['abandon_rate_pct'] },
  { id: 'aht', unit: 'duration', metrics: ['aht_s'] },
  { id: 'csat', unit: 'pct', metrics: ['csat_pct'] },
  { id: 'frt', unit: 'duration', metrics: ['frt_avg_s', 'frt_p90_s'] },
  { id: 'sla', unit: 'pct', metrics: ['sla_achievement_pct'] },
  { id: 'fcr', unit: 'pct', metrics: ['fcr_pct'] },
  { id: 'reassignments', unit: 'count', metrics: ['reassignments'] },
];

export const isChartId = (s: string): s is ChartId => CHARTS.some((c) => c.id === s);

const COLORS = ['#38bdf8', '#c084fc', '#4ade80'] as const;
/** The colour of the `i`-th line of a chart (they repeat after three). */
export const colorOf = (i: number): string => COLORS[i % COLORS.length] ?? COLORS[0];

/** Channels that carry chats, and those that carry tickets (SPEC §1: the contract's lists). */
const chatChannels = new Set<string>(CHAT_CHANNELS);
const ticketChannels = new Set<string>(TICKET_CHANNELS);

export interface Filter {
  queues: string[];
  channels: string[];
  agent: string | null;
}

export type NotApplicable = { why: 'agent' } | { why: 'no-chats' | 'no-tickets'; channels: string[] };

/** Why a filter makes a metric meaningless (first reply time for voice), or null when it applies. */
export function notApplicable(metric: MetricKey, f: Filter): NotApplicable | null {
  const def = METRICS[metric];
  if (f.agent !== null && !def.perAgent) return { why: 'agent' };
  if (f.channels.length > 0) {
    if (def.about === 'ticket' && !f.channels.some((c) => ticketChannels.has(c))) return { why: 'no-tickets', channels: f.channels };
    if (def.about === 'chat' && !f.channels.some((c) => chatChannels.has(c))) return { why: 'no-chats', channels: f.channels };
  }
  return null;
}

// The levels of a tile's figures: chats now (waiting, longest wait), the window's figures (each needs its
// minimum sample before it gets a colour), and the ticket backlog; and the tile's own level from them.
import type { ScopeMetrics, WindowName } from '@pulse/contracts';
import { levelOf, sampledLevel, tileLevel, type Level, type MinSample, type Thresholds } from './levels.ts';
import { tickingWait } from './metrics.ts';

/** CSAT needs more responses than 15 minutes give: it uses 60 minutes when the tile's window is 15 minutes. */
export const csatWindow = (w: WindowName): WindowName => (w === '15m' ? '60m' : w);

export type FigureName = 'waiting' | 'sl' | 'asa' | 'abandon' | 'csat' | 'unsolved' | 'unassigned' | 'oldest';

export interface TileFigures {
  levels: Record<FigureName, Level>;
  /** The sample of a window figure too small for a colour, by figure. */
  short: Partial<Record<'sl' | 'asa' | 'abandon' | 'csat', number>>;
}

export function tileFigures(m: ScopeMetrics, window: WindowName, th: Thresholds, min: MinSample): TileFigures {
  const w = m.windows?.[window];
  const cw = m.windows?.[csatWindow(window)];
  const offered = w?.offered ?? 0;
  const answered = w?.answered ?? 0;
  const responses = cw?.csat_responses ?? 0;
  const short: TileFigures['short'] = {};
  const sampled = (key: keyof TileFigures['short'], t: Thresholds[keyof Thresholds], value: number | null | undefined, n: number, least: number): Level => {
    if (value != null && n < least) short[key] = n;
    return sampledLevel(t, value, n, least);
  };
  return {
    levels: {
      waiting: levelOf(th.waiting, m.waiting),
      sl: sampled('sl', th.service_level_pct, w?.service_level_pct, offered, min.offered),
      asa: sampled('asa', th.asa_s, w?.asa_s, answered, min.offered),
      abandon: sampled('abandon', th.abandon_rate_pct, w?.abandon_rate_pct, offered, min.offered),
      csat: sampled('csat', th.csat_pct, cw?.csat_pct, responses, min.csat_responses),
      unsolved: levelOf(th.unsolved_tickets, m.unsolved_tickets),
      unassigned: levelOf(th.unassigned_tickets, m.unassigned_tickets),
      oldest: m.unassigned_tickets > 0 ? levelOf(th.oldest_unassigned_s, m.oldest_unassigned_s) : levelOf(th.oldest_unassigned_s, 0),
    },
    short,
  };
}

/** The tile's level now: waiting and the (ticking) longest wait first; a red service level or ticket backlog a warning. */
export function tileLevelNow(f: TileFigures, m: ScopeMetrics, th: Thresholds, receivedAt: number, now: number): Level {
  const wait = levelOf(th.longest_wait_s, tickingWait(m.longest_wait_s, m.waiting, receivedAt, now));
  const { waiting, sl, unassigned, oldest } = f.levels;
  return tileLevel([waiting, wait], [sl, unassigned, oldest]);
}

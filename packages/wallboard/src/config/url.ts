// The whole board is configured by its URL, so a kiosk needs no clicks. See packages/wallboard/README.md.
import { isValidTimeZone } from '../format.ts';
import { DEFAULT_VIEW, parseBoards, readView, type BoardView } from './boards.ts';

export type Theme = 'dark' | 'light';

export interface BoardSettings {
  /** Viewer token for `GET /v1/*` (Authorization header) and the WebSocket (`?token=`). */
  token: string | null;
  /** Requested language tag (`lang=es`); null → the browser's. */
  lang: string | null;
  theme: Theme;
  /** IANA time zone of clocks and times; null → the server's board time zone. */
  tz: string | null;
  /** Hide every control and the mouse pointer. */
  kiosk: boolean;
  /** Seconds each board shows before the next (only with several boards). */
  rotateS: number;
  /** Seconds each page of a long list (agents, SLA, alerts) shows before the next. */
  pageS: number;
  /** At least one: the URL's `boards=`, else the one board its other parameters describe. */
  boards: [BoardView, ...BoardView[]];
}

export const DEFAULT_ROTATE_S = 30;
export const DEFAULT_PAGE_S = 10;
const MIN_SECONDS = 2;

function seconds(value: string | null, fallback: number): number {
  const n = value === null ? NaN : Number(value);
  return Number.isFinite(n) && n >= MIN_SECONDS ? n : fallback;
}

const TRUE = new Set(['1', 'true', 'yes', 'on', '']);

export function parseBoardUrl(search: string): BoardSettings {
  const params = new URLSearchParams(search);
  const one = (key: string) => params.get(key)?.trim() || null;
  const base = readView((key) => params.getAll(key), DEFAULT_VIEW);
  const boardsSpec = params.getAll('boards').join('|');
  const [first, ...more] = boardsSpec ? parseBoards(boardsSpec, base) : [];
  const tz = one('tz');
  const kiosk = params.get('kiosk');
  return {
    token: one('token'),
    lang: one('lang'),
    theme: one('theme') === 'light' ? 'light' : 'dark',
    tz: tz && isValidTimeZone(tz) ? tz : null,
    kiosk: kiosk !== null && TRUE.has(kiosk.trim().toLowerCase()),
    rotateS: seconds(one('rotate'), DEFAULT_ROTATE_S),
    pageS: seconds(one('page'), DEFAULT_PAGE_S),
    boards: first ? [first, ...more] : [base],
  };
}

/** The board's time zone: the URL's, else the server's board config, else the snapshot's, else the browser's. */
export function resolveTimeZone(...candidates: (string | null | undefined)[]): string {
  for (const tz of candidates) if (tz && isValidTimeZone(tz)) return tz;
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

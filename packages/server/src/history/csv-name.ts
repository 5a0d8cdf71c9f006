// File names of CSV downloads that say what they hold: the surface, the range in local dates (and times
// when it does not run from midnight to midnight) and the filter, e.g.
// `pulse-series-2026-11-16_2026-11-22-queue-billing.csv`.
import { localDate, startOfLocalDay } from '@pulse/metrics';

export interface CsvNameParts {
  what: string;
  from: number;
  to: number;
  timeZone: string;
  queues?: string[];
  channels?: string[];
  /** agents by name */
  agents?: string[];
}

const MAX = 160;

function localTime(ts: number, timeZone: string): string {
  const p = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ts);
  return p.replace(':', '');
}

function rangePart(from: number, to: number, tz: string): string {
  const midnights = startOfLocalDay(from, tz) === from && startOfLocalDay(to, tz) === to;
  if (midnights) {
    const first = localDate(from, tz);
    const last = localDate(to - 1, tz);
    return first === last ? first : `${first}_${last}`;
  }
  return `${localDate(from, tz)}T${localTime(from, tz)}_${localDate(to, tz)}T${localTime(to, tz)}`;
}

/** The name in full (Unicode) and in ASCII, for `filename*` and `filename` of Content-Disposition. */
export function csvFileName(p: CsvNameParts): { utf8: string; ascii: string } {
  const filter = [
    p.queues?.length ? `queue-${p.queues.join('+')}` : '',
    p.channels?.length ? `channel-${p.channels.join('+')}` : '',
    p.agents?.length ? `agent-${p.agents.join('+')}` : '',
  ].filter(Boolean);
  const raw = ['pulse', p.what, rangePart(p.from, p.to, p.timeZone), ...filter].join('-');
  const utf8 = raw.replace(/[^\p{L}\p{N}._+-]+/gu, '-').slice(0, MAX);
  const ascii = utf8
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._+-]+/g, '-')
    .slice(0, MAX);
  return { utf8: `${utf8}.csv`, ascii: `${ascii}.csv` };
}

export const contentDisposition = (name: { utf8: string; ascii: string }): string =>
  `attachment; filename="${name.ascii}"; filename*=UTF-8''${encodeURIComponent(name.utf8)}`;

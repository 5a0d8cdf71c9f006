// Board configuration from the page URL: ?token=<viewer token>&queue=a,b&tz=Europe/Paris
import { isValidTimeZone } from './format.ts';

export interface BoardConfig {
  /** Viewer token, sent to `GET /v1/live` (Authorization header) and the WebSocket (`?token=`). */
  token: string | null;
  /** Queues to show as tiles; null = every queue of the snapshot. */
  queues: string[] | null;
  /** Time zone for the clock and times; null = the snapshot's `time_zone`. */
  tz: string | null;
}

export function parseConfig(search: string): BoardConfig {
  const params = new URLSearchParams(search);
  const token = params.get('token')?.trim() || null;
  const queueParams = params.getAll('queue').flatMap((v) => v.split(','));
  const queues = [...new Set(queueParams.map((q) => q.trim()).filter(Boolean))];
  const tz = params.get('tz')?.trim() || null;
  return {
    token,
    queues: queues.length > 0 ? queues : null,
    tz: tz && isValidTimeZone(tz) ? tz : null,
  };
}

/** The board's time zone: the URL's, else the snapshot's, else the browser's. */
export function resolveTimeZone(configured: string | null, snapshotTz: string | undefined): string {
  if (configured) return configured;
  if (snapshotTz && isValidTimeZone(snapshotTz)) return snapshotTz;
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

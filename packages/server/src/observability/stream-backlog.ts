// The backlog of each consumer group of a stream, from XINFO GROUPS: `lag` (entries not yet read by the
// group) plus `pending` (read, not acknowledged). Redis reports no lag when it cannot compute it (after
// entries were deleted out of order): the stream's length stands in then, an upper bound (the stream is
// trimmed only behind every group).
import type { Redis } from 'ioredis';
import type { Gauge } from 'prom-client';

export interface GroupBacklog {
  stream: string;
  group: string;
  backlog: number;
  pending: number;
}

function field(info: unknown[], name: string): unknown {
  const i = info.indexOf(name);
  return i >= 0 ? info[i + 1] : undefined;
}

export async function streamBacklogs(redis: Redis, streams: { key: string; label: string }[]): Promise<GroupBacklog[]> {
  const out: GroupBacklog[] = [];
  for (const s of streams) {
    const [groups, length] = await Promise.all([redis.xinfo('GROUPS', s.key).catch(() => []) as Promise<unknown[][]>, redis.xlen(s.key)]);
    for (const g of groups) {
      const pending = Number(field(g, 'pending') ?? 0);
      const lag = field(g, 'lag');
      const unread = lag === null || lag === undefined ? length : Number(lag);
      out.push({ stream: s.label, group: String(field(g, 'name')), backlog: unread + pending, pending });
    }
  }
  return out;
}

/** Sets pulse_stream_backlog and pulse_stream_pending at each scrape; Redis unreachable keeps the last values. */
export function trackStreamBacklog(
  metrics: { streamBacklog: Gauge<'stream' | 'group'>; streamPending: Gauge<'stream' | 'group'>; onScrape(f: () => Promise<void>): void },
  redis: Redis,
  streams: { key: string; label: string }[],
): void {
  metrics.onScrape(async () => {
    if (redis.status !== 'ready') return; // an outage is reported by /readyz; the gauges keep their last values
    let groups: GroupBacklog[];
    try {
      groups = await streamBacklogs(redis, streams);
    } catch {
      return;
    }
    for (const g of groups) {
      metrics.streamBacklog.set({ stream: g.stream, group: g.group }, g.backlog);
      metrics.streamPending.set({ stream: g.stream, group: g.group }, g.pending);
    }
  });
}

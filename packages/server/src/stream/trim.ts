// Trims the stream behind every consumer group: nothing is removed that a group has not acknowledged.
import type { PulseRedis } from '../redis/scripts.ts';

/** The smaller of two stream ids. */
export function minId(a: string, b: string): string {
  // a stream id is always <ms>-<seq>
  const [am, as] = a.split('-').map(BigInt) as [bigint, bigint];
  const [bm, bs] = b.split('-').map(BigInt) as [bigint, bigint];
  return am < bm || (am === bm && as < bs) ? a : b;
}

/** The id before which every group has acknowledged everything, or null when no group exists. */
export async function safeTrimPoint(redis: PulseRedis, stream: string): Promise<string | null> {
  const groups = (await redis.xinfo('GROUPS', stream)) as (string | number)[][];
  let point: string | null = null;
  for (const g of groups) {
    const info: Record<string, string | number> = {};
    for (let i = 0; i < g.length; i += 2) {
      const value = g[i + 1];
      if (value !== undefined) info[String(g[i])] = value;
    }
    let groupPoint = String(info['last-delivered-id']);
    if (Number(info.pending) > 0) {
      const summary = (await redis.xpending(stream, String(info.name))) as [number, string, string, unknown];
      if (summary[1]) groupPoint = minId(groupPoint, summary[1]);
    }
    point = point === null ? groupPoint : minId(point, groupPoint);
  }
  return point;
}

/** Removes entries older than the safe point; returns how many were removed. */
export async function trimStream(redis: PulseRedis, stream: string): Promise<number> {
  const point = await safeTrimPoint(redis, stream);
  if (!point || point === '0-0') return 0;
  return Number(await redis.xtrim(stream, 'MINID', point));
}

// Reads the live-state model from Redis (commands of one snapshot are auto-pipelined). One per instance: the
// snapshots, the alert rules and the SLA ticker read with it (wiring/live.ts).
import type { StateReader } from '@pulse/metrics';
import type { Redis } from 'ioredis';

export class RedisStateReader implements StateReader {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  zcard(key: string): Promise<number> {
    return this.redis.zcard(this.prefix + key);
  }
  async zmin(key: string): Promise<number | null> {
    const r = await this.redis.zrange(this.prefix + key, 0, 0, 'WITHSCORES');
    return r.length >= 2 ? Number(r[1]) : null;
  }
  async zscores(key: string): Promise<number[]> {
    const r = await this.redis.zrange(this.prefix + key, 0, -1, 'WITHSCORES');
    const out: number[] = [];
    for (let i = 1; i < r.length; i += 2) out.push(Number(r[i]));
    return out;
  }
  hgetall(key: string): Promise<Record<string, string>> {
    return this.redis.hgetall(this.prefix + key);
  }
  zcount(key: string, min: number, max: number): Promise<number> {
    return this.redis.zcount(this.prefix + key, score(min), score(max));
  }
  /** Members scored after `after` (exclusive) and up to `max` (the SLA ticker: moments passed since its last look). */
  async zcountAfter(key: string, after: number, max: number): Promise<number> {
    if (!(max > after)) return 0;
    return this.redis.zcount(this.prefix + key, `(${score(after)}`, score(max));
  }
  async zrangeByScore(key: string, min: number, max: number, limit: number): Promise<[string, number][]> {
    return pairs(await this.redis.zrangebyscore(this.prefix + key, score(min), score(max), 'WITHSCORES', 'LIMIT', 0, limit));
  }
  hmget(key: string, fields: string[]): Promise<(string | null)[]> {
    return this.redis.hmget(this.prefix + key, ...fields);
  }

  /** Members scored after `after` (exclusive) and up to `max`, lowest first, at most `limit` (incremental view). */
  async zrangeAfter(key: string, after: number, max: number, limit: number): Promise<[string, number][]> {
    if (!(max > after)) return [];
    return pairs(await this.redis.zrangebyscore(this.prefix + key, `(${score(after)}`, score(max), 'WITHSCORES', 'LIMIT', 0, limit));
  }
  /** The scores of `members` (null for those not in the set). */
  async zmscore(key: string, members: string[]): Promise<(number | null)[]> {
    if (members.length === 0) return [];
    const r = await this.redis.zmscore(this.prefix + key, ...members);
    return r.map((v) => (v === null ? null : Number(v)));
  }
}

const score = (n: number): string => (n === -Infinity ? '-inf' : n === Infinity ? '+inf' : String(n));

function pairs(r: string[]): [string, number][] {
  const out: [string, number][] = [];
  for (let i = 0; i < r.length; i += 2) out.push([r[i]!, Number(r[i + 1])]);
  return out;
}

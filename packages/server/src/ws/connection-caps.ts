// Caps on open live streams per token and per client address, across instances. Each instance counts its
// own streams in memory (the truth for that instance) and mirrors them into Redis: one hash per token and
// per address, field = instance, value = its open streams. An upgrade is admitted by a script that sums
// the fields of live instances (those that refreshed their entry in the instance registry lately) and
// increments this instance's field under the cap. Counts of an instance that died vanish when its registry
// entry goes stale (STALE_MS); every SYNC_MS each instance rewrites its counts, and a close writes the
// instance's count as it is, so a lost write heals. When Redis does not answer, the caps hold per
// instance (its in-memory counts).
import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { WsStats } from './stats.ts';

export type Caps = Pick<Config['ws'], 'maxPerToken' | 'maxPerAddress'>;

export type Admission = { ok: true; release: () => void } | { ok: false; limit: 'token' | 'address'; max: number; message: string };

const SYNC_MS = 5_000;
const STALE_MS = 3 * SYNC_MS;
const REDIS_TIMEOUT_MS = 1_000;

// KEYS: registry, token hash, address hash. ARGV: instance, now, stale ms, token max, address max, key ttl ms.
const ADMIT = `
local function count(key)
  local total = 0
  local all = redis.call('HGETALL', key)
  for i = 1, #all, 2 do
    local seen = redis.call('ZSCORE', KEYS[1], all[i])
    if seen and tonumber(seen) >= tonumber(ARGV[2]) - tonumber(ARGV[3]) then
      total = total + tonumber(all[i + 1])
    else
      redis.call('HDEL', key, all[i])
    end
  end
  return total
end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
if count(KEYS[2]) >= tonumber(ARGV[4]) then return 'token' end
if count(KEYS[3]) >= tonumber(ARGV[5]) then return 'address' end
for k = 2, 3 do
  redis.call('HINCRBY', KEYS[k], ARGV[1], 1)
  redis.call('PEXPIRE', KEYS[k], ARGV[6])
end
return 'ok'
`;

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`redis did not answer within ${ms} ms`)), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e: unknown) => (clearTimeout(t), reject(e)),
    );
  });

export class ConnectionCaps {
  /** this process's name in the registry: a fresh one per start, so a restart never inherits old counts */
  private readonly instance = randomUUID();
  /** open streams of this instance per Redis hash key */
  private readonly local = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  /** Redis failed the last admission (logged once per outage) */
  private degraded = false;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly caps: Caps,
    private readonly stats: WsStats,
    private readonly log: Pick<Logger, 'warn'>,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => void this.sync(), SYNC_MS);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await withTimeout(this.redis.zrem(this.registry, this.instance), REDIS_TIMEOUT_MS).catch(() => {});
  }

  private get registry(): string {
    return `${this.prefix}ws:instances`;
  }

  private keys(token: string, address: string): [string, string] {
    const t = createHash('sha256').update(token).digest('hex').slice(0, 24);
    return [`${this.prefix}ws:token:${t}`, `${this.prefix}ws:addr:${address}`];
  }

  /** Admits one more stream for `token` from `address`, or says which cap it would pass. */
  async admit(token: string, address: string): Promise<Admission> {
    const [tk, ak] = this.keys(token, address);
    let verdict: string;
    try {
      verdict = (await withTimeout(
        this.redis.eval(ADMIT, 3, this.registry, tk, ak, this.instance, Date.now(), STALE_MS, this.caps.maxPerToken, this.caps.maxPerAddress, STALE_MS),
        REDIS_TIMEOUT_MS,
      )) as string;
      this.degraded = false;
    } catch (e) {
      if (!this.degraded) this.log.warn({ err: (e as Error).message }, 'live stream caps: Redis unavailable, counting this instance only');
      this.degraded = true;
      verdict = (this.local.get(tk) ?? 0) >= this.caps.maxPerToken ? 'token' : (this.local.get(ak) ?? 0) >= this.caps.maxPerAddress ? 'address' : 'ok';
    }
    if (verdict === 'token' || verdict === 'address') return this.refuse(verdict);
    this.bump(tk, 1);
    this.bump(ak, 1);
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        const m = this.redis.multi();
        for (const key of [tk, ak]) {
          const n = this.bump(key, -1);
          if (n > 0) m.hset(key, this.instance, n);
          else m.hdel(key, this.instance);
        }
        m.exec().catch(() => {
          /* the next sync rewrites this instance's counts */
        });
      },
    };
  }

  private refuse(limit: 'token' | 'address'): Admission {
    if (limit === 'token') this.stats.refusedToken++;
    else this.stats.refusedAddress++;
    const max = limit === 'token' ? this.caps.maxPerToken : this.caps.maxPerAddress;
    const setting = limit === 'token' ? 'ws.maxPerToken' : 'ws.maxPerAddress';
    const message = `too many live streams for this ${limit === 'token' ? 'token' : 'client address'}: the limit is ${max} (${setting}); close one or retry later`;
    return { ok: false, limit, max, message };
  }

  private bump(key: string, by: number): number {
    const n = (this.local.get(key) ?? 0) + by;
    if (n > 0) this.local.set(key, n);
    else this.local.delete(key);
    return n;
  }

  /** Refreshes this instance's registry entry and rewrites its counts (which also expire without it). */
  private async sync(): Promise<void> {
    const now = Date.now();
    const m = this.redis
      .multi()
      .zadd(this.registry, now, this.instance)
      .zremrangebyscore(this.registry, '-inf', now - STALE_MS);
    for (const [key, n] of this.local) m.hset(key, this.instance, n).pexpire(key, STALE_MS);
    await m.exec().catch((e: Error) => this.log.warn({ err: e.message }, 'live stream caps: could not sync counts to Redis'));
  }
}

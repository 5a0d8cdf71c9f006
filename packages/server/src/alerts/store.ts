// Alerts in Redis: one hash per alert (each field JSON), the active alert of each rule and subject,
// subjects resolved by hand while their condition still holds, and an index by start time.
import type { Alert, AlertState } from '@pulse/contracts';
import type { Redis } from 'ioredis';

const KEEP_MS = 7 * 24 * 3600_000;

export class AlertStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private alertKey = (id: string) => `${this.prefix}alert:${id}`;
  readonly activeKey = () => `${this.prefix}alerts:active`;
  readonly suppressedKey = () => `${this.prefix}alerts:suppressed`;
  private indexKey = () => `${this.prefix}alerts:all`;

  async get(id: string): Promise<(Alert & { key: string }) | null> {
    const h = await this.redis.hgetall(this.alertKey(id));
    if (!h.id) return null;
    return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, JSON.parse(v)])) as Alert & { key: string };
  }

  /** Writes the given fields of an alert (all when none are named). */
  async put(alert: Alert & { key: string }, fields?: (keyof Alert | 'key')[]): Promise<void> {
    const names = fields ?? (Object.keys(alert) as (keyof Alert)[]);
    const args: string[] = [];
    for (const f of names) args.push(f, JSON.stringify((alert as unknown as Record<string, unknown>)[f] ?? null));
    await this.redis.hset(this.alertKey(alert.id), ...args);
  }

  async create(alert: Alert & { key: string }): Promise<void> {
    await this.put(alert);
    await this.redis.hset(this.activeKey(), alert.key, alert.id);
    await this.redis.zadd(this.indexKey(), Date.parse(alert.started_at), alert.id);
  }

  async deactivate(key: string, id: string): Promise<void> {
    // only if this alert is still the active one of its key
    if ((await this.redis.hget(this.activeKey(), key)) === id) await this.redis.hdel(this.activeKey(), key);
  }

  async activeIds(): Promise<Record<string, string>> {
    return this.redis.hgetall(this.activeKey());
  }

  async active(): Promise<Alert[]> {
    const ids = Object.values(await this.activeIds());
    const alerts = (await Promise.all(ids.map((id) => this.get(id)))).filter((a): a is Alert & { key: string } => a !== null);
    return alerts.map(strip).sort(byStart);
  }

  /** Alerts started in the last 7 days, newest first, optionally of one state. */
  async list(state?: AlertState, limit = 500): Promise<Alert[]> {
    const ids = await this.redis.zrevrange(this.indexKey(), 0, limit - 1);
    const alerts = (await Promise.all(ids.map((id) => this.get(id)))).filter((a): a is Alert & { key: string } => a !== null);
    return alerts.filter((a) => !state || a.state === state).map(strip);
  }

  async trim(now: number): Promise<void> {
    const old = await this.redis.zrangebyscore(this.indexKey(), '-inf', now - KEEP_MS);
    if (old.length === 0) return;
    await this.redis.del(...old.map(this.alertKey));
    await this.redis.zrem(this.indexKey(), ...old);
  }
}

const strip = (a: Alert & { key?: string }): Alert => {
  const { key: _key, ...rest } = a;
  return rest;
};
const byStart = (a: Alert, b: Alert) => (a.started_at < b.started_at ? -1 : a.started_at > b.started_at ? 1 : a.id < b.id ? -1 : 1);

// Alerts in Redis: one hash per alert (each field JSON), the open alert of each rule and subject (firing,
// acknowledged or snoozed), conditions waiting out their `for` (first found at), and an index by start time.
import type { Alert, AlertState } from '@pulse/contracts';
import type { Redis } from 'ioredis';
import { TurnBudget } from '../loop/turns.ts';

const KEEP_MS = 7 * 24 * 3600_000;

export type StoredAlert = Alert & { key: string };

function parseAlert(h: Record<string, string>): StoredAlert | null {
  if (!h.id) return null;
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, JSON.parse(v)])) as StoredAlert;
}

export class AlertStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private alertKey = (id: string) => `${this.prefix}alert:${id}`;
  readonly activeKey = () => `${this.prefix}alerts:active`;
  private pendingKey = () => `${this.prefix}alerts:pending`;
  private endedKey = () => `${this.prefix}alerts:ended`;
  private indexKey = () => `${this.prefix}alerts:all`;

  async get(id: string): Promise<StoredAlert | null> {
    return parseAlert(await this.redis.hgetall(this.alertKey(id)));
  }

  /** Writes the given fields of an alert (all when none are named). */
  async put(alert: StoredAlert, fields?: (keyof Alert | 'key')[]): Promise<void> {
    const names = fields ?? (Object.keys(alert) as (keyof Alert)[]);
    if (names.length === 0) return;
    const args: string[] = [];
    for (const f of names) args.push(f, JSON.stringify((alert as unknown as Record<string, unknown>)[f] ?? null));
    await this.redis.hset(this.alertKey(alert.id), ...args);
  }

  async create(alert: StoredAlert): Promise<void> {
    await this.put(alert);
    await this.redis.hset(this.activeKey(), alert.key, alert.id);
    await this.redis.zadd(this.indexKey(), Date.parse(alert.started_at), alert.id);
  }

  async deactivate(key: string, id: string): Promise<void> {
    // only if this alert is still the open one of its key
    if ((await this.redis.hget(this.activeKey(), key)) === id) await this.redis.hdel(this.activeKey(), key);
  }

  /** The open alerts by rule and subject key. */
  async open(): Promise<Map<string, StoredAlert>> {
    const ids = await this.redis.hgetall(this.activeKey());
    const out = new Map<string, StoredAlert>();
    const hashes = await Promise.all(Object.values(ids).map((id) => this.redis.hgetall(this.alertKey(id))));
    // parsed a few at a time: roll-ups hold hundreds of items, and all the replies arrive in one turn
    const turns = new TurnBudget();
    for (const h of hashes) {
      await turns.spend();
      const a = parseAlert(h);
      if (a) out.set(a.key, a);
    }
    return out;
  }

  /** Firing and acknowledged alerts: what the boards show (snoozed ones are put away until they fire again). */
  async active(): Promise<Alert[]> {
    const alerts = [...(await this.open()).values()].filter((a) => a.state === 'firing' || a.state === 'acknowledged');
    return alerts.map(strip).sort(byStart);
  }

  /** Alerts started in the last 7 days, newest first, optionally of one state. */
  async list(state?: AlertState, limit = 500): Promise<Alert[]> {
    const ids = await this.redis.zrevrange(this.indexKey(), 0, limit - 1);
    const alerts = (await Promise.all(ids.map((id) => this.get(id)))).filter((a): a is StoredAlert => a !== null);
    return alerts.filter((a) => !state || a.state === state).map(strip);
  }

  /** Conditions waiting out their `for`: when each was first found, by key. */
  async pending(): Promise<Map<string, number>> {
    const raw = await this.redis.hgetall(this.pendingKey());
    return new Map(Object.entries(raw).map(([k, v]) => [k, Number(v)]));
  }

  async setPending(add: Map<string, number>, remove: string[]): Promise<void> {
    if (add.size === 0 && remove.length === 0) return;
    const m = this.redis.multi();
    if (remove.length > 0) m.hdel(this.pendingKey(), ...remove);
    if (add.size > 0) m.hset(this.pendingKey(), ...[...add].flatMap(([k, v]) => [k, String(v)]));
    await m.exec();
  }

  /** When the last alert of each key ended (resolved or superseded) and how many flaps it had, within `withinMs`. */
  async ended(now: number, withinMs: number): Promise<Map<string, { at: number; flaps: number }>> {
    const raw = await this.redis.hgetall(this.endedKey());
    const out = new Map<string, { at: number; flaps: number }>();
    const old: string[] = [];
    for (const [k, v] of Object.entries(raw)) {
      const e = JSON.parse(v) as { at: number; flaps: number };
      if (now - e.at < withinMs) out.set(k, e);
      else old.push(k);
    }
    if (old.length > 0) await this.redis.hdel(this.endedKey(), ...old);
    return out;
  }

  async setEnded(key: string, at: number, flaps: number): Promise<void> {
    await this.redis.hset(this.endedKey(), key, JSON.stringify({ at, flaps }));
  }

  async trim(now: number): Promise<void> {
    const open = new Set(Object.values(await this.redis.hgetall(this.activeKey())));
    // an alert still open (a roll-up that has not cleared in a week) is kept
    const old = (await this.redis.zrangebyscore(this.indexKey(), '-inf', now - KEEP_MS)).filter((id) => !open.has(id));
    if (old.length === 0) return;
    await this.redis.del(...old.map(this.alertKey));
    await this.redis.zrem(this.indexKey(), ...old);
  }
}

export const strip = (a: Alert & { key?: string }): Alert => {
  const { key: _key, ...rest } = a;
  return rest;
};
const byStart = (a: Alert, b: Alert) => (a.started_at < b.started_at ? -1 : a.started_at > b.started_at ? 1 : a.id < b.id ? -1 : 1);

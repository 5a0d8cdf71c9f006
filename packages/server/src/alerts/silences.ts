// Silences (SPEC §4): a lead mutes alerts of a queue, a rule or an agent (or a combination: every field given
// must match) until an end, with a reason. A silenced alert is kept and shown; its changes are not delivered.
// Each silence is a Redis key that expires at its end, listed through an index scored by that end.
import { randomBytes } from 'node:crypto';
import type { Alert, AlertRule, Silence } from '@pulse/contracts';
import type { Redis } from 'ioredis';

export class SilenceStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  private key = (id: string) => `${this.prefix}alerts:silence:${id}`;
  private index = () => `${this.prefix}alerts:silences`;

  async add(s: { queue?: string; rule?: AlertRule; agent_id?: string; ends_at: number; reason: string }, by: string, now = Date.now()): Promise<Silence> {
    const silence: Silence = {
      id: `si_${now.toString(36)}_${randomBytes(4).toString('hex')}`,
      ...(s.queue !== undefined ? { queue: s.queue } : {}),
      ...(s.rule !== undefined ? { rule: s.rule } : {}),
      ...(s.agent_id !== undefined ? { agent_id: s.agent_id } : {}),
      ends_at: new Date(s.ends_at).toISOString(),
      reason: s.reason,
      created_by: by,
      created_at: new Date(now).toISOString(),
    };
    await this.redis.multi().set(this.key(silence.id), JSON.stringify(silence), 'PXAT', s.ends_at).zadd(this.index(), s.ends_at, silence.id).exec();
    return silence;
  }

  /** The silences in force, soonest to end first. */
  async list(now = Date.now()): Promise<Silence[]> {
    await this.redis.zremrangebyscore(this.index(), '-inf', now);
    const ids = await this.redis.zrange(this.index(), 0, -1);
    if (ids.length === 0) return [];
    const raws = await this.redis.mget(...ids.map(this.key));
    return raws.filter((r): r is string => r !== null).map((r) => JSON.parse(r) as Silence);
  }

  async remove(id: string): Promise<boolean> {
    const [[, deleted]] = (await this.redis.multi().del(this.key(id)).zrem(this.index(), id).exec()) as [[unknown, number], unknown];
    return deleted === 1;
  }
}

/** The queues an alert is about: its scope's, its facts', its suggestion's items'. */
function queuesOf(a: Alert): string[] {
  const qs = new Set<string>();
  if (a.scope.queue) qs.add(a.scope.queue);
  const d = a.details;
  if (d && 'queue' in d && d.queue) qs.add(d.queue);
  for (const i of a.suggestion?.items ?? []) if (i.queue) qs.add(i.queue);
  return [...qs];
}

export function matches(s: Silence, a: Alert): boolean {
  return (
    (s.queue === undefined || queuesOf(a).includes(s.queue)) &&
    (s.rule === undefined || s.rule === a.rule) &&
    (s.agent_id === undefined || a.scope.agent_id === s.agent_id)
  );
}

export const silencesOf = (silences: Silence[], a: Alert): string[] => silences.filter((s) => matches(s, a)).map((s) => s.id);

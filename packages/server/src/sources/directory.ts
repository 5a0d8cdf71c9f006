// What the help-desk sources learned, kept in Redis so every instance shares it: display names of
// queues and agents, Zendesk group names, the agents the sources know and the queues each works in.
//
//   <prefix>sources:queue-names        hash  queue id → display name
//   <prefix>sources:agent-names        hash  agent id → name
//   <prefix>sources:zendesk-groups     hash  Zendesk group id → group name
//   <prefix>sources:agents             zset  agent id → last seen (ms), in a payload or Chatwoot's agent list
//   <prefix>sources:agent-queues:<id>  zset  queue → last seen (ms)
import type { Redis } from 'ioredis';
import type { Learned } from './learned.ts';

/** Queues an agent worked in count as theirs this long after they were last seen there. */
export const AGENT_QUEUE_MEMORY_MS = 30 * 86_400_000;
/** At most this many queues per agent, the most recent first. */
const AGENT_QUEUES_MAX = 20;

export class SourceDirectory {
  private readonly key: (name: string) => string;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.key = (name) => `${prefix}sources:${name}`;
  }

  /** Stores what a delivery taught (one round trip). */
  async learn(l: Learned, now: number): Promise<void> {
    if (l.empty) return;
    const m = this.redis.multi();
    if (l.queueNames.size > 0) m.hset(this.key('queue-names'), Object.fromEntries(l.queueNames));
    if (l.agentNames.size > 0) m.hset(this.key('agent-names'), Object.fromEntries(l.agentNames));
    if (l.groupNames.size > 0) m.hset(this.key('zendesk-groups'), Object.fromEntries(l.groupNames));
    for (const agent of new Set([...l.agentNames.keys(), ...l.agentQueues.keys()])) m.zadd(this.key('agents'), now, agent);
    for (const [agent, queues] of l.agentQueues) {
      const key = this.key(`agent-queues:${agent}`);
      for (const q of queues) m.zadd(key, now, q);
      m.zremrangebyscore(key, '-inf', now - AGENT_QUEUE_MEMORY_MS);
      m.zremrangebyrank(key, 0, -AGENT_QUEUES_MAX - 1);
      m.pexpire(key, AGENT_QUEUE_MEMORY_MS);
    }
    await m.exec();
  }

  queueNames(): Promise<Record<string, string>> {
    return this.redis.hgetall(this.key('queue-names'));
  }

  zendeskGroups(): Promise<Record<string, string>> {
    return this.redis.hgetall(this.key('zendesk-groups'));
  }

  agentNames(): Promise<Record<string, string>> {
    return this.redis.hgetall(this.key('agent-names'));
  }

  /** The agents a source has seen since `since`. */
  agents(since: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.key('agents'), since, '+inf');
  }

  /** The queues each agent worked in since `since`, the most recent first. */
  async agentQueues(ids: string[], since: number): Promise<Map<string, string[]>> {
    const lists = await Promise.all(ids.map((id) => this.redis.zrevrangebyscore(this.key(`agent-queues:${id}`), '+inf', since, 'LIMIT', 0, AGENT_QUEUES_MAX)));
    return new Map(ids.map((id, i) => [id, lists[i]!])); // one list per id
  }
}

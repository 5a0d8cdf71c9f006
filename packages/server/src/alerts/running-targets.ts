// Which tickets have an unmet SLA target whose clock runs (SPEC §4 `agent_stranded`: "tickets with unmet
// targets"): an open target is a member `<ticket>|<target>` of `sladue:all`, scored by its due moment, or by
// NEVER while its clock is paused (pending, solved). Tickets with only paused or met targets are not counted.
import { NEVER, OVERALL, scopeSetKey, SLA_TARGETS } from '@pulse/metrics';
import type { Redis } from 'ioredis';

export async function ticketsWithRunningTargets(redis: Redis, livePrefix: string, ticketIds: string[]): Promise<Set<string>> {
  const running = new Set<string>();
  if (ticketIds.length === 0) return running;
  const members = ticketIds.flatMap((id) => SLA_TARGETS.map((target) => `${id}|${target}`));
  const scores = await redis.zmscore(livePrefix + scopeSetKey('sladue', OVERALL), ...members);
  scores.forEach((s, i) => {
    const id = ticketIds[Math.floor(i / SLA_TARGETS.length)];
    if (s !== null && Number(s) < NEVER && id !== undefined) running.add(id);
  });
  return running;
}

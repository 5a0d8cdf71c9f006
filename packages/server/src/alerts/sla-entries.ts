// The open SLA targets that are at risk or breached now, read from live state with the moment each became
// at risk (its score in `slarisk:all`): the SLA roll-ups are built from them, unbounded by the snapshot's lists.
import type { Priority, SlaTarget } from '@pulse/contracts';
import { TurnBudget } from '../loop/turns.ts';
import { LIVE_HASH, OVERALL, scopeSetKey, type SlaInfo, type StateReader } from '@pulse/metrics';

export interface SlaEntry {
  ticket_id: string;
  target: SlaTarget;
  /** null while its clock is paused */
  due_at: number | null;
  /** when it became at risk */
  risk_at: number;
  queue: string | null;
  priority: Priority;
  agent_id: string | null;
  /** when the ticket's queue, priority or tier were last set (null: not known) */
  terms_at: number | null;
}

/** More than this many open at-risk or breached targets at once are not followed one by one. */
export const SLA_ENTRIES_LIMIT = 20_000;

export async function readSlaEntries(state: Pick<StateReader, 'zrangeByScore' | 'hmget'>, now: number): Promise<SlaEntry[]> {
  const risky = await state.zrangeByScore(scopeSetKey('slarisk', OVERALL), -Infinity, now, SLA_ENTRIES_LIMIT);
  if (risky.length === 0) return [];
  const infos = await state.hmget(
    LIVE_HASH.slainfo,
    risky.map(([m]) => m),
  );
  const out: SlaEntry[] = [];
  const turns = new TurnBudget();
  for (const [i, v] of infos.entries()) {
    if (i % 500 === 0) await turns.spend();
    const risk = risky[i];
    if (v === null || risk === undefined) continue;
    const info = JSON.parse(v) as SlaInfo;
    out.push({
      ticket_id: info.ticket_id,
      target: info.target as SlaTarget,
      due_at: info.due_at,
      risk_at: risk[1],
      queue: info.queue,
      priority: info.priority,
      agent_id: info.agent_id,
      terms_at: info.terms_at ?? null,
    });
  }
  return out;
}

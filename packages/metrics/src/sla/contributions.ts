// What a ticket's SLA targets add to the live state:
// - met: a counter `sla_met` at the moment it was met;
// - breached: a member of `slabreach:<scope>` scored by its due moment, so windows count it from then on
//   (recorded once, at the due moment, even if nothing happens then and even if fulfilled later);
// - open (unmet, still tracked): members of `sladue:<scope>` and `slarisk:<scope>` scored by the moments
//   it becomes breached and at risk, and its details in `slainfo`. Which targets are at risk or breached
//   "now" is read off these sorted sets when a snapshot is taken.
import type { Priority } from '@pulse/contracts';
import type { Contribution } from '../contribution.ts';
import { outcome } from '../buckets.ts';
import { LIVE_HASH, scopeSetKey } from '../model/keys.ts';
import type { MetricSettings } from '../settings.ts';
import type { SlaPolicy } from './policy.ts';
import { isBreachRecorded, isMet, isOpen, slaTargets, type TicketSlaInput } from './targets.ts';

/** Stands for "never" (a paused clock) in sorted-set scores. */
export const NEVER = 8.64e15;

export interface SlaInfo {
  ticket_id: string;
  target: string;
  due_at: number | null;
  length_ms: number;
  queue: string | null;
  /** the ticket's channel (absent from details written before it was kept: those show in no channel's lists) */
  channel?: string | null;
  priority: Priority;
  agent_id: string | null;
  /**
   * when the ticket's terms (queue, priority, requester tier) were last set: a change that moves a due moment into
   * the past makes news of a breach whose moment is old (absent from details written before it was kept)
   */
  terms_at?: number | null;
}

export function slaContributions(
  s: MetricSettings,
  input: TicketSlaInput,
  policy: SlaPolicy,
  where: {
    scopes: string[];
    outcomeScopes: string[];
    queue: string | null;
    channel: string | null;
    priority: Priority;
    agent: string | null;
    termsAt: number | null;
  },
): { contributions: Contribution[]; met: number; breached: number } {
  const out: Contribution[] = [];
  let met = 0;
  let breached = 0;
  for (const t of slaTargets(input, policy)) {
    if (isMet(t)) {
      met++;
      out.push(...outcome(s, t.fulfilledAt!, where.outcomeScopes, { sla_met: 1 }));
    }
    if (isBreachRecorded(t)) {
      breached++;
      for (const scope of where.outcomeScopes) {
        // no key expiry: the set is shared by all tickets; the SLA ticker trims breaches older than any window
        out.push({ k: 'z', key: scopeSetKey('slabreach', scope), m: t.key, s: t.dueAt });
      }
    }
    if (isOpen(t)) {
      const member = `${input.ticketId}|${t.target}`;
      const due = Number.isFinite(t.dueAt) ? t.dueAt : NEVER;
      const risk = Number.isFinite(t.riskAt) ? t.riskAt : NEVER;
      for (const scope of where.scopes) {
        out.push({ k: 'z', key: scopeSetKey('sladue', scope), m: member, s: due });
        out.push({ k: 'z', key: scopeSetKey('slarisk', scope), m: member, s: risk });
      }
      const info: SlaInfo = {
        ticket_id: input.ticketId,
        target: t.target,
        due_at: Number.isFinite(t.dueAt) ? t.dueAt : null,
        length_ms: t.lengthMs,
        queue: where.queue,
        channel: where.channel,
        priority: where.priority,
        agent_id: where.agent,
        terms_at: where.termsAt,
      };
      out.push({ k: 'h', key: LIVE_HASH.slainfo, field: member, v: JSON.stringify(info) });
    }
  }
  return { contributions: out, met, breached };
}

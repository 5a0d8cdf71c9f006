// sla_at_risk (warning) and sla_breach (critical): one roll-up per queue and rule listing its ticket targets
// (SPEC §4, "Noise control"). A target is at risk from 75 % of its time until its due moment, then breached;
// a paused clock raises no at-risk alert. Each item keeps when it became at risk or breached (state time), and is
// news (delivered) when that moment or the last change of the ticket's queue, priority or tier is recent.
import type { Condition, ConditionItem, Rule, RuleContext } from '../condition.ts';
import type { SlaEntry } from '../sla-entries.ts';

const iso = (ms: number) => new Date(ms).toISOString();

function* rollups(ctx: RuleContext, breached: boolean): Generator<Condition> {
  const byQueue = new Map<string, Map<string, { e: SlaEntry; since: number }>>();
  for (const e of ctx.sla) {
    if (e.due_at === null) continue; // paused: neither at risk nor breached
    const isBreach = e.due_at <= ctx.now;
    if (isBreach !== breached) continue;
    const q = e.queue ?? '';
    let items = byQueue.get(q);
    if (!items) byQueue.set(q, (items = new Map()));
    const key = `${e.ticket_id}|${e.target}`;
    const since = breached ? e.due_at : e.risk_at;
    const prev = items.get(key);
    if (!prev || e.due_at < prev.e.due_at!) items.set(key, { e, since });
  }
  for (const [queue, entries] of [...byQueue].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const sorted = [...entries.values()].sort(
      (a, b) => a.e.due_at! - b.e.due_at! || (a.e.ticket_id < b.e.ticket_id ? -1 : a.e.ticket_id > b.e.ticket_id ? 1 : a.e.target < b.e.target ? -1 : 1),
    );
    const items: ConditionItem[] = sorted.map(({ e, since }) => {
      const url = ctx.link('ticket', e.ticket_id);
      return {
        ticket_id: e.ticket_id,
        target: e.target,
        due_at: iso(e.due_at!),
        since: iso(since),
        priority: e.priority,
        agent_id: e.agent_id,
        agent_name: e.agent_id ? ctx.names.agent(e.agent_id) : null,
        ...(url ? { url } : {}),
        // a target moved into the past by a change to the ticket's terms is news from that change on
        latest: Math.max(since, e.terms_at ?? since),
      };
    });
    yield {
      rule: breached ? 'sla_breach' : 'sla_at_risk',
      subject: queue,
      severity: breached ? 'critical' : 'warning',
      scope: queue ? { queue } : {},
      value: items.length,
      threshold: 1,
      since: Math.min(...sorted.map((s) => s.since)),
      details: { kind: 'sla', queue: queue || null, queue_name: queue ? ctx.names.queue(queue) : null },
      items,
    };
  }
}

export const slaAtRisk: Rule = (ctx) => rollups(ctx, false);
export const slaBreach: Rule = (ctx) => rollups(ctx, true);

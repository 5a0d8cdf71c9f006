// sla_at_risk (warning) and sla_breach (critical): one alert per ticket target on the board's SLA lists.
import type { SlaItem } from '@pulse/contracts';
import { fmtDuration, type Condition, type Rule } from '../condition.ts';

const label = (i: SlaItem) => `${i.target.replace('_', ' ')} of ticket ${i.ticket_id}`;
const scope = (i: SlaItem) => ({
  ticket_id: i.ticket_id,
  ...(i.queue ? { queue: i.queue } : {}),
  ...(i.agent_id ? { agent_id: i.agent_id } : {}),
});

export const slaAtRisk: Rule = (ctx) =>
  ctx.snapshot.sla.at_risk.map(
    (i): Condition => ({
      rule: 'sla_at_risk',
      subject: `${i.ticket_id}|${i.target}`,
      severity: 'warning',
      scope: scope(i),
      title: `SLA at risk: ${label(i)}`,
      message:
        i.remaining_s === null
          ? `The ${label(i)} (${i.priority}) is at risk; its clock is paused.`
          : `The ${label(i)} (${i.priority}${i.queue ? `, ${i.queue}` : ''}) is due in ${fmtDuration(i.remaining_s)}${i.agent_id ? `; assigned to ${i.agent_id}` : '; unassigned'}.`,
      value: i.remaining_s,
      threshold: 0,
    }),
  );

export const slaBreach: Rule = (ctx) =>
  ctx.snapshot.sla.breached.map(
    (i): Condition => ({
      rule: 'sla_breach',
      subject: `${i.ticket_id}|${i.target}`,
      severity: 'critical',
      scope: scope(i),
      title: `SLA breached: ${label(i)}`,
      message: `The ${label(i)} (${i.priority}${i.queue ? `, ${i.queue}` : ''}) was due at ${i.due_at}; overdue by ${fmtDuration(-(i.remaining_s ?? 0))}${i.agent_id ? `; assigned to ${i.agent_id}` : '; unassigned'}.`,
      value: i.remaining_s === null ? null : -i.remaining_s,
      threshold: 0,
    }),
  );

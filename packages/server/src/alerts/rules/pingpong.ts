// ticket_pingpong (warning): a ticket reassigned the configured number of times (3 by default).
import type { Rule } from '../condition.ts';

export const ticketPingpong: Rule = (ctx) =>
  Object.entries(ctx.reassigned)
    .filter(([, r]) => r.count >= ctx.pingpongReassignments)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([ticket, r]) => ({
      rule: 'ticket_pingpong' as const,
      subject: ticket,
      severity: 'warning' as const,
      scope: { ticket_id: ticket, ...(r.queue ? { queue: r.queue } : {}), ...(r.agent_id ? { agent_id: r.agent_id } : {}) },
      title: `Ticket ${ticket} reassigned ${r.count} times`,
      message: `Ticket ${ticket}${r.queue ? ` in ${r.queue}` : ''} has been reassigned ${r.count} times${r.agent_id ? `; now with ${r.agent_id}` : ''}. Give it an owner.`,
      value: r.count,
      threshold: ctx.pingpongReassignments,
    }));

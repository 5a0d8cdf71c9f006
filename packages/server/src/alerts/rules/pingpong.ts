// ticket_pingpong (warning): a ticket reassigned the configured number of times (3 by default).
import type { Condition, Rule } from '../condition.ts';

export const ticketPingpong: Rule = (ctx) =>
  Object.entries(ctx.reassigned)
    .filter(([, r]) => r.count >= ctx.pingpongReassignments)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([ticket, r]): Condition => {
      const url = ctx.link('ticket', ticket);
      return {
        rule: 'ticket_pingpong',
        subject: ticket,
        severity: 'warning',
        scope: { ticket_id: ticket, ...(r.queue ? { queue: r.queue } : {}), ...(r.agent_id ? { agent_id: r.agent_id } : {}) },
        value: r.count,
        threshold: ctx.pingpongReassignments,
        since: null,
        details: {
          kind: 'ticket_pingpong',
          ticket_id: ticket,
          queue: r.queue,
          queue_name: r.queue ? ctx.names.queue(r.queue) : null,
          count: r.count,
          agent_id: r.agent_id,
          agent_name: r.agent_id ? ctx.names.agent(r.agent_id) : null,
          ...(url ? { url } : {}),
        },
      };
    });

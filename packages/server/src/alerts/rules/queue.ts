// Queue rules: queue_wait (longest wait against 2 × T and 6 × T), service_level (15m below goal with
// enough offered), csat_low (60m CSAT below threshold with enough responses). A window rule needs its minimum
// sample to fire; once firing, a sample that shrinks below it (an old outcome leaving the window at a minute
// boundary) does not clear it: only a value back past the threshold, or an empty window, does.
import { atOrAbove, below, iso, type Condition, type Rule } from '../condition.ts';

export const queueWait: Rule = (ctx) => {
  const out: Condition[] = [];
  const forS = ctx.forMs('queue_wait') / 1000;
  for (const [queue, m] of Object.entries(ctx.snapshot.queues)) {
    const t = ctx.thresholds(queue);
    const active = ctx.active('queue_wait', queue);
    if (!atOrAbove(m.longest_wait_s, t.queueWaitWarningS, active !== null, ctx.hysteresis)) continue;
    // critical once the wait has been past the critical threshold for the rule's `for` (in the wait's own time)
    const critical =
      active === 'critical' ? atOrAbove(m.longest_wait_s, t.queueWaitCriticalS, true, ctx.hysteresis) : m.longest_wait_s >= t.queueWaitCriticalS + forS;
    const threshold = critical ? t.queueWaitCriticalS : t.queueWaitWarningS;
    // the wait's start: the snapshot's durations are of the snapshot's moment
    const waitStart = Date.parse(ctx.snapshot.at) - m.longest_wait_s * 1000;
    out.push({
      rule: 'queue_wait',
      subject: queue,
      severity: critical ? 'critical' : 'warning',
      scope: { queue },
      value: m.longest_wait_s,
      threshold,
      // the moment the longest wait passed the warning threshold
      since: waitStart + t.queueWaitWarningS * 1000,
      details: {
        kind: 'queue_wait',
        queue,
        queue_name: ctx.names.queue(queue),
        waiting: m.waiting,
        longest_wait_s: m.longest_wait_s,
        wait_since: iso(waitStart),
        threshold_s: threshold,
        agents_online: m.agents_online,
      },
    });
  }
  return out;
};

export const serviceLevel: Rule = (ctx) => {
  const out: Condition[] = [];
  for (const [queue, m] of Object.entries(ctx.snapshot.queues)) {
    const t = ctx.thresholds(queue);
    const w = m.windows['15m'];
    const active = ctx.active('service_level', queue) !== null;
    if (w.service_level_pct === null || (!active && w.offered < t.serviceLevelMinOffered)) continue;
    if (!below(w.service_level_pct, t.serviceLevelGoalPct, active, ctx.hysteresis)) continue;
    out.push({
      rule: 'service_level',
      subject: queue,
      severity: 'critical',
      scope: { queue },
      value: w.service_level_pct,
      threshold: t.serviceLevelGoalPct,
      since: null,
      details: {
        kind: 'service_level',
        queue,
        queue_name: ctx.names.queue(queue),
        pct: w.service_level_pct,
        goal_pct: t.serviceLevelGoalPct,
        offered: w.offered,
        abandoned: w.abandoned,
        clears_at_pct: Math.round(t.serviceLevelGoalPct * (1 + ctx.hysteresis) * 100) / 100,
      },
    });
  }
  return out;
};

export const csatLow: Rule = (ctx) => {
  const out: Condition[] = [];
  for (const [queue, m] of Object.entries(ctx.snapshot.queues)) {
    const t = ctx.thresholds(queue);
    const w = m.windows['60m'];
    const active = ctx.active('csat_low', queue) !== null;
    if (w.csat_pct === null || (!active && w.csat_responses < t.csatMinResponses)) continue;
    if (!below(w.csat_pct, t.csatLowPct, active, ctx.hysteresis)) continue;
    out.push({
      rule: 'csat_low',
      subject: queue,
      severity: 'warning',
      scope: { queue },
      value: w.csat_pct,
      threshold: t.csatLowPct,
      since: null,
      details: {
        kind: 'csat_low',
        queue,
        queue_name: ctx.names.queue(queue),
        pct: w.csat_pct,
        threshold_pct: t.csatLowPct,
        responses: w.csat_responses,
        clears_at_pct: Math.round(t.csatLowPct * (1 + ctx.hysteresis) * 100) / 100,
      },
    });
  }
  return out;
};

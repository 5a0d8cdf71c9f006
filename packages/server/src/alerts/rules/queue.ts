// Queue rules: queue_wait (longest wait against 2 × T and 6 × T), service_level (15m below goal with
// enough offered), csat_low (60m CSAT below threshold with enough responses).
import { atOrAbove, below, fmtDuration, type Condition, type Rule } from '../condition.ts';

export const queueWait: Rule = (ctx) => {
  const out: Condition[] = [];
  for (const [queue, m] of Object.entries(ctx.snapshot.queues)) {
    const t = ctx.thresholds(queue);
    const active = ctx.active('queue_wait', queue);
    const wasCritical = active === 'critical';
    const critical = atOrAbove(m.longest_wait_s, t.queueWaitCriticalS, wasCritical, ctx.hysteresis);
    if (!critical && !atOrAbove(m.longest_wait_s, t.queueWaitWarningS, active !== null, ctx.hysteresis)) continue;
    const threshold = critical ? t.queueWaitCriticalS : t.queueWaitWarningS;
    out.push({
      rule: 'queue_wait',
      subject: queue,
      severity: critical ? 'critical' : 'warning',
      scope: { queue },
      title: `Long wait in ${queue}: ${fmtDuration(m.longest_wait_s)}`,
      message: `${m.waiting} waiting in ${queue}; the longest for ${fmtDuration(m.longest_wait_s)} (threshold ${fmtDuration(threshold)}). ${m.agents_online} agents online.`,
      value: m.longest_wait_s,
      threshold,
    });
  }
  return out;
};

export const serviceLevel: Rule = (ctx) => {
  const out: Condition[] = [];
  for (const [queue, m] of Object.entries(ctx.snapshot.queues)) {
    const t = ctx.thresholds(queue);
    const w = m.windows['15m'];
    if (w.service_level_pct === null || w.offered < t.serviceLevelMinOffered) continue;
    if (!below(w.service_level_pct, t.serviceLevelGoalPct, ctx.active('service_level', queue) !== null, ctx.hysteresis)) continue;
    out.push({
      rule: 'service_level',
      subject: queue,
      severity: 'critical',
      scope: { queue },
      title: `Service level in ${queue}: ${w.service_level_pct.toFixed(1)} %`,
      message: `Service level over the last 15 minutes in ${queue} is ${w.service_level_pct.toFixed(1)} % (goal ${t.serviceLevelGoalPct} %) with ${w.offered} offered and ${w.abandoned} abandoned.`,
      value: w.service_level_pct,
      threshold: t.serviceLevelGoalPct,
    });
  }
  return out;
};

export const csatLow: Rule = (ctx) => {
  const out: Condition[] = [];
  for (const [queue, m] of Object.entries(ctx.snapshot.queues)) {
    const t = ctx.thresholds(queue);
    const w = m.windows['60m'];
    if (w.csat_pct === null || w.csat_responses < t.csatMinResponses) continue;
    if (!below(w.csat_pct, t.csatLowPct, ctx.active('csat_low', queue) !== null, ctx.hysteresis)) continue;
    out.push({
      rule: 'csat_low',
      subject: queue,
      severity: 'warning',
      scope: { queue },
      title: `CSAT in ${queue}: ${w.csat_pct.toFixed(1)} %`,
      message: `CSAT over the last 60 minutes in ${queue} is ${w.csat_pct.toFixed(1)} % (threshold ${t.csatLowPct} %) from ${w.csat_responses} responses.`,
      value: w.csat_pct,
      threshold: t.csatLowPct,
    });
  }
  return out;
};

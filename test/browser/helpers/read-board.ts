// Reads every figure the board shows, in one pass in the page: header totals, tiles, agents, SLA rows, alerts.
import type { Page } from 'playwright-core';

export interface Figure {
  text: string;
  level: string | null;
  value: number | null;
  /** the figure's sample when it is too small for a colour (`data-sample`) */
  sample?: number | null;
}

export interface BoardReading {
  live: string | null;
  timeZone: string | null;
  totals: Record<string, Figure>;
  tiles: { queue: string; title: string; level: string | null; figures: Record<string, Figure> }[];
  agents: { id: string; status: string | null; load: Figure; time: Figure }[];
  agentCounts: { online: number; away: number; offline: number } | null;
  sla: { ticket: string; target: string; state: string; group: string; countdown: Figure }[];
  /** tickets per group of the SLA panel: breached within the hour, at risk, overdue for longer */
  slaCounts: { recent: string; at_risk: string; overdue: string } | null;
  alerts: { id: string; rule: string; severity: string | null; suggestion: string | null }[];
  alertCount: string | null;
}

export function readBoard(page: Page): Promise<BoardReading> {
  return page.evaluate(() => {
    const fig = (el: Element | null) => ({
      text: el?.textContent ?? '',
      level: el?.getAttribute('data-level') ?? null,
      value: el?.hasAttribute('data-value') ? Number(el.getAttribute('data-value')) : null,
      sample: el?.hasAttribute('data-sample') ? Number(el.getAttribute('data-sample')) : null,
    });
    const q = (root: ParentNode, id: string) => root.querySelector(`[data-testid="${id}"]`);
    const all = (root: ParentNode, id: string) => [...root.querySelectorAll(`[data-testid="${id}"]`)];
    const totals: Record<string, ReturnType<typeof fig>> = {};
    for (const id of [
      'total-waiting',
      'total-longest-wait',
      'total-service-level',
      'total-abandon-rate',
      'total-active-chats',
      'total-agents-online',
      'total-utilization',
      'total-sla-breached',
      'total-sla-at-risk',
    ])
      totals[id] = fig(q(document, id));
    const counts = q(document, 'agent-counts');
    return {
      live: q(document, 'live-status')?.getAttribute('data-state') ?? null,
      timeZone: q(document, 'time-zone')?.getAttribute('data-tz') ?? null,
      totals,
      tiles: all(document, 'queue-tile').map((t) => ({
        queue: t.getAttribute('data-queue') ?? '',
        title: t.querySelector('.tile-name')?.textContent ?? '',
        level: t.getAttribute('data-level'),
        figures: Object.fromEntries(
          ['waiting', 'longest-wait', 'service-level', 'asa', 'abandon-rate', 'csat', 'unsolved', 'unassigned', 'oldest-unassigned'].map((id) => [
            id,
            fig(q(t, id)),
          ]),
        ),
      })),
      agents: all(document, 'agent').map((a) => ({
        id: a.getAttribute('data-agent') ?? '',
        status: a.getAttribute('data-status'),
        load: fig(q(a, 'agent-load')),
        time: fig(q(a, 'agent-time')),
      })),
      agentCounts: counts
        ? {
            online: Number(counts.getAttribute('data-online')),
            away: Number(counts.getAttribute('data-away')),
            offline: Number(counts.getAttribute('data-offline')),
          }
        : null,
      sla: all(document, 'sla-item').map((s) => ({
        ticket: s.getAttribute('data-ticket') ?? '',
        target: s.getAttribute('data-target') ?? '',
        state: s.getAttribute('data-state') ?? '',
        group: s.getAttribute('data-group') ?? '',
        countdown: fig(q(s, 'sla-countdown')),
      })),
      slaCounts: q(document, 'sla-counts')
        ? {
            recent: q(document, 'sla-count-recent')?.textContent ?? '',
            at_risk: q(document, 'sla-count-at_risk')?.textContent ?? '',
            overdue: q(document, 'sla-count-overdue')?.textContent ?? '',
          }
        : null,
      alerts: all(document, 'alert').map((a) => ({
        id: a.getAttribute('data-alert') ?? '',
        rule: a.getAttribute('data-rule') ?? '',
        severity: a.getAttribute('data-severity'),
        suggestion: q(a, 'alert-suggestion')?.textContent ?? null,
      })),
      alertCount: q(document, 'alert-count')?.textContent ?? null,
    };
  });
}

// Which outcomes stand behind each window metric: the counters whose changes in an interval make its
// figure there, so the drill-down lists exactly those chats and tickets (for service level the chats
// offered, for first reply the tickets first replied, for solved the tickets solved…).
import type { WindowMetrics } from '@pulse/contracts';

export interface Behind {
  counters: string[];
  /** also the tickets with an SLA breach due in the interval */
  breaches?: boolean;
}

const OFFERED: Behind = { counters: ['answered', 'abandoned'] };

export const BEHIND: Record<keyof WindowMetrics, Behind> = {
  offered: OFFERED,
  answered: { counters: ['answered'] },
  abandoned: { counters: ['abandoned'] },
  asa_s: { counters: ['answered'] },
  service_level_pct: OFFERED,
  abandon_rate_pct: OFFERED,
  aht_s: { counters: ['handled'] },
  csat_pct: { counters: ['csat_good', 'csat_bad'] },
  csat_responses: { counters: ['csat_good', 'csat_bad'] },
  created: { counters: ['created'] },
  solved: { counters: ['solved'] },
  frt_avg_s: { counters: ['frt_n'] },
  frt_p90_s: { counters: ['frt_n'] },
  reassignments: { counters: ['reassignments'] },
  fcr_pct: { counters: ['solved'] },
  sla_achievement_pct: { counters: ['sla_met'], breaches: true },
};

/** The union of what stands behind some metrics. */
export function behind(metrics: (keyof WindowMetrics)[]): Required<Behind> {
  const counters = new Set<string>();
  let breaches = false;
  for (const m of metrics) {
    for (const c of BEHIND[m].counters) counters.add(c);
    breaches ||= BEHIND[m].breaches === true;
  }
  return { counters: [...counters], breaches };
}

// The agent strip's list: agents of the board's queues, online first then away, each group by name.
// Offline agents are counted in the strip's header but not listed (they hold no live work worth a row;
// an agent who leaves holding work raises the `agent_stranded` alert instead).
import type { AgentView } from '@pulse/contracts';
import { byName } from './metrics.ts';

export interface AgentList {
  listed: AgentView[];
  online: number;
  away: number;
  offline: number;
}

const ORDER = { online: 0, away: 1, offline: 2 } as const;

export function agentList(agents: readonly AgentView[], only: string[] | null): AgentList {
  const wanted = only ? new Set(only) : null;
  const mine = wanted ? agents.filter((a) => a.queues.some((q) => wanted.has(q))) : agents.slice();
  let online = 0;
  let away = 0;
  let offline = 0;
  for (const a of mine) {
    if (a.status === 'online') online++;
    else if (a.status === 'away') away++;
    else offline++;
  }
  const listed = mine
    .filter((a) => a.status !== 'offline')
    .sort((a, b) => ORDER[a.status] - ORDER[b.status] || byName(a.name || a.id, b.name || b.id) || byName(a.id, b.id));
  return { listed, online, away, offline };
}

// What people call things on the board: queues by their display names (`queueNames` in the server's config,
// through GET /v1/board/config), agents by their names; ids only when nothing better is known.
import type { AgentView } from '@pulse/contracts';
import type { BoardConfigResponse } from './levels.ts';

export type Namer = (id: string) => string;

export function queueNamer(config: BoardConfigResponse | null): Namer {
  const names = config?.queue_names ?? {};
  return (id) => (Object.hasOwn(names, id) && names[id]) || id;
}

/** The names to show for agent ids: the agent's name when the snapshot knows it, else the id. */
export function agentNamer(agents: readonly AgentView[] | undefined): Namer {
  const names = new Map((agents ?? []).map((a) => [a.id, a.name || a.id]));
  return (id) => names.get(id) ?? id;
}

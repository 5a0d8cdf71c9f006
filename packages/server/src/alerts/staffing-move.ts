// The move of whole agents that brings a queue to its service-level goal (rebalance, docs/alerts.md "Staffing
// moves"), at the least cost to the queues they leave. Pure: it reads the snapshot's queues (their `staffing`)
// and agents.
//
// - Candidates: online agents who do not serve the queue yet. A moved agent leaves every queue it served and works
//   the queue alone, so each of its queues loses it.
// - A queue losing agents must keep its forecast service level at or above its own goal. A queue with too few
//   contacts to forecast (fewer than 5 offered in 15 minutes) may give agents while nobody waits in it and one of
//   its online agents stays.
// - Cost: the forecast points the losing queues give up, summed. Ties: fewer agents, then fewer active chats
//   taken from their current work, then agents by name.
// - The queue gets its goal when its forecast with the moved agents' servers reaches it; no such move → null.
import type { AgentView, ScopeMetrics, Staffing, StaffingMove } from '@pulse/contracts';
import { forecastSlPctWith } from '@pulse/metrics';

export interface MoveChoice {
  to_queue: string;
  /** the agents to move, by name */
  agents: AgentView[];
  /** forecast (%) before and after: the queue first, then each queue losing agents that has a forecast (by id) */
  forecast: { queue: string; before_pct: number; after_pct: number; goal_pct: number }[];
  /** forecast points the losing queues give up */
  cost: number;
}

/** How many candidate moves the search weighs before it settles for the best found. */
export const MOVE_SEARCH_BUDGET = 5_000;
/** The most agents one move names. */
export const MOVE_MAX_AGENTS = 12;

const byName = (a: AgentView, b: AgentView) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Agents alike for the move (same queues, same capacity), the cheapest to take first. */
interface Group {
  agents: AgentView[];
  queues: string[];
  capacity: number;
}

type Key = [cost: number, agents: number, activeChats: number, names: string];

function less(a: Key, b: Key): boolean {
  if (Math.abs(a[0] - b[0]) > 1e-9) return a[0] < b[0];
  if (a[1] !== b[1]) return a[1] < b[1];
  if (a[2] !== b[2]) return a[2] < b[2];
  return a[3] < b[3];
}

export function chooseStaffingMove(queue: string, queues: Record<string, ScopeMetrics>, agents: AgentView[]): MoveChoice | null {
  const staffing = (q: string): Staffing | undefined => (Object.hasOwn(queues, q) ? queues[q]!.staffing : undefined);
  const target = staffing(queue);
  if (!target || target.forecast_sl_pct === null || target.goal_pct === null) return null;
  if (target.forecast_sl_pct >= target.goal_pct) return null;
  const online = agents.filter((a) => a.status === 'online');

  // every queue's online agents now: how many and their capacity in all
  const base = new Map<string, { n: number; sum: number }>();
  for (const a of online) {
    for (const q of new Set(a.queues)) {
      const b = base.get(q) ?? { n: 0, sum: 0 };
      base.set(q, { n: b.n + 1, sum: b.sum + a.chat_capacity });
    }
  }
  const targetBase = base.get(queue) ?? { n: 0, sum: 0 };

  const groups = new Map<string, Group>();
  for (const a of online) {
    const qs = [...new Set(a.queues)].sort();
    if (qs.length === 0 || qs.includes(queue) || qs.some((q) => !staffing(q))) continue;
    const key = JSON.stringify([qs, a.chat_capacity]);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { agents: [], queues: qs, capacity: a.chat_capacity }));
    g.agents.push(a);
  }
  const list = [...groups.values()]
    .map((g) => ({ ...g, agents: g.agents.sort((x, y) => x.active_chats - y.active_chats || byName(x, y)) }))
    .sort((x, y) => byName(x.agents[0]!, y.agents[0]!));
  if (list.length === 0) return null;

  // forecasts by queue and remaining agents / capacity, each computed once
  const memo = new Map<string, number | null>();
  const forecast = (q: string, st: Staffing, n: number, sum: number) => {
    const k = JSON.stringify([q, n, sum]);
    if (!memo.has(k)) memo.set(k, forecastSlPctWith(st, n, sum));
    return memo.get(k)!;
  };

  const counts = list.map(() => 0);
  /** each losing queue's forecast after the move; null when one would fall below its goal or be left unserved */
  const donorsAfter = () => {
    const lost = new Map<string, { n: number; sum: number }>();
    list.forEach((g, i) => {
      if (counts[i] === 0) return;
      for (const q of g.queues) {
        const l = lost.get(q) ?? { n: 0, sum: 0 };
        lost.set(q, { n: l.n + counts[i]!, sum: l.sum + counts[i]! * g.capacity });
      }
    });
    const out: { queue: string; before: number; after: number | null; goal: number | null }[] = [];
    for (const [q, l] of [...lost].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
      const st = staffing(q)!;
      const b = base.get(q)!;
      if (st.forecast_sl_pct === null) {
        if (queues[q]!.waiting > 0 || b.n - l.n < 1) return null;
        out.push({ queue: q, before: 0, after: null, goal: null });
        continue;
      }
      const after = forecast(q, st, b.n - l.n, b.sum - l.sum)!;
      if (st.goal_pct === null || after < st.goal_pct) return null;
      out.push({ queue: q, before: st.forecast_sl_pct, after, goal: st.goal_pct });
    }
    return out;
  };

  let best: { choice: MoveChoice; key: Key } | null = null;
  let budget = MOVE_SEARCH_BUDGET;
  /** 'prune': no larger move can do better (a losing queue fell below its goal, or the queue reached its own) */
  const consider = (): 'stop' | 'deeper' | 'prune' => {
    if (--budget < 0) return 'stop';
    const donors = donorsAfter();
    if (donors === null) return 'prune';
    const moved = list.flatMap((g, i) => g.agents.slice(0, counts[i]));
    const after = forecast(queue, target, targetBase.n + moved.length, targetBase.sum + moved.reduce((s, a) => s + a.chat_capacity, 0))!;
    if (after < target.goal_pct!) return 'deeper';
    const cost = donors.reduce((s, d) => s + (d.after === null ? 0 : d.before - d.after), 0);
    const named = [...moved].sort(byName);
    const key: Key = [cost, moved.length, moved.reduce((s, a) => s + a.active_chats, 0), named.map((a) => `${a.name}\u0000${a.id}`).join('\u0001')];
    if (!best || less(key, best.key)) {
      const forecasts = [{ queue, before_pct: target.forecast_sl_pct!, after_pct: after, goal_pct: target.goal_pct! }];
      for (const d of donors) if (d.after !== null) forecasts.push({ queue: d.queue, before_pct: d.before, after_pct: d.after, goal_pct: d.goal! });
      best = { key, choice: { to_queue: queue, agents: named, forecast: forecasts, cost } };
    }
    return 'prune';
  };
  // every count vector (group i gives 0..its size agents, MOVE_MAX_AGENTS at most in all), smallest first per group
  const walk = (i: number, total: number): boolean => {
    if (i === list.length) return true;
    for (let c = 0; c <= list[i]!.agents.length && total + c <= MOVE_MAX_AGENTS; c++) {
      counts[i] = c;
      if (c > 0) {
        const r = consider();
        if (r === 'stop') return false;
        if (r === 'prune') break;
      }
      if (!walk(i + 1, total + c)) return false;
    }
    counts[i] = 0;
    return true;
  };
  walk(0, 0);
  return best === null ? null : (best as { choice: MoveChoice }).choice;
}

/** The choice with display names, as alerts carry it; agents leave their queues sorted by display name. */
export function describeMove(choice: MoveChoice, names: { queue(id: string): string; agent(id: string): string }): StaffingMove {
  const sorted = (qs: string[]) => [...qs].sort((x, y) => (names.queue(x) < names.queue(y) ? -1 : names.queue(x) > names.queue(y) ? 1 : 0));
  return {
    to_queue: choice.to_queue,
    to_queue_name: names.queue(choice.to_queue),
    agents: choice.agents.map((a) => {
      const from = sorted([...new Set(a.queues)]);
      return { id: a.id, name: names.agent(a.id), from_queues: from, from_queue_names: from.map((q) => names.queue(q)) };
    }),
    forecast: choice.forecast.map((f) => ({ ...f, queue_name: names.queue(f.queue) })),
  };
}

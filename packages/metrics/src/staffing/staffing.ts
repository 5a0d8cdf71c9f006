// A queue's `staffing` (SPEC §2 "Staffing") from its figures: the arrivals of the last 15 minutes, its handle
// time, whether it is a voice queue, the chat capacities of its online agents, its T and its goal.
import type { Staffing } from '@pulse/contracts';
import { erlangForecast, smallestMeeting } from './erlang.ts';

/** Below this many offered in the `15m` window the model is not trusted: every field but staffed_agents is null. */
export const STAFFING_MIN_OFFERED = 5;
/** The servers of an agent of a chat queue when none of its agents is online (SPEC §1: chat_capacity defaults to 3). */
export const DEFAULT_SERVERS_PER_AGENT = 3;

export interface StaffingInput {
  /** offered in the queue's `15m` window */
  offered15m: number;
  /** the handle time to use (s): the 60m one, else today's, else the default (see `staffingAht`) */
  ahtS: number;
  /** most `15m` offered contacts are voice: one contact per agent */
  voice: boolean;
  /** chat_capacity of each online agent listing the queue */
  capacities: number[];
  /** T (s) */
  thresholdS: number;
  /** goal (%) */
  goalPct: number;
}

/** aht_s of SPEC §2: the 60m one, else today's, else the configured default. */
export function staffingAht(aht60mS: number | null, ahtTodayS: number | null, defaultAhtS: number): number {
  return aht60mS ?? ahtTodayS ?? defaultAhtS;
}

/**
 * The servers n agents give. Voice: n. Chat, messaging, social: n × c, c the mean capacity of the online
 * agents (3 when none), in whole servers (rounded down: a fraction of a server answers no contact).
 */
export function serversFor(voice: boolean, capacities: number[]): (agents: number) => number {
  return serversOf(serversPerAgent(voice, capacities));
}

/** ⌊n × c⌋: n × c is a sum of whole capacities for the staffed agents; the tolerance keeps 3 × (7/3) at 7, not 6.999… */
const serversOf = (c: number) => (n: number) => Math.floor(n * c + 1e-9);

/**
 * The fewest agents of `c` servers each (1 for voice) that give SL(T) ≥ goal with A erlangs offered; null when
 * an agent is no server at all (c = 0) or none within the search bound.
 */
export function requiredAgents(load: number, ahtS: number, c: number, thresholdS: number, goalPct: number): number | null {
  return c > 0 ? smallestMeeting(serversOf(c), load, thresholdS, ahtS, goalPct) : null;
}

/** c: 1 for voice, else the mean chat capacity of the online agents (3 when none). */
export function serversPerAgent(voice: boolean, capacities: number[]): number {
  if (voice) return 1;
  return capacities.length > 0 ? capacities.reduce((s, x) => s + x, 0) / capacities.length : DEFAULT_SERVERS_PER_AGENT;
}

export function emptyStaffing(staffedAgents: number): Staffing {
  return {
    arrival_rate_per_h: null,
    aht_s: null,
    load_erlangs: null,
    staffed_agents: staffedAgents,
    required_agents: null,
    forecast_sl_pct: null,
    forecast_asa_s: null,
    overloaded: null,
    voice: null,
    threshold_s: null,
    goal_pct: null,
  };
}

export function computeStaffing(i: StaffingInput): Staffing {
  const staffed = i.capacities.length;
  if (i.offered15m < STAFFING_MIN_OFFERED) return emptyStaffing(staffed);
  const arrivalRate = 4 * i.offered15m;
  const load = (arrivalRate * i.ahtS) / 3600;
  const servers = serversFor(i.voice, i.capacities);
  const forecast = erlangForecast(servers(staffed), load, i.thresholdS, i.ahtS);
  return {
    arrival_rate_per_h: arrivalRate,
    aht_s: i.ahtS,
    load_erlangs: load,
    staffed_agents: staffed,
    // agents who take no chat at all (capacity 0) meet no goal however many they are
    required_agents: requiredAgents(load, i.ahtS, serversPerAgent(i.voice, i.capacities), i.thresholdS, i.goalPct),
    forecast_sl_pct: 100 * forecast.serviceLevel,
    forecast_asa_s: forecast.asaS,
    overloaded: forecast.overloaded,
    voice: i.voice,
    threshold_s: i.thresholdS,
    goal_pct: i.goalPct,
  };
}

/**
 * The forecast service level (%) of a queue whose staffing is known if it had `agents` online agents of
 * `capacitySum` chat capacity in all instead (a move of agents): same load, handle time, T and channel.
 * Null when the queue has no forecast (fewer than 5 offered).
 */
export function forecastSlPctWith(st: Staffing, agents: number, capacitySum: number): number | null {
  if (st.load_erlangs === null || st.aht_s === null || st.threshold_s === null || st.voice === null) return null;
  // n agents × their mean capacity: the capacity sum (SPEC §2), in whole servers
  const servers = st.voice ? agents : Math.floor(capacitySum + 1e-9);
  return 100 * erlangForecast(servers, st.load_erlangs, st.threshold_s, st.aht_s).serviceLevel;
}

// An agent's day at work: log in, two short breaks and lunch (away), log out. Times jitter a little.
import type { AgentStatus } from '@pulse/contracts';
import type { Random } from '../random.ts';
import type { AgentDef } from '../world.ts';
import { dayOfWeek, MINUTE } from './calendar.ts';

export interface StatusStep {
  t: number;
  status: AgentStatus;
}

/** The status steps of the shift that `agent` starts on local day `day` (midnight at `midnight`). */
export function planShift(rng: Random, agent: AgentDef, day: number, midnight: number): StatusStep[] {
  const { shift } = agent;
  if (shift.daysOff.includes(dayOfWeek(day))) return [];
  const start = midnight + (shift.startMinute + clamp(rng.normal(0, 4), -12, 12)) * MINUTE;
  const len = shift.durationMinutes * MINUTE;
  const steps: StatusStep[] = [{ t: start, status: 'online' }];
  const pause = (at: number, jitter: number, minutes: number) => {
    const t = start + (at + shift.breakOffsetMinutes + rng.uniform(-jitter, jitter)) * MINUTE;
    steps.push({ t, status: 'away' }, { t: t + minutes * rng.uniform(0.9, 1.3) * MINUTE, status: 'online' });
  };
  pause(len / MINUTE / 4, 15, 15);
  pause(len / MINUTE / 2, 20, 30);
  pause((len / MINUTE) * 0.78, 15, 15);
  steps.push({ t: start + len + clamp(rng.normal(3, 5), -5, 15) * MINUTE, status: 'offline' });
  return steps;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

// A queue's staffing on the board: the gap the tile names, and structural sharing that notices a change of
// staffing alone (the tile must re-render when only an agent's capacity, and so the forecast, changed).
import { describe, expect, it } from 'vitest';
import type { Snapshot, Staffing } from '@pulse/contracts';
import { staffingGap } from '../src/components/StaffingLine.tsx';
import { shareSnapshot } from '../src/live/share.ts';
import { scope, snap } from './fixtures.ts';

const staffing = (over: Partial<Staffing> = {}): Staffing => ({
  arrival_rate_per_h: 48,
  aht_s: 180,
  load_erlangs: 2.4,
  staffed_agents: 3,
  required_agents: 5,
  forecast_sl_pct: 39.45,
  forecast_asa_s: 194.2,
  overloaded: false,
  voice: true,
  threshold_s: 20,
  goal_pct: 80,
  ...over,
});
const copy = (s: Snapshot): Snapshot => JSON.parse(JSON.stringify(s));

describe('staffing on the board', () => {
  it('names the gap: required − online', () => {
    expect(staffingGap(staffing())).toBe(2);
    expect(staffingGap(staffing({ staffed_agents: 7 }))).toBe(-2);
    expect(staffingGap(staffing({ staffed_agents: 5 }))).toBe(0);
    expect(staffingGap(staffing({ required_agents: null }))).toBeNull();
    expect(staffingGap(undefined)).toBeNull();
  });

  it('keeps a tile whose staffing is unchanged, and replaces one whose staffing alone changed', () => {
    const before = snap({ phone: scope({ staffing: staffing() }), quiet: scope({ staffing: staffing({ arrival_rate_per_h: null, forecast_sl_pct: null }) }) });
    const same = shareSnapshot(before, copy(before));
    expect(same.queues).toBe(before.queues);
    const next = copy(before);
    next.queues.phone!.staffing!.forecast_sl_pct = 75.97;
    next.queues.quiet!.staffing!.forecast_sl_pct = 50;
    const after = shareSnapshot(before, next);
    expect(after.queues.phone).toBe(next.queues.phone);
    // null → a number is a change too
    expect(after.queues.quiet).toBe(next.queues.quiet);
  });
});

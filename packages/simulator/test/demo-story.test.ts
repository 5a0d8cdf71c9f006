// The demo's first hour as a supervisor would see it, computed by the metrics code the server runs
// (@pulse/metrics' reference model) from exactly what the demo sends: 90 days of history, then the live feed
// continuing it with the incident `billing@+10m` (20 minutes; the demo itself defaults to `billing@+8m/15m`).
// A healthy floor, then one queue going critical while another has idle agents (the rebalance alert's
// condition), then recovery; utilization never above 100 %, the 60-minute service level between 65 % and 95 %
// before the incident; a few SLA breaches, none old.
import { describe, expect, it } from 'vitest';
import type { Snapshot } from '@pulse/contracts';
import { DEFAULT_METRIC_SETTINGS, referenceSnapshot } from '@pulse/metrics';
import { demoUtcOffset } from '../src/demo-clock.ts';
import { generateAll } from '../src/generator.ts';
import { incidentsOf, parseIncident } from '../src/incident.ts';
import { buildWorld } from '../src/world.ts';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** The queue_wait rule's critical threshold for a chat queue (6 × T, T = 30 s) and the board's red waiting count. */
const CRITICAL_WAIT_S = 180;
const RED_WAITING = 10;

const handover = Date.UTC(2025, 2, 5, 14, 7); // any minute gives the same story: the clock makes it Wednesday 10:20
const world = buildWorld({ seed: 1, utcOffsetMinutes: demoUtcOffset(handover) });
const incidents = incidentsOf(parseIncident('billing@+10m'), world, handover);
const [spike, lull] = incidents as [(typeof incidents)[0], (typeof incidents)[0]];

async function story(): Promise<{ minute: number; snap: Snapshot }[]> {
  const events = generateAll({ seed: 1, world, from: handover - 90 * DAY, to: handover + 61 * MIN, idPrefix: 'bf', quietFrom: handover, incidents });
  const recent = events.filter((e) => e.ts > handover - 3 * DAY);
  const out: { minute: number; snap: Snapshot }[] = [];
  for (let minute = 0; minute <= 60; minute += 3) {
    const now = handover + minute * MIN;
    out.push({
      minute,
      snap: await referenceSnapshot(
        recent.filter((e) => e.ts <= now),
        now,
        DEFAULT_METRIC_SETTINGS,
      ),
    });
  }
  return out;
}

const critical = (snap: Snapshot, queue: string) => snap.queues[queue]!.waiting >= RED_WAITING || snap.queues[queue]!.longest_wait_s >= CRITICAL_WAIT_S;

/** The rebalance rule's condition: another queue with nobody waiting and an idle online agent who does not serve `queue`. */
function donors(snap: Snapshot, queue: string): string[] {
  return Object.entries(snap.queues)
    .filter(([q, m]) => q !== queue && m.waiting === 0)
    .filter(([q]) => snap.agents.some((a) => a.status === 'online' && a.active_chats === 0 && a.queues.includes(q) && !a.queues.includes(queue)))
    .map(([q]) => q);
}

describe('the demo’s first hour', () => {
  it('tells the story: healthy, billing critical next to idle technical agents, then recovered', async () => {
    expect(spike).toMatchObject({ queue: 'billing', start: handover + 10 * MIN, end: handover + 30 * MIN });
    expect(lull!.queue).toBe('technical');
    const samples = await story();
    const phase = (m: number) => (handover + m * MIN < spike.start ? 'before' : handover + m * MIN <= spike.end + 5 * MIN ? 'during' : 'after');

    for (const { minute, snap } of samples) {
      const at = `+${minute} min`;
      // Utilization never above 100 %, no agent above its capacity.
      expect(snap.overall.utilization_pct ?? 0, at).toBeLessThanOrEqual(100);
      for (const a of snap.agents) expect(a.active_chats, `${at} ${a.name}`).toBeLessThanOrEqual(a.chat_capacity);
      // A few SLA breaches at most, none old.
      expect(snap.sla.breached.length, at).toBeLessThanOrEqual(5);
      for (const b of snap.sla.breached) expect(-(b.remaining_s ?? 0), `${at} ${b.ticket_id}`).toBeLessThan(DAY);
      // Only billing ever goes critical.
      for (const q of Object.keys(snap.queues)) if (q !== 'billing') expect(critical(snap, q), `${at} ${q}`).toBe(false);
      if (phase(minute) === 'before') {
        expect(critical(snap, 'billing'), at).toBe(false);
        const sl = snap.overall.windows['60m'].service_level_pct!;
        expect(sl, at).toBeGreaterThanOrEqual(65);
        expect(sl, at).toBeLessThanOrEqual(95);
      }
      if (phase(minute) === 'after' && minute >= 45) {
        expect(snap.queues.billing!.waiting, at).toBeLessThan(5);
        expect(snap.queues.billing!.longest_wait_s, at).toBeLessThan(120);
      }
    }
    const during = samples.filter((s) => phase(s.minute) === 'during');
    expect(Math.max(...during.map((s) => s.snap.queues.billing!.waiting))).toBeGreaterThanOrEqual(20);
    expect(Math.max(...during.map((s) => s.snap.queues.billing!.longest_wait_s))).toBeGreaterThanOrEqual(CRITICAL_WAIT_S);
    // The rebalance alert's condition holds: billing's wait is critical while technical has idle agents.
    const rebalance = during.filter((s) => s.snap.queues.billing!.longest_wait_s >= CRITICAL_WAIT_S && donors(s.snap, 'billing').includes('technical'));
    expect(rebalance.length).toBeGreaterThanOrEqual(2);
  }, 60_000);
});

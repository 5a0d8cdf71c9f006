// What one WebSocket delivers (stream.ts): the snapshot, then patches applied in seq order; a gap (a patch out of
// order, a heartbeat naming a later seq) asks for a snapshot once, and again only if none came for a while.
import { describe, expect, it } from 'vitest';
import { judgeHeartbeat, parseLiveMessage } from '../src/live/connection.ts';
import { LiveStream, RESYNC_RETRY_MS } from '../src/live/stream.ts';
import { scope, snap } from './fixtures.ts';

const AT = '2026-01-05T10:00:00.000Z';
const later = (s: number) => new Date(Date.parse(AT) + s * 1000).toISOString();

describe('the live stream of one socket', () => {
  it('applies patches in order on the snapshot, and moves waits and countdowns on with `at`', () => {
    const s = new LiveStream();
    const first = snap(
      { billing: scope({ waiting: 2, longest_wait_s: 30 }), sales: scope({ waiting: 0 }) },
      {
        at: AT,
        sla: {
          breached: [],
          at_risk: [{ ticket_id: 't1', target: 'first_reply', due_at: later(100), remaining_s: 100, queue: 'billing', priority: 'urgent', agent_id: null }],
        },
      },
    );
    expect(s.onSnapshot({ type: 'snapshot', seq: 7, snapshot: first })).toEqual({ kind: 'state', snapshot: first });
    const step = s.onPatch({ type: 'patch', seq: 8, at: later(5), queues: { sales: { waiting: 1, longest_wait_s: 2 } } });
    expect(step.kind).toBe('state');
    const state = (step as { snapshot: typeof first }).snapshot;
    expect(state.at).toBe(later(5));
    expect(state.queues.billing).toMatchObject({ waiting: 2, longest_wait_s: 35 });
    expect(state.queues.sales).toMatchObject({ waiting: 1, longest_wait_s: 2 });
    expect(state.sla.at_risk[0]?.remaining_s).toBe(95);
    // what did not change keeps its identity (memoized tiles skip it)
    expect(state.channels).toBe(first.channels);
    expect(state.agents).toBe(first.agents);
    expect(s.current).toEqual({ snapshot: state, seq: 8 });
  });

  it('asks for a snapshot on a gap, once, ignores patches meanwhile, and again after a while', () => {
    const s = new LiveStream();
    s.onSnapshot({ type: 'snapshot', seq: 1, snapshot: snap({}, { at: AT }) });
    expect(s.onPatch({ type: 'patch', seq: 1, at: later(1) })).toEqual({ kind: 'none' }); // an old one
    expect(s.onPatch({ type: 'patch', seq: 3, at: later(2) }, 1_000)).toEqual({ kind: 'resync' });
    expect(s.current).toBeNull();
    expect(s.onPatch({ type: 'patch', seq: 4, at: later(3) }, 1_100)).toEqual({ kind: 'none' });
    expect(s.onHeartbeat({ type: 'heartbeat', seq: 4, at: later(3) }, 2_000)).toEqual({ kind: 'none' });
    expect(s.onHeartbeat({ type: 'heartbeat', seq: 4, at: later(3) }, 1_000 + RESYNC_RETRY_MS)).toEqual({ kind: 'resync' });
    const fresh = snap({ billing: scope({ waiting: 1 }) }, { at: later(4) });
    expect(s.onSnapshot({ type: 'snapshot', seq: 4, snapshot: fresh }).kind).toBe('state');
    expect(s.onPatch({ type: 'patch', seq: 5, at: later(5) }).kind).toBe('state');
  });

  it('takes a heartbeat naming a later seq as a gap', () => {
    const s = new LiveStream();
    s.onSnapshot({ type: 'snapshot', seq: 10, snapshot: snap({}, { at: AT }) });
    expect(s.onHeartbeat({ type: 'heartbeat', seq: 10, at: AT })).toEqual({ kind: 'none' });
    expect(s.onHeartbeat({ type: 'heartbeat', at: AT })).toEqual({ kind: 'none' }); // an older server
    expect(s.onHeartbeat({ type: 'heartbeat', seq: 11, at: AT })).toEqual({ kind: 'resync' });
  });

  it('starts over with each socket', () => {
    const s = new LiveStream();
    s.onSnapshot({ type: 'snapshot', seq: 3, snapshot: snap({}, { at: AT }) });
    s.clear();
    expect(s.current).toBeNull();
    expect(s.onPatch({ type: 'patch', seq: 4, at: later(1) })).toEqual({ kind: 'none' });
  });

  it('parses patches and the seq of snapshots and heartbeats, and drops malformed ones', () => {
    expect(parseLiveMessage(JSON.stringify({ type: 'patch', seq: 2, at: AT, overall: { waiting: 1 } }))).toEqual({
      type: 'patch',
      seq: 2,
      at: AT,
      overall: { waiting: 1 },
    });
    expect(parseLiveMessage(JSON.stringify({ type: 'patch', seq: -1, at: AT }))).toBeNull();
    expect(parseLiveMessage(JSON.stringify({ type: 'patch', seq: 2, at: 'yesterday' }))).toBeNull();
    expect(parseLiveMessage(JSON.stringify({ type: 'patch', at: AT }))).toBeNull();
    expect(parseLiveMessage(JSON.stringify({ type: 'heartbeat', seq: 4, at: AT, live: 'ok', snapshot_at: AT }))).toEqual({
      type: 'heartbeat',
      seq: 4,
      at: AT,
      live: 'ok',
      snapshot_at: AT,
    });
    expect(parseLiveMessage(JSON.stringify({ type: 'snapshot', seq: 'x', snapshot: snap({}) }))).toBeNull();
  });

  it('vouches for the data only when the board holds the stream’s last seq', () => {
    const held = { at: AT, receivedAt: 1_000, seq: 5 };
    expect(judgeHeartbeat({ type: 'heartbeat', seq: 5, at: AT, live: 'ok', snapshot_at: AT }, held, 2_000)).toEqual({ current: true, problem: null });
    expect(judgeHeartbeat({ type: 'heartbeat', seq: 6, at: AT, live: 'ok', snapshot_at: AT }, held, 2_000)).toEqual({ current: false, problem: null });
    // awaiting a resync: no seq of this stream
    expect(judgeHeartbeat({ type: 'heartbeat', seq: 6, at: AT, live: 'ok', snapshot_at: AT }, { ...held, seq: -1 }, 2_000).current).toBe(false);
  });
});

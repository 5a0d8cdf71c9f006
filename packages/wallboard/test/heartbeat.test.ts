// A heartbeat is trusted only with its data: it must say live state is healthy, the board must hold the
// server's latest snapshot, and a snapshot must have arrived recently (connection.ts, judgeHeartbeat).
import { describe, expect, it } from 'vitest';
import { judgeHeartbeat, parseLiveMessage, SNAPSHOT_MAX_AGE_MS } from '../src/live/connection.ts';

const AT = '2026-01-05T10:00:00.000Z';
const NOW = Date.parse(AT) + 5_000;
const held = { at: AT, receivedAt: NOW - 5_000 };

describe('heartbeats', () => {
  it('parses health, reason and the last snapshot time, and stays compatible with older servers', () => {
    expect(parseLiveMessage(JSON.stringify({ type: 'heartbeat', at: 'x', live: 'ok', snapshot_at: AT }))).toEqual({
      type: 'heartbeat',
      at: 'x',
      live: 'ok',
      snapshot_at: AT,
    });
    expect(
      parseLiveMessage(JSON.stringify({ type: 'heartbeat', at: 'x', live: 'unavailable', reason: 'redis connection main is reconnecting', snapshot_at: null })),
    ).toEqual({
      type: 'heartbeat',
      at: 'x',
      live: 'unavailable',
      reason: 'redis connection main is reconnecting',
      snapshot_at: null,
    });
    // an unknown health is not 'ok'
    expect(parseLiveMessage(JSON.stringify({ type: 'heartbeat', at: 'x', live: 'degraded' }))).toMatchObject({ live: 'unavailable' });
    expect(parseLiveMessage('{"type":"heartbeat","at":"x"}')).toEqual({ type: 'heartbeat', at: 'x' });
  });

  it('vouches for the data only when live state is healthy and the board holds the latest snapshot', () => {
    expect(judgeHeartbeat({ type: 'heartbeat', at: AT, live: 'ok', snapshot_at: AT }, held, NOW)).toEqual({ current: true, problem: null });
    // older servers say nothing of health: trusted as before, while snapshots keep coming
    expect(judgeHeartbeat({ type: 'heartbeat', at: AT }, held, NOW)).toEqual({ current: true, problem: null });
    // the server built a newer snapshot than the board holds: the board is behind
    expect(judgeHeartbeat({ type: 'heartbeat', at: AT, live: 'ok', snapshot_at: '2026-01-05T10:00:03.000Z' }, held, NOW)).toEqual({
      current: false,
      problem: null,
    });
    // no snapshot yet: a heartbeat proves the link, not the data
    expect(judgeHeartbeat({ type: 'heartbeat', at: AT, live: 'ok', snapshot_at: null }, null, NOW)).toEqual({ current: false, problem: null });
  });

  it('says why when the server cannot serve live state, whatever the board holds', () => {
    expect(
      judgeHeartbeat({ type: 'heartbeat', at: AT, live: 'unavailable', reason: 'redis connection main is reconnecting', snapshot_at: AT }, held, NOW),
    ).toEqual({
      current: false,
      problem: 'redis connection main is reconnecting',
    });
    expect(judgeHeartbeat({ type: 'heartbeat', at: AT, live: 'unavailable' }, held, NOW).problem).toBe('live data unavailable');
  });

  it('stops vouching when no snapshot arrived for longer than the server ever stays silent when healthy', () => {
    const hb = { type: 'heartbeat', at: AT, live: 'ok', snapshot_at: AT } as const;
    expect(judgeHeartbeat(hb, { at: AT, receivedAt: NOW - SNAPSHOT_MAX_AGE_MS }, NOW).current).toBe(true);
    expect(judgeHeartbeat(hb, { at: AT, receivedAt: NOW - SNAPSHOT_MAX_AGE_MS - 1 }, NOW).current).toBe(false);
  });
});

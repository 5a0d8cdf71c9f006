// Unit tests of the wall-board's pure logic (no browser): formatting, URL config, metrics, history, connection.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScopeMetrics, Snapshot, WindowMetrics } from '@pulse/contracts';
import { formatDuration, formatPct, formatCount, formatClock } from '../src/format.ts';
import { parseConfig, resolveTimeZone } from '../src/config.ts';
import { computeTotals, gridShape, queueWaitAlert, selectQueues, tickingWait, waitSeverity } from '../src/board/metrics.ts';
import { WaitingHistory } from '../src/live/history.ts';
import { backoffDelay, LiveConnection, liveStreamUrl, parseLiveMessage, type ConnectionStatus } from '../src/live/connection.ts';

const win = (over: Partial<WindowMetrics> = {}): WindowMetrics => ({
  offered: 0, answered: 0, abandoned: 0, asa_s: null, service_level_pct: null, abandon_rate_pct: null, aht_s: null,
  csat_pct: null, csat_responses: 0, created: 0, solved: 0, frt_avg_s: null, frt_p90_s: null, reassignments: 0,
  fcr_pct: null, sla_achievement_pct: null, ...over,
});
const scope = (over: Partial<ScopeMetrics> = {}): ScopeMetrics => ({
  waiting: 0, longest_wait_s: 0, unsolved_tickets: 0, unassigned_tickets: 0, oldest_unassigned_s: 0, agents_online: 0,
  agents_away: 0, active_chats: 0, utilization_pct: null, sla_breached: 0, sla_at_risk: 0,
  windows: { '15m': win(), '60m': win(), today: win() }, ...over,
});
const snap = (queues: Record<string, ScopeMetrics>, over: Partial<Snapshot> = {}): Snapshot => ({
  at: '2025-01-01T10:00:00.000Z', time_zone: 'UTC', overall: scope({ waiting: 99 }), queues, channels: {}, agents: [],
  sla: { breached: [], at_risk: [] }, alerts: [], ...over,
});

describe('format', () => {
  it('formats durations as m:ss and h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(42.9)).toBe('0:42');
    expect(formatDuration(725)).toBe('12:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
    expect(formatDuration(null)).toBe('—');
  });
  it('formats percentages and counts, null as a dash', () => {
    expect(formatPct(87.4)).toBe('87%');
    expect(formatPct(null)).toBe('—');
    expect(formatCount(7)).toBe('7');
    expect(formatCount(1234)).toBe('1234');
  });
  it('shows the clock in the given time zone, 24 h', () => {
    const t = Date.parse('2025-07-01T12:34:56Z');
    expect(formatClock(t, 'UTC')).toBe('12:34:56');
    expect(formatClock(t, 'Europe/Paris')).toBe('14:34:56');
  });
});

describe('config', () => {
  it('reads token, queues and tz from the URL', () => {
    expect(parseConfig('?token=abc&queue=sales,%20vip&queue=billing&tz=Europe/Paris')).toEqual({
      token: 'abc', queues: ['sales', 'vip', 'billing'], tz: 'Europe/Paris',
    });
    expect(parseConfig('')).toEqual({ token: null, queues: null, tz: null });
    expect(parseConfig('?tz=Not/AZone').tz).toBeNull();
  });
  it('defaults the time zone to the snapshot', () => {
    expect(resolveTimeZone(null, 'America/New_York')).toBe('America/New_York');
    expect(resolveTimeZone('Asia/Tokyo', 'America/New_York')).toBe('Asia/Tokyo');
  });
});

describe('metrics', () => {
  const s = snap({
    vip: scope({ waiting: 2, longest_wait_s: 50, active_chats: 3, agents_online: 2 }),
    billing: scope({ waiting: 0, active_chats: 1, agents_online: 1 }),
    sales: scope({ waiting: 1, longest_wait_s: 10, active_chats: 2, agents_online: 2 }),
  });
  it('lists queues sorted by name, optionally filtered', () => {
    expect(selectQueues(s, null).map((q) => q.name)).toEqual(['billing', 'sales', 'vip']);
    expect(selectQueues(s, ['vip', 'sales', 'unknown']).map((q) => q.name)).toEqual(['sales', 'vip']);
  });
  it('uses overall for totals, or sums the filtered queues', () => {
    expect(computeTotals(s, null).waiting).toBe(99);
    const t = computeTotals(s, ['vip', 'sales']);
    expect(t).toMatchObject({ waiting: 3, longestWaitS: 50, activeChats: 5, agentsOnline: 4 });
  });
  it('counts agents once from the agent list when filtered', () => {
    const agent = (id: string, queues: string[], active: number, status: 'online' | 'away' = 'online') => ({
      id, name: id, status, status_since: null, queues, active_chats: active, chat_capacity: 3, load_pct: null,
      open_tickets: 0, handled_today: 0, timeline: [],
    });
    const withAgents = { ...s, agents: [agent('a', ['vip', 'sales'], 2), agent('b', ['sales'], 1), agent('c', ['vip'], 0, 'away')] };
    const t = computeTotals(withAgents, ['vip', 'sales']);
    expect(t.agentsOnline).toBe(2);
    expect(t.utilizationPct).toBeCloseTo(50);
  });
  it('ticks the longest wait only while someone waits', () => {
    expect(tickingWait(40, 2, 1_000, 6_500)).toBeCloseTo(45.5);
    expect(tickingWait(40, 0, 1_000, 6_500)).toBe(0);
  });
  it('prefers the server alert severity over default thresholds', () => {
    expect(waitSeverity(30, null)).toBe('ok');
    expect(waitSeverity(60, null)).toBe('warning');
    expect(waitSeverity(180, null)).toBe('critical');
    const withAlert = snap({}, { alerts: [{ rule: 'queue_wait', state: 'firing', severity: 'critical', scope: { queue: 'vip' } }] });
    expect(queueWaitAlert(withAlert, 'vip')).toBe('critical');
    expect(queueWaitAlert(withAlert, 'sales')).toBeNull();
    expect(waitSeverity(10, 'critical')).toBe('critical');
  });
  it('lays out up to 12 tiles in at most 3 rows', () => {
    for (let n = 1; n <= 12; n++) expect(gridShape(n).rows).toBeLessThanOrEqual(3);
    expect(gridShape(12)).toEqual({ cols: 4, rows: 3 });
  });
});

describe('waiting history', () => {
  it('keeps the peak per bucket, fills gaps and stays bounded', () => {
    const h = new WaitingHistory(4, 1_000);
    h.observe({ q: 1 }, 0);
    h.observe({ q: 5 }, 300);
    h.observe({ q: 2 }, 600);
    expect(h.get('q').map((p) => p.v)).toEqual([5]);
    const before = h.get('q');
    h.observe({ q: 2 }, 900);
    expect(h.get('q')).toBe(before); // unchanged series keeps its identity
    h.observe({ q: 3 }, 3_100); // buckets 1 and 2 slept through: carry 2
    expect(h.get('q').map((p) => p.v)).toEqual([5, 2, 2, 3]);
    h.observe({ q: 4 }, 4_000);
    expect(h.get('q').map((p) => p.v)).toEqual([2, 2, 3, 4]);
    h.observe({}, 5_000);
    expect(h.get('q')).toEqual([]);
  });
});

describe('connection', () => {
  afterEach(() => vi.useRealTimers());

  it('backs off exponentially, capped at 10 s', () => {
    const max = (a: number) => backoffDelay(a, undefined, () => 1);
    expect([0, 1, 2, 3, 4, 5, 6, 20].map(max)).toEqual([500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
    expect(backoffDelay(3, undefined, () => 0)).toBe(2000);
  });
  it('builds the stream URL from the page origin', () => {
    expect(liveStreamUrl({ protocol: 'https:', host: 'pulse.example:8443' }, 'a b')).toBe('wss://pulse.example:8443/v1/live/stream?token=a+b');
    expect(liveStreamUrl({ protocol: 'http:', host: 'localhost:8080' }, null)).toBe('ws://localhost:8080/v1/live/stream');
  });
  it('parses only well-formed messages', () => {
    expect(parseLiveMessage('{"type":"heartbeat","at":"x"}')).toEqual({ type: 'heartbeat', at: 'x' });
    expect(parseLiveMessage(JSON.stringify({ type: 'snapshot', snapshot: snap({}) }))?.type).toBe('snapshot');
    expect(parseLiveMessage('{"type":"snapshot","snapshot":{}}')).toBeNull();
    expect(parseLiveMessage('not json')).toBeNull();
  });

  it('reconnects after a drop and after silence, and stops cleanly', () => {
    vi.useFakeTimers();
    vi.spyOn(Math, 'random').mockReturnValue(1);
    const sockets: FakeSocket[] = [];
    const statuses: ConnectionStatus[] = [];
    const messages: string[] = [];
    const conn = new LiveConnection({
      url: 'ws://x/v1/live/stream',
      createSocket: () => {
        const s = new FakeSocket();
        sockets.push(s);
        return s as unknown as WebSocket;
      },
      onMessage: (m) => messages.push(m.type),
      onStatus: (s) => statuses.push(s),
      silenceTimeoutMs: 10_000,
    });
    conn.start();
    expect(sockets).toHaveLength(1);
    sockets[0]!.open();
    sockets[0]!.message({ type: 'heartbeat', at: 'now' });
    expect(messages).toEqual(['heartbeat']);
    sockets[0]!.drop();
    expect(statuses.at(-1)?.state).toBe('retrying');
    vi.advanceTimersByTime(499);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(2);
    sockets[1]!.drop(); // second failure in a row: 1 s
    vi.advanceTimersByTime(999);
    expect(sockets).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sockets).toHaveLength(3);
    sockets[2]!.open(); // open but silent: dropped after 10 s, then retried
    vi.advanceTimersByTime(10_000);
    expect(sockets[2]!.closed).toBe(true);
    expect(statuses.at(-1)?.state).toBe('retrying');
    vi.advanceTimersByTime(2_000);
    expect(sockets).toHaveLength(4);
    conn.stop();
    expect(sockets[3]!.closed).toBe(true);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(4);
    expect(statuses.at(-1)?.state).toBe('stopped');
  });
});

class FakeSocket {
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readyState = 0;
  closed = false;
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: ((ev: { code: number; reason: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  message(m: unknown) {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: '' });
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
}

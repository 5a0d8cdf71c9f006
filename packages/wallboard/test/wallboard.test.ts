// Unit tests of the wall-board's pure logic (no browser): formatting, metrics, connection.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ScopeMetrics, Snapshot } from '@pulse/contracts';
import { formatClock, formatCount, formatCountdown, formatDay, formatDuration, formatOffset, formatPct } from '../src/format.ts';
import { clockSkew, computeTotals, elapsedSince, selectTiles, tickingWait } from '../src/board/metrics.ts';
import { backoffDelay, LiveConnection, liveStreamUrl, parseLiveMessage, type ConnectionStatus } from '../src/live/connection.ts';
import { scope, snap } from './fixtures.ts';

describe('format', () => {
  it('formats durations as m:ss and h:mm:ss, and over a day as days and hours', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(42.9)).toBe('0:42');
    expect(formatDuration(725)).toBe('12:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(86_399)).toBe('23:59:59');
    expect(formatDuration(86_400)).toBe('1 d 0 h');
    expect(formatDuration(2 * 86_400 + 4 * 3_600 + 59 * 60)).toBe('2 d 4 h');
    expect(formatDuration(-5)).toBe('0:00');
    expect(formatDuration(null)).toBe('—');
  });
  it('counts SLA time down and overdue with a minus sign, never −0:00', () => {
    expect(formatCountdown(59.2)).toBe('0:59');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(-0.2)).toBe('−0:01');
    expect(formatCountdown(-60.852)).toBe('−1:01');
    expect(formatCountdown(-3725)).toBe('−1:02:05');
    expect(formatCountdown(-(87 * 3_600))).toBe('−3 d 15 h');
    expect(formatCountdown(2 * 86_400 + 4 * 3_600)).toBe('2 d 4 h');
    expect(formatCountdown(null)).toBe('—');
  });
  it('formats percentages with at most one decimal, for the locale, null as a dash', () => {
    expect(formatPct(87.4)).toBe('87.4%');
    expect(formatPct(100)).toBe('100%');
    expect(formatPct(33.333333)).toBe('33.3%');
    expect(formatPct(0.04)).toBe('0%');
    expect(formatPct(87.45, 'es')).toBe('87,5\u00a0%');
    expect(formatPct(null)).toBe('—');
    expect(formatPct(undefined, 'es')).toBe('—');
  });
  it('formats counts for the locale', () => {
    expect(formatCount(7)).toBe('7');
    expect(formatCount(1234)).toBe('1,234');
    expect(formatCount(1234, 'es')).toBe('1234');
    expect(formatCount(12345, 'es')).toBe('12.345');
    expect(formatCount(null)).toBe('—');
  });
  it('shows clock, day and offset in the given time zone, 24 h', () => {
    const t = Date.parse('2025-07-01T12:34:56Z');
    expect(formatClock(t, 'UTC')).toBe('12:34:56');
    expect(formatClock(t, 'Europe/Madrid', 'es')).toBe('14:34:56');
    expect(formatClock(t, 'America/New_York', 'en', false)).toBe('08:34');
    expect(formatDay(t, 'Europe/Madrid', 'es')).toMatch(/mar.*1.*jul/i);
    expect(formatOffset(t, 'Europe/Madrid')).toBe('GMT+2');
    expect(formatOffset(Date.parse('2025-01-01T12:00:00Z'), 'Europe/Madrid')).toBe('GMT+1');
  });
});

describe('metrics', () => {
  const s = snap(
    {
      vip: scope({ waiting: 2, longest_wait_s: 50, active_chats: 3, agents_online: 2, sla_breached: 1 }),
      billing: scope({ waiting: 0, active_chats: 1, agents_online: 1 }),
      sales: scope({ waiting: 1, longest_wait_s: 10, active_chats: 2, agents_online: 2, sla_at_risk: 2 }),
    },
    { channels: { voice: scope({ waiting: 1 }), chat: scope() } },
  );
  it('shows every queue by default, named queues, named channels, or both', () => {
    const names = (v: Parameters<typeof selectTiles>[1]) => selectTiles(s, v).map((t) => `${t.kind}:${t.name}`);
    expect(names({ queues: null, channels: null })).toEqual(['queue:billing', 'queue:sales', 'queue:vip']);
    expect(names({ queues: ['vip', 'sales', 'unknown'], channels: null })).toEqual(['queue:sales', 'queue:vip']);
    expect(names({ queues: null, channels: ['voice'] })).toEqual(['channel:voice']);
    expect(names({ queues: '*', channels: '*' })).toEqual(['queue:billing', 'queue:sales', 'queue:vip', 'channel:chat', 'channel:voice']);
  });
  it('keeps chat channels and ticket channels apart: chat ones first, each kind said', () => {
    const mixed = snap({}, { channels: { email: scope(), voice: scope(), api: scope(), chat: scope(), web: scope() } });
    expect(selectTiles(mixed, { queues: null, channels: '*' }).map((t) => `${t.channelKind}:${t.name}`)).toEqual([
      'chat:chat',
      'chat:voice',
      'ticket:api',
      'ticket:email',
      'ticket:web',
    ]);
  });
  it('uses overall for totals, or sums the filtered queues', () => {
    expect(computeTotals(s, null).waiting).toBe(99);
    const t = computeTotals(s, ['vip', 'sales']);
    expect(t).toMatchObject({ waiting: 3, longestWaitS: 50, activeChats: 5, slaBreached: 1, slaAtRisk: 2, serviceLevelPct: null });
  });
  it('gives the header the window’s service level and abandon rate, summing abandons over filtered queues', () => {
    const w = (offered: number, abandoned: number, sl: number | null) => ({
      ...scope().windows['15m'],
      offered,
      answered: offered - abandoned,
      abandoned,
      service_level_pct: sl,
      abandon_rate_pct: offered ? (100 * abandoned) / offered : null,
    });
    const withWindows = snap({
      a: { ...scope(), windows: { ...scope().windows, '15m': w(10, 1, 90) } },
      b: { ...scope(), windows: { ...scope().windows, '15m': w(30, 9, 60) } },
    });
    withWindows.overall = { ...withWindows.overall, windows: { ...withWindows.overall.windows, '15m': w(40, 10, 67.5) } };
    expect(computeTotals(withWindows, null)).toMatchObject({ serviceLevelPct: 67.5, abandonRatePct: 25, offered: 40 });
    expect(computeTotals(withWindows, ['a'])).toMatchObject({ serviceLevelPct: 90, abandonRatePct: 10, offered: 10 });
    expect(computeTotals(withWindows, ['a', 'b'])).toMatchObject({ serviceLevelPct: null, abandonRatePct: 25, offered: 40 });
  });
  it('counts agents once from the agent list when filtered', () => {
    const agent = (id: string, queues: string[], active: number, status: 'online' | 'away' = 'online') => ({
      id,
      name: id,
      status,
      status_since: null,
      queues,
      active_chats: active,
      chat_capacity: 3,
      load_pct: null,
      open_tickets: 0,
      handled_today: 0,
      timeline: [],
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
  it('measures time in status from server times, corrected for the client clock', () => {
    // The client runs 3 s ahead of the server: the snapshot taken at 10:00:00 server time arrived at 10:00:03 client time.
    const skew = clockSkew('2025-01-01T10:00:00.000Z', Date.parse('2025-01-01T10:00:03.000Z'));
    expect(skew).toBe(3_000);
    expect(elapsedSince('2025-01-01T09:59:00.000Z', skew, Date.parse('2025-01-01T10:00:13.000Z'))).toBe(70);
    expect(elapsedSince(null, skew, 0)).toBeNull();
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

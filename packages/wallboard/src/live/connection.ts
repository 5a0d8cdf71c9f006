// The WebSocket to `/v1/live/stream`: connect, parse LiveMessages (snapshots, patches, heartbeats), send a resync,
// reconnect with capped exponential backoff.
// Framework-free so it can be reasoned about (and tested) without React.
import type { LiveClientMessage, LiveMessage } from '@pulse/contracts';
import { isSnapshot } from './api.ts';
import type { LiveFilters } from './types.ts';

export type ConnectionState = 'connecting' | 'open' | 'retrying' | 'stopped';

export interface ConnectionStatus {
  state: ConnectionState;
  /** Failed attempts in a row (0 once a message has arrived). */
  failures: number;
  /** Client time of the next attempt while `retrying`. */
  retryAt: number | null;
  /** Why the last socket ended, or an `error` message the server sent. */
  lastError: string | null;
  /**
   * While the socket is open: what the server's last heartbeat says is wrong with live state (Redis
   * unreachable, snapshots failing), or null when it says live state is fine. Set by useLiveSnapshot.
   */
  liveProblem?: string | null;
}

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 10_000 };

/**
 * Delay before reconnect attempt number `attempt` (0-based): initial × 2^attempt, capped at max,
 * with "equal jitter" (between half and all of it) so a room of wall displays does not reconnect in lockstep.
 */
export function backoffDelay(attempt: number, opts: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const base = Math.min(opts.maxMs, opts.initialMs * 2 ** Math.max(0, Math.min(attempt, 30)));
  return Math.round(base / 2 + (random() * base) / 2);
}

/** ws(s)://<page host>/v1/live/stream?token=… — relative to the page origin, like every URL of the app. */
export function liveStreamUrl(location: { protocol: string; host: string }, token: string | null, filters: LiveFilters = {}): string {
  const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const params = new URLSearchParams();
  if (token) params.set('token', token);
  if (filters.queue) params.set('queue', filters.queue);
  if (filters.channel) params.set('channel', filters.channel);
  const qs = params.toString();
  return `${proto}//${location.host}/v1/live/stream${qs ? `?${qs}` : ''}`;
}

const isSeq = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Parses one frame; anything that is not a well-formed LiveMessage is dropped (null). */
export function parseLiveMessage(data: unknown): LiveMessage | null {
  if (typeof data !== 'string') return null;
  let msg: unknown;
  try {
    msg = JSON.parse(data);
  } catch {
    return null;
  }
  if (typeof msg !== 'object' || msg === null) return null;
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'snapshot':
      if (!isSnapshot(m.snapshot) || (m.seq !== undefined && !isSeq(m.seq))) return null;
      return msg as LiveMessage;
    case 'patch':
      // applied by stream.ts on the snapshot it follows; a malformed one is dropped, which is then a gap
      return isSeq(m.seq) && typeof m.at === 'string' && Number.isFinite(Date.parse(m.at)) ? (msg as LiveMessage) : null;
    case 'heartbeat': {
      // `live`, `reason`, `snapshot_at` and `seq` are absent from older servers: such a heartbeat is trusted as before
      const hb: HeartbeatMessage = { type: 'heartbeat', at: String(m.at ?? '') };
      if (isSeq(m.seq)) hb.seq = m.seq;
      if (m.live !== undefined) hb.live = m.live === 'ok' ? 'ok' : 'unavailable';
      if (typeof m.reason === 'string') hb.reason = m.reason.slice(0, 500);
      if (typeof m.snapshot_at === 'string' || m.snapshot_at === null) hb.snapshot_at = m.snapshot_at;
      return hb;
    }
    case 'error':
      return { type: 'error', error: String(m.error ?? 'unknown error') };
    default:
      return null;
  }
}

export type HeartbeatMessage = Extract<LiveMessage, { type: 'heartbeat' }>;

/**
 * The server sends a snapshot or patch at least every 15 s while it is healthy (its periodic refresh, even when
 * nothing changes): a board with none for longer than this does not trust heartbeats alone.
 */
export const SNAPSHOT_MAX_AGE_MS = 30_000;

export interface HeartbeatVerdict {
  /** the heartbeat confirms that what the board shows is current */
  current: boolean;
  /** what the heartbeat says is wrong with live state on the server, or null */
  problem: string | null;
}

/**
 * What a heartbeat proves about the data on screen. A heartbeat proves the link; the data is current only
 * if the server also says live state is healthy (`live: 'ok'`), the board holds the server's last state
 * (`snapshot_at` no newer than the board's, `seq` no later than the board's), and a snapshot or patch arrived
 * within SNAPSHOT_MAX_AGE_MS.
 * A board whose heartbeats go on while its data is not confirmed goes STALE after the usual threshold;
 * one told that live state is unavailable goes STALE at once.
 */
export function judgeHeartbeat(hb: HeartbeatMessage, held: { at: string; receivedAt: number; seq?: number | null } | null, now: number): HeartbeatVerdict {
  if (hb.live !== undefined && hb.live !== 'ok') return { current: false, problem: hb.reason || 'live data unavailable' };
  if (!held) return { current: false, problem: null };
  if (hb.snapshot_at && Date.parse(held.at) < Date.parse(hb.snapshot_at)) return { current: false, problem: null };
  if (hb.seq !== undefined && held.seq != null && held.seq < hb.seq) return { current: false, problem: null };
  if (now - held.receivedAt > SNAPSHOT_MAX_AGE_MS) return { current: false, problem: null };
  return { current: true, problem: null };
}

function describeClose(ev: CloseEvent): string {
  if (ev.code === 1008 || ev.code === 4401 || ev.code === 4403) return `refused by the server (${ev.reason || 'token missing or wrong'})`;
  if (ev.code === 1006) return 'connection lost';
  return ev.reason ? `closed: ${ev.reason}` : `closed (code ${ev.code})`;
}

export interface LiveConnectionOptions {
  url: string;
  onMessage: (msg: LiveMessage) => void;
  onStatus?: (status: ConnectionStatus) => void;
  backoff?: BackoffOptions;
  /** An open socket with no message for this long is treated as dead (the server sends a heartbeat every 2 s). */
  silenceTimeoutMs?: number;
  createSocket?: (url: string) => WebSocket;
}

export class LiveConnection {
  private ws: WebSocket | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private silenceTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  /** The last `{type:'error'}` the server sent, until a good message arrives. */
  private serverError: string | null = null;

  constructor(private readonly opts: LiveConnectionOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    globalThis.addEventListener?.('online', this.onOnline);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    globalThis.removeEventListener?.('online', this.onOnline);
    this.clearTimers();
    this.dropSocket(1000, 'board closed');
    this.emit('stopped', null);
  }

  private connect(): void {
    if (this.stopped) return;
    this.clearTimers();
    this.emit('connecting', null);
    let ws: WebSocket;
    try {
      ws = this.opts.createSocket ? this.opts.createSocket(this.opts.url) : new WebSocket(this.opts.url);
    } catch (err) {
      this.retry(err instanceof Error ? err.message : String(err));
      return;
    }
    this.ws = ws;
    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.emit('open', null);
      this.armSilenceTimer();
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (this.ws !== ws) return;
      this.armSilenceTimer();
      const msg = parseLiveMessage(ev.data);
      if (!msg) return;
      if (msg.type === 'error') {
        this.serverError = msg.error;
        this.emit('open', null);
      } else if (this.failures !== 0 || this.serverError !== null) {
        // Only a real message proves the link works: a server that accepts and drops at once keeps backing off.
        this.failures = 0;
        this.serverError = null;
        this.emit('open', null);
      }
      this.opts.onMessage(msg);
    };
    ws.onclose = (ev: CloseEvent) => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.retry(describeClose(ev));
    };
    ws.onerror = () => {
      /* a close event always follows */
    };
  }

  private retry(reason: string): void {
    this.clearTimers();
    if (this.stopped) return;
    const delay = backoffDelay(this.failures, this.opts.backoff ?? DEFAULT_BACKOFF);
    this.failures += 1;
    this.emit('retrying', Date.now() + delay, this.serverError ?? reason);
    this.retryTimer = setTimeout(() => this.connect(), delay);
  }

  private armSilenceTimer(): void {
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = setTimeout(() => {
      // A half-open TCP connection (TV on Wi-Fi, sleeping laptop) never fires close: drop it ourselves.
      this.dropSocket(4000, 'no message received');
      this.retry('no message from the server');
    }, this.opts.silenceTimeoutMs ?? 10_000);
  }

  private dropSocket(code: number, reason: string): void {
    const ws = this.ws;
    this.ws = null;
    if (!ws) return;
    ws.onopen = ws.onmessage = ws.onclose = ws.onerror = null;
    try {
      if (ws.readyState === ws.CONNECTING || ws.readyState === ws.OPEN) ws.close(code, reason);
    } catch {
      /* already closing */
    }
  }

  private clearTimers(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.retryTimer = this.silenceTimer = null;
  }

  /** Sends a message to the server (a resync); false when the socket is not open. */
  send(msg: LiveClientMessage): boolean {
    const ws = this.ws;
    if (!ws || ws.readyState !== ws.OPEN) return false;
    ws.send(JSON.stringify(msg));
    return true;
  }

  /** The server answers again (a REST call got through): try now rather than waiting out the backoff. */
  reconnectNow(): void {
    if (!this.stopped && this.ws === null) {
      this.failures = 0;
      this.connect();
    }
  }

  private readonly onOnline = (): void => this.reconnectNow();

  private emit(state: ConnectionState, retryAt: number | null, reason?: string): void {
    this.opts.onStatus?.({
      state,
      failures: this.failures,
      retryAt,
      lastError: reason ?? this.serverError,
    });
  }
}

// Pushes live state to this instance's WebSocket clients (SPEC §3): a client joins with the snapshot of its
// stream (feed.ts: everything, or one queue's or channel's), then gets patches of only what changed, with
// heartbeats that carry the stream's last `seq`. One push per change burst (coalesced to at most one per
// `pushIntervalMs`, and further apart when a push itself is costly — its computing and sending, not the time it
// waits for Redis — so pushing never takes more than about a third of the process); a quiet stream still gets a
// patch every REFRESH_MS so the board knows it is current.
// A change that arrives while a push is being built is pushed after it: the board never keeps a state older
// than the last change. A client that asks (`resync`), or fell behind, is sent its stream's snapshot.
import type { LiveMessage } from '@pulse/contracts';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Config } from '../config/schema.ts';
import type { LiveHealthState } from '../live/health.ts';
import type { LiveFrame } from '../live/service.ts';
import type { Filter } from '../live/view/filter.ts';
import { ClientBuffer, TEXT_FRAME, type Outgoing } from './client-buffer.ts';
import { Feed } from './feed.ts';
import { Liveness } from './liveness.ts';
import { WsStats } from './stats.ts';

export interface LiveClient {
  socket: WebSocket;
  queue?: string;
  channel?: string;
}

export type { LiveFrame };

/** What a push is built from (live/service.ts, as live/health.ts tracks it). */
export interface FrameSource {
  frame(): Promise<LiveFrame>;
}

/** Whether live state can be served (live/health.ts): heartbeats say it, so a board trusts them only with their data. */
export interface HealthSource {
  state(): LiveHealthState;
}

/** What watches the pushes, given once: the health heartbeats carry, and the push latency (/metrics). */
export interface BroadcasterWatch {
  health?: HealthSource;
  /** after each push: the time since the oldest change it carries reached this instance, in seconds */
  pushLatency?: { observe(seconds: number): void };
}

const ALWAYS_OK: HealthSource = { state: () => ({ live: 'ok', snapshotAt: null, wantsSnapshot: false }) };

/** A stream with no patch for this long is sent one anyway (`at` only when nothing changed). */
export const REFRESH_MS = 15_000;
/** pushes are spaced at least this many times their own cost (computing and sending them) apart */
const COST_FACTOR = 3;

/** Per client: its stream, its bounded send buffer (client-buffer.ts) and its ping/pong check (liveness.ts). */
interface Link {
  feed: Feed;
  buffer: ClientBuffer;
  liveness: Liveness;
  /** the seq of the last snapshot it was sent (a resync at that seq again is not answered twice) */
  snapshotSeq: number;
}

const feedKey = (c: Filter) => `${c.queue ?? ''}\u0000${c.channel ?? ''}`;

export class Broadcaster {
  /** clients waiting for their first snapshot: they join their stream after the next push */
  private readonly joining = new Set<LiveClient>();
  private readonly links = new Map<LiveClient, Link>();
  private readonly feeds = new Map<string, { feed: Feed; clients: number }>();
  private pending: NodeJS.Timeout | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private lastPush = 0;
  /** ms the last push took to build and send */
  private lastCost = 0;
  private pushing = false;
  private dirty = false;
  /** every stream starts afresh at the next push (after an outage: what was missed is not known) */
  private resyncAll = false;
  pushes = 0;
  /** patches and snapshots sent, and their bytes (/metrics) */
  sent = { patches: 0, patchBytes: 0, snapshots: 0, snapshotBytes: 0 };
  /** ms spent building pushes (refresh and build, Redis reads included) and fanning them out (diff, JSON, writes) */
  readonly time = { buildMs: 0, fanOutMs: 0 };
  /** when the oldest change not yet pushed reached this instance (performance.now()), for push latency */
  private changedAt: number | null = null;
  readonly stats = new WsStats();

  private readonly health: HealthSource;

  constructor(
    private readonly frames: FrameSource,
    private readonly opts: { pushIntervalMs: number; heartbeatMs: number },
    private readonly log: Logger,
    private readonly limits: Config['ws'],
    private readonly watch: BroadcasterWatch = {},
  ) {
    this.health = watch.health ?? ALWAYS_OK;
  }

  start(): void {
    this.timers.push(setInterval(() => this.heartbeat(), this.opts.heartbeatMs));
    this.timers.push(setInterval(() => Date.now() - this.lastPush >= REFRESH_MS && this.changed(), REFRESH_MS / 3));
    // the windows roll over at every minute: pushed at once rather than with the next change
    const minute = () => {
      this.timers.push(setTimeout(() => (this.changed(), minute()), 60_000 - (Date.now() % 60_000) + 5));
    };
    minute();
    const { pongTimeoutMs, slowClientTimeoutMs } = this.limits;
    this.timers.push(setInterval(() => this.sweep(), Math.max(20, Math.min(250, pongTimeoutMs / 4, slowClientTimeoutMs / 4))));
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.length = 0;
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    this.dirty = false;
    for (const c of [...this.joining, ...this.links.keys()]) c.socket.close(1001, 'server shutting down');
    this.joining.clear();
    this.links.clear();
    this.feeds.clear();
  }

  get size(): number {
    return this.joining.size + this.links.size;
  }

  /** Adds a client: it is sent its stream's snapshot after the next push (built at once). */
  async add(client: LiveClient): Promise<void> {
    const drop = () => this.drop(client);
    client.socket.on('close', drop);
    client.socket.on('error', drop);
    if (client.socket.readyState !== client.socket.OPEN) return;
    this.joining.add(client);
    this.changed();
  }

  /** The client saw a gap in `seq` (or wants to start over): it is sent its stream's snapshot. */
  resync(client: LiveClient): void {
    const l = this.links.get(client);
    if (!l || l.snapshotSeq === l.feed.seq) return;
    l.buffer.resync();
  }

  private drop(client: LiveClient): void {
    this.joining.delete(client);
    const l = this.links.get(client);
    if (!l) return;
    this.links.delete(client);
    const key = feedKey(l.feed);
    const f = this.feeds.get(key);
    if (f && --f.clients <= 0) this.feeds.delete(key);
  }

  /** Live state changed somewhere: push within pushIntervalMs, once for a whole burst. */
  changed(): void {
    if (this.size === 0) return;
    this.changedAt ??= performance.now();
    if (this.pushing) {
      this.dirty = true;
      return;
    }
    if (this.pending) return;
    const gap = Math.max(this.opts.pushIntervalMs, COST_FACTOR * this.lastCost);
    const wait = Math.max(0, gap - (Date.now() - this.lastPush));
    this.pending = setTimeout(() => void this.push(), wait);
  }

  private feedFor(c: Filter): Feed {
    const key = feedKey(c);
    let f = this.feeds.get(key);
    if (!f) this.feeds.set(key, (f = { feed: new Feed(c.queue, c.channel), clients: 0 }));
    return f.feed;
  }

  private async push(): Promise<void> {
    this.pending = null;
    this.pushing = true;
    this.dirty = false;
    const started = performance.now();
    const since = this.changedAt;
    this.changedAt = null;
    this.lastPush = Date.now();
    const joining = [...this.joining];
    const resyncAll = this.resyncAll;
    this.resyncAll = false;
    /** ms of the process this push took: its computing and sending (waiting for Redis is not the process's time) */
    let cost: number | null = null;
    try {
      const frame = await this.frames.frame();
      const built = performance.now();
      this.time.buildMs += built - started;
      for (const c of joining) this.feedFor(c);
      const now = Date.now();
      const messages = new Map<Feed, Outgoing>();
      for (const { feed } of this.feeds.values()) {
        const snap = frame.for(feed);
        if (resyncAll && feed.ready) feed.reset(snap, now);
        const msg = feed.advance(snap, now - feed.lastSent >= REFRESH_MS, now);
        if (msg !== null) messages.set(feed, Buffer.from(msg)); // encoded once for all of its clients
      }
      for (const l of this.links.values()) {
        if (resyncAll) l.buffer.resync();
        const msg = messages.get(l.feed);
        if (msg !== undefined) {
          l.buffer.offer(msg);
          this.sent.patches++;
          this.sent.patchBytes += msg.length;
        }
      }
      for (const c of joining) this.join(c);
      const fanOut = performance.now() - built;
      this.time.fanOutMs += fanOut;
      if (frame.computeMs !== undefined) cost = frame.computeMs + fanOut;
      this.pushes++;
      if (since !== null) this.watch.pushLatency?.observe((performance.now() - since) / 1000);
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'could not build a snapshot to push');
      // clients whose stream has a state join it (heartbeats say live state is unavailable); the others are told
      for (const c of joining) {
        if (this.feeds.get(feedKey(c))?.feed.ready) this.join(c);
        else if (this.joining.has(c)) this.tell(c, { type: 'error', error: `snapshot unavailable: ${(e as Error).message}` });
      }
    } finally {
      this.lastCost = cost ?? performance.now() - started;
      this.pushing = false;
      if (this.dirty) this.changed();
    }
  }

  /** A joining client gets its stream's snapshot (as soon as its buffer allows) and its patches from then on. */
  private join(c: LiveClient): void {
    if (!this.joining.delete(c) || c.socket.readyState !== c.socket.OPEN) return;
    const feed = this.feedFor(c);
    this.feeds.get(feedKey(c))!.clients++;
    const l = this.link(c, feed);
    this.links.set(c, l);
    l.buffer.resync();
  }

  private heartbeat(): void {
    const h = this.health.state();
    // back from an outage (or a failed build): every stream starts afresh with a fresh snapshot now
    if (h.wantsSnapshot) {
      this.resyncAll = true;
      this.changed();
    }
    const at = new Date().toISOString();
    const message = (feed: Feed | null): Outgoing =>
      Buffer.from(
        JSON.stringify({
          type: 'heartbeat',
          ...(feed ? { seq: feed.seq } : {}),
          at,
          live: h.live,
          ...(h.reason ? { reason: h.reason } : {}),
          snapshot_at: feed?.at ?? h.snapshotAt,
        } satisfies LiveMessage),
      );
    const byFeed = new Map<Feed | null, Outgoing>();
    const send = (c: LiveClient, feed: Feed | null) => {
      if (c.socket.readyState !== c.socket.OPEN) return;
      let msg = byFeed.get(feed);
      if (msg === undefined) byFeed.set(feed, (msg = message(feed)));
      c.socket.send(msg, TEXT_FRAME);
    };
    for (const c of this.joining) send(c, null);
    for (const [c, l] of this.links) send(c, l.feed);
  }

  private tell(c: LiveClient, msg: LiveMessage): void {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(JSON.stringify(msg));
  }

  private link(c: LiveClient, feed: Feed): Link {
    const who = { queue: c.queue, channel: c.channel };
    const l: Link = {
      feed,
      snapshotSeq: -1,
      buffer: new ClientBuffer(
        c.socket,
        this.limits,
        this.stats,
        () => {
          if (!feed.ready) return null;
          const msg = feed.snapshotMessage();
          l.snapshotSeq = feed.seq;
          this.sent.snapshots++;
          this.sent.snapshotBytes += msg.length;
          return msg;
        },
        (why, buffered) => this.log.warn({ ...who, buffered, why }, 'closing a slow WebSocket client (1013)'),
      ),
      liveness: new Liveness(c.socket, this.limits, this.stats, () => this.log.info(who, 'dropping a WebSocket client that did not answer a ping')),
    };
    return l;
  }

  /** Sends catch-ups to clients that caught up, closes slow ones, pings and drops dead ones. */
  private sweep(): void {
    const now = Date.now();
    for (const l of this.links.values()) {
      l.buffer.check(now);
      l.liveness.check(now);
    }
  }

  /** Counters and the bytes buffered for this instance's clients, for /metrics. */
  metrics(): Record<string, number> {
    let total = 0;
    let max = 0;
    for (const l of this.links.values()) {
      const b = l.buffer.buffered;
      total += b;
      if (b > max) max = b;
    }
    return {
      ...this.stats.metrics({ total, max }),
      pulse_websocket_patches_total: this.sent.patches,
      pulse_websocket_patch_bytes_total: this.sent.patchBytes,
      pulse_websocket_snapshots_total: this.sent.snapshots,
      pulse_websocket_snapshot_bytes_total: this.sent.snapshotBytes,
      pulse_websocket_streams: this.feeds.size,
      pulse_websocket_push_build_seconds_total: this.time.buildMs / 1000,
      pulse_websocket_push_fanout_seconds_total: this.time.fanOutMs / 1000,
    };
  }
}

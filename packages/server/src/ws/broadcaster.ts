// Pushes snapshots to this instance's WebSocket clients: one snapshot per change burst (coalesced to at
// most one per `pushIntervalMs`, and further apart when a push itself is costly, so pushing never takes
// more than about a third of the process), a periodic refresh so windows roll forward, and heartbeats so
// a silent connection is detectable by the board. A change that arrives while a push is being built is
// pushed after it: the board never keeps a state older than the last change.
import type { LiveMessage, Snapshot } from '@pulse/contracts';
import { filterSnapshot } from '@pulse/metrics';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { Config } from '../config/schema.ts';
import { ClientBuffer } from './client-buffer.ts';
import type { LiveHealthState } from '../live/health.ts';
import { Liveness } from './liveness.ts';
import { WsStats } from './stats.ts';

export interface LiveClient {
  socket: WebSocket;
  queue?: string;
  channel?: string;
}

const REFRESH_MS = 15_000;
/** pushes are spaced at least this many times their own cost (build and send) apart */
const COST_FACTOR = 3;

/** Per client: its bounded send buffer (client-buffer.ts) and its ping/pong check (liveness.ts). */
interface Link {
  buffer: ClientBuffer;
  liveness: Liveness;
}

export class Broadcaster {
  private readonly clients = new Set<LiveClient>();
  private pending: NodeJS.Timeout | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private lastPush = 0;
  /** ms the last push took to build and send */
  private lastCost = 0;
  private pushing = false;
  private dirty = false;
  pushes = 0;
  readonly stats = new WsStats();
  private readonly links = new Map<LiveClient, Link>();

  constructor(
    private readonly snapshot: () => Promise<Snapshot>,
    private readonly opts: { pushIntervalMs: number; heartbeatMs: number },
    private readonly log: Logger,
    private readonly limits: Config['ws'],
  ) {}

  start(): void {
    this.timers.push(setInterval(() => this.heartbeat(), this.opts.heartbeatMs));
    this.timers.push(setInterval(() => Date.now() - this.lastPush >= REFRESH_MS && this.changed(), REFRESH_MS / 3));
    const { pongTimeoutMs, slowClientTimeoutMs } = this.limits;
    this.timers.push(setInterval(() => this.sweep(), Math.max(20, Math.min(250, pongTimeoutMs / 4, slowClientTimeoutMs / 4))));
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    if (this.pending) clearTimeout(this.pending);
    this.pending = null;
    this.dirty = false;
    for (const c of this.clients) c.socket.close(1001, 'server shutting down');
    this.clients.clear();
    this.links.clear();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Adds a client and sends it the current snapshot at once. */
  async add(client: LiveClient): Promise<void> {
    this.clients.add(client);
    this.links.set(client, this.link(client));
    const drop = () => {
      this.clients.delete(client);
      this.links.delete(client);
    };
    client.socket.on('close', drop);
    client.socket.on('error', drop);
    if (client.socket.readyState !== client.socket.OPEN) return drop();
    try {
      this.send(client, { type: 'snapshot', snapshot: filterSnapshot(await this.snapshot(), client.queue, client.channel) });
    } catch (e) {
      this.send(client, { type: 'error', error: `snapshot unavailable: ${(e as Error).message}` });
    }
  }

  /** Live state changed somewhere: push within pushIntervalMs, once for a whole burst. */
  changed(): void {
    if (this.clients.size === 0) return;
    if (this.pushing) {
      this.dirty = true;
      return;
    }
    if (this.pending) return;
    const gap = Math.max(this.opts.pushIntervalMs, COST_FACTOR * this.lastCost);
    const wait = Math.max(0, gap - (Date.now() - this.lastPush));
    this.pending = setTimeout(() => void this.push(), wait);
  }

  private async push(): Promise<void> {
    this.pending = null;
    this.pushing = true;
    this.dirty = false;
    const started = performance.now();
    this.lastPush = Date.now();
    try {
      const snap = await this.snapshot();
      const byFilter = new Map<string, string>();
      for (const c of this.clients) {
        const k = `${c.queue ?? ''}\u0000${c.channel ?? ''}`;
        let msg = byFilter.get(k);
        if (msg === undefined) {
          msg = JSON.stringify({ type: 'snapshot', snapshot: filterSnapshot(snap, c.queue, c.channel) } satisfies LiveMessage);
          byFilter.set(k, msg);
        }
        this.links.get(c)?.buffer.offer(msg);
      }
      this.pushes++;
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'could not build a snapshot to push');
    } finally {
      this.lastCost = performance.now() - started;
      this.pushing = false;
      if (this.dirty) this.changed();
    }
  }

  /** Whether live state can be served (live/health.ts): heartbeats say it, so a board trusts them only with their data. */
  private health: () => LiveHealthState = () => ({ live: 'ok', snapshotAt: null, wantsSnapshot: false });

  withHealth(health: () => LiveHealthState): void {
    this.health = health;
  }

  private heartbeat(): void {
    const h = this.health();
    // back from an outage (or a failed build): push a fresh snapshot now rather than at the next change
    if (h.wantsSnapshot) this.changed();
    const msg = JSON.stringify({
      type: 'heartbeat',
      at: new Date().toISOString(),
      live: h.live,
      ...(h.reason ? { reason: h.reason } : {}),
      snapshot_at: h.snapshotAt,
    } satisfies LiveMessage);
    for (const c of this.clients) if (c.socket.readyState === c.socket.OPEN) c.socket.send(msg);
  }

  private send(c: LiveClient, msg: LiveMessage): void {
    this.links.get(c)?.buffer.offer(JSON.stringify(msg));
  }

  private link(c: LiveClient): Link {
    const who = { queue: c.queue, channel: c.channel };
    return {
      buffer: new ClientBuffer(c.socket, this.limits, this.stats, (why, buffered) =>
        this.log.warn({ ...who, buffered, why }, 'closing a slow WebSocket client (1013)'),
      ),
      liveness: new Liveness(c.socket, this.limits, this.stats, () => this.log.info(who, 'dropping a WebSocket client that did not answer a ping')),
    };
  }

  /** Sends kept snapshots to clients that caught up, closes slow ones, pings and drops dead ones. */
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
    return this.stats.metrics({ total, max });
  }
}

// Pushes snapshots to this instance's WebSocket clients: one snapshot per change burst (coalesced to at
// most one per `pushIntervalMs`), a periodic refresh so windows roll forward, and heartbeats so a
// silent connection is detectable by the board.
import type { LiveMessage, Snapshot } from '@pulse/contracts';
import { filterSnapshot } from '@pulse/metrics';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';

export interface LiveClient {
  socket: WebSocket;
  queue?: string;
  channel?: string;
}

const REFRESH_MS = 15_000;

export class Broadcaster {
  private readonly clients = new Set<LiveClient>();
  private pending: NodeJS.Timeout | null = null;
  private readonly timers: NodeJS.Timeout[] = [];
  private lastPush = 0;
  pushes = 0;

  constructor(
    private readonly snapshot: () => Promise<Snapshot>,
    private readonly opts: { pushIntervalMs: number; heartbeatMs: number },
    private readonly log: Logger,
  ) {}

  start(): void {
    this.timers.push(setInterval(() => this.heartbeat(), this.opts.heartbeatMs));
    this.timers.push(setInterval(() => Date.now() - this.lastPush >= REFRESH_MS && this.changed(), REFRESH_MS / 3));
  }

  stop(): void {
    for (const t of this.timers) clearInterval(t);
    if (this.pending) clearTimeout(this.pending);
    for (const c of this.clients) c.socket.close(1001, 'server shutting down');
    this.clients.clear();
  }

  get size(): number {
    return this.clients.size;
  }

  /** Adds a client and sends it the current snapshot at once. */
  async add(client: LiveClient): Promise<void> {
    this.clients.add(client);
    client.socket.on('close', () => this.clients.delete(client));
    client.socket.on('error', () => this.clients.delete(client));
    try {
      this.send(client, { type: 'snapshot', snapshot: filterSnapshot(await this.snapshot(), client.queue, client.channel) });
    } catch (e) {
      this.send(client, { type: 'error', error: `snapshot unavailable: ${(e as Error).message}` });
    }
  }

  /** Live state changed somewhere: push within pushIntervalMs, once for a whole burst. */
  changed(): void {
    if (this.pending || this.clients.size === 0) return;
    const wait = Math.max(0, this.opts.pushIntervalMs - (Date.now() - this.lastPush));
    this.pending = setTimeout(() => void this.push(), wait);
  }

  private async push(): Promise<void> {
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
        if (c.socket.readyState === c.socket.OPEN) c.socket.send(msg);
      }
      this.pushes++;
    } catch (e) {
      this.log.warn({ err: (e as Error).message }, 'could not build a snapshot to push');
    } finally {
      this.pending = null;
    }
  }

  private heartbeat(): void {
    const msg = JSON.stringify({ type: 'heartbeat', at: new Date().toISOString() } satisfies LiveMessage);
    for (const c of this.clients) if (c.socket.readyState === c.socket.OPEN) c.socket.send(msg);
  }

  private send(c: LiveClient, msg: LiveMessage): void {
    if (c.socket.readyState === c.socket.OPEN) c.socket.send(JSON.stringify(msg));
  }
}

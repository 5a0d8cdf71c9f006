// Protocol-level ping/pong for one client: a ping every pingIntervalMs; a client that has not answered
// within pongTimeoutMs is dropped (a half-open TCP connection never says goodbye). Browsers answer pings
// by themselves; the board needs no code for it.
import type { WebSocket } from 'ws';
import type { Config } from '../config/schema.ts';
import type { WsStats } from './stats.ts';

export type LivenessLimits = Pick<Config['ws'], 'pingIntervalMs' | 'pongTimeoutMs'>;

export class Liveness {
  private lastPing: number;
  /** when the unanswered ping was sent */
  private waitingSince: number | null = null;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: LivenessLimits,
    private readonly stats: WsStats,
    private readonly onDead: () => void = () => {},
    now: number = Date.now(),
  ) {
    this.lastPing = now;
    socket.on('pong', () => {
      this.waitingSince = null;
    });
  }

  check(now: number = Date.now()): void {
    if (this.socket.readyState !== this.socket.OPEN) return;
    if (this.waitingSince !== null) {
      if (now - this.waitingSince > this.limits.pongTimeoutMs) {
        this.stats.pongTimeouts++;
        this.onDead();
        this.socket.terminate();
      }
      return;
    }
    if (now - this.lastPing >= this.limits.pingIntervalMs) {
      this.lastPing = this.waitingSince = now;
      this.socket.ping();
    }
  }
}

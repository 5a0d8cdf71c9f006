// What one client is sent, bounded by what it reads. Below the soft cap of buffered bytes a message goes
// out at once; above it nothing more is queued: the client is marked behind, the patches it misses are
// dropped, and once its buffer drains it is sent the snapshot of its stream at that moment (its catch-up),
// which stands for all of them. A client over the hard cap, or above the soft cap for longer than the timeout,
// is closed with 1013 ("try again later"): the board reconnects and gets a fresh snapshot, and the server frees
// what was buffered for it.
import type { WebSocket } from 'ws';
import type { Config } from '../config/schema.ts';
import type { WsStats } from './stats.ts';

export type BufferLimits = Pick<Config['ws'], 'softBufferBytes' | 'hardBufferBytes' | 'slowClientTimeoutMs'>;

/**
 * A message as it is written: its JSON encoded once, for all the clients it goes to (a string would be encoded
 * again for each of them), sent as a text frame.
 */
export type Outgoing = Buffer;
export const TEXT_FRAME = { binary: false } as const;

/** after a 1013 close, a client that does not read the close frame is cut off this much later */
export const CLOSE_GRACE_MS = 5_000;

export class ClientBuffer {
  /** the client missed messages (or asked for a snapshot): it is sent its catch-up once it has read the rest */
  private behind = false;
  /** since when the client has been above the soft cap */
  private slowSince: number | null = null;
  private closing = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly limits: BufferLimits,
    private readonly stats: WsStats,
    /** the snapshot that brings the client up to date now, or null while there is none yet */
    private readonly catchUp: () => Outgoing | null,
    private readonly onShed: (reason: string, buffered: number) => void = () => {},
  ) {}

  get buffered(): number {
    return this.socket.bufferedAmount ?? 0;
  }

  /** Sends `msg` now; or, above the soft cap or while behind, drops it: the catch-up will stand for it. */
  offer(msg: Outgoing): void {
    if (this.closing || this.socket.readyState !== this.socket.OPEN) return;
    if (this.buffered > this.limits.softBufferBytes) {
      this.behind = true;
      this.stats.coalesced++;
      this.slowSince ??= Date.now();
      return;
    }
    if (this.behind) return this.check();
    this.write(msg);
  }

  /** Sends the catch-up snapshot as soon as the client has read what it was sent. */
  resync(): void {
    this.behind = true;
    this.check();
  }

  /** Sends the catch-up once the buffer is below the soft cap; closes a client that is too slow. */
  check(now: number = Date.now()): void {
    if (this.closing || this.socket.readyState !== this.socket.OPEN) return;
    const buffered = this.buffered;
    if (buffered <= this.limits.softBufferBytes) {
      this.slowSince = null;
      if (this.behind) {
        const msg = this.catchUp();
        if (msg === null) return;
        this.behind = false;
        this.write(msg);
      }
      return;
    }
    this.slowSince ??= now;
    if (buffered > this.limits.hardBufferBytes) this.shed(`over ${this.limits.hardBufferBytes} bytes unread`, buffered);
    else if (now - this.slowSince > this.limits.slowClientTimeoutMs) this.shed(`reading too slowly for ${this.limits.slowClientTimeoutMs} ms`, buffered);
  }

  private write(msg: Outgoing): void {
    // the callback runs when this message has left for the kernel: the moment to send a catch-up
    this.socket.send(msg, TEXT_FRAME, this.written);
    if (this.buffered > this.limits.hardBufferBytes) this.shed(`over ${this.limits.hardBufferBytes} bytes unread`, this.buffered);
  }

  private readonly written = (err?: Error): void => {
    if (!err) this.check();
  };

  private shed(why: string, buffered: number): void {
    this.closing = true;
    this.behind = false;
    this.stats.slowClosed++;
    this.onShed(why, buffered);
    const socket = this.socket;
    socket.close(1013, `client too slow: ${why}; reconnect`);
    // the close frame waits behind the unread bytes: a client that never reads is cut off
    setTimeout(() => socket.readyState !== socket.CLOSED && socket.terminate(), CLOSE_GRACE_MS).unref();
  }
}

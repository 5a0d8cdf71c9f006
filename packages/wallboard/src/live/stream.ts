// The state one WebSocket delivers (SPEC §3): a snapshot, then patches applied in `seq` order. A patch that does not
// follow the last `seq`, or a heartbeat naming a later one, is a gap: the board asks for a snapshot (`resync`) and
// ignores patches until it comes. Framework-free, like connection.ts.
import { applyPatch, type LiveMessage, type LivePatch, type Snapshot } from '@pulse/contracts';

type SnapshotMessage = Extract<LiveMessage, { type: 'snapshot' }>;
type HeartbeatMessage = Extract<LiveMessage, { type: 'heartbeat' }>;

/** A resync not answered within this long is asked for again. */
export const RESYNC_RETRY_MS = 5_000;

export type StreamStep =
  /** the state after this message */
  | { kind: 'state'; snapshot: Snapshot }
  /** a gap: send `{"type":"resync"}` */
  | { kind: 'resync' }
  /** nothing to do */
  | { kind: 'none' };

const NONE: StreamStep = { kind: 'none' };

export class LiveStream {
  private snapshot: Snapshot | null = null;
  private seq: number | null = null;
  /** when a resync was asked for, until a snapshot comes */
  private resyncAt: number | null = null;

  /** The state this socket delivered so far (null before its snapshot, or while a resync is awaited). */
  get current(): { snapshot: Snapshot; seq: number | null } | null {
    return this.snapshot && this.resyncAt === null ? { snapshot: this.snapshot, seq: this.seq } : null;
  }

  /** A new socket: what the last one delivered no longer counts. */
  clear(): void {
    this.snapshot = null;
    this.seq = null;
    this.resyncAt = null;
  }

  onSnapshot(msg: SnapshotMessage): StreamStep {
    this.snapshot = msg.snapshot;
    this.seq = typeof msg.seq === 'number' ? msg.seq : null;
    this.resyncAt = null;
    return { kind: 'state', snapshot: msg.snapshot };
  }

  onPatch(msg: LivePatch, now: number = Date.now()): StreamStep {
    if (this.snapshot === null || this.seq === null) return NONE;
    if (this.resyncAt !== null) return this.again(now, this.resyncAt);
    if (msg.seq <= this.seq) return NONE;
    if (msg.seq !== this.seq + 1) return this.gap(now);
    this.snapshot = applyPatch(this.snapshot, msg);
    this.seq = msg.seq;
    return { kind: 'state', snapshot: this.snapshot };
  }

  onHeartbeat(msg: HeartbeatMessage, now: number = Date.now()): StreamStep {
    if (this.snapshot === null || this.seq === null || msg.seq === undefined) return NONE;
    if (this.resyncAt !== null) return this.again(now, this.resyncAt);
    return msg.seq > this.seq ? this.gap(now) : NONE;
  }

  private gap(now: number): StreamStep {
    this.resyncAt = now;
    return { kind: 'resync' };
  }

  /** Asks again for a snapshot once RESYNC_RETRY_MS have passed since the last ask (`since`). */
  private again(now: number, since: number): StreamStep {
    return now - since >= RESYNC_RETRY_MS ? this.gap(now) : NONE;
  }
}

// One stream of the live state: everything, or one queue's and/or channel's (`?queue=&channel=`). It keeps the
// state its clients hold (`model`: the last snapshot sent, with every patch since applied as they apply it) and
// its sequence number; each push brings it to the snapshot just built with the patch of what changed, serialized
// once for all of its clients. A client that joins, falls behind or asks (`resync`) is sent `model` whole.
import { applyPatch, type LiveMessage, type Snapshot } from '@pulse/contracts';
import { diffSnapshot } from './diff-snapshot.ts';

export class Feed {
  seq = 0;
  /** what a client that applied everything up to `seq` holds; null before the first build */
  private model: Snapshot | null = null;
  /** the built snapshot `model` was last brought to: its objects are known to be in `model` */
  private prev: Snapshot | null = null;
  private snapshotJson: Buffer | null = null;
  /** when this feed last sent something (ms) */
  lastSent = 0;

  constructor(
    readonly queue?: string,
    readonly channel?: string,
  ) {}

  get ready(): boolean {
    return this.model !== null;
  }

  /** `at` of the state its clients hold, for heartbeats */
  get at(): string | null {
    return this.model?.at ?? null;
  }

  /**
   * Brings the feed to `built`: the patch to send its clients, or null when only time moved on (a patch then
   * only with `force`, so a quiet stream still shows it is current).
   */
  advance(built: Snapshot, force = false, now = Date.now()): string | null {
    if (this.model === null) {
      this.reset(built);
      return null;
    }
    const patch = diffSnapshot(this.model, built, this.seq + 1, this.prev ?? undefined) ?? (force ? { type: 'patch', seq: this.seq + 1, at: built.at } : null);
    if (patch === null) return null;
    this.model = applyPatch(this.model, patch);
    this.prev = built;
    this.seq = patch.seq;
    this.snapshotJson = null;
    this.lastSent = now;
    return JSON.stringify(patch satisfies LiveMessage);
  }

  /** Starts afresh from `built` (its clients must be sent the snapshot). */
  reset(built: Snapshot, now = Date.now()): void {
    this.model = this.prev = built;
    this.seq++;
    this.snapshotJson = null;
    this.lastSent = now;
  }

  /** The snapshot message of the state at `seq`, encoded once for all the clients that need it. */
  snapshotMessage(): Buffer {
    return (this.snapshotJson ??= Buffer.from(JSON.stringify({ type: 'snapshot', seq: this.seq, snapshot: this.model! } satisfies LiveMessage)));
  }
}

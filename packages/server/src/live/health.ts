// Whether this instance can serve live state now: what every heartbeat tells the wall-boards, so a board
// whose socket is fine but whose numbers cannot move (Redis down, snapshots failing) says STALE.
//
// Healthy means: the Redis connections live state depends on are ready (`main` reads the state and
// builds snapshots, `sub` hears of changes), and the last snapshot built for the WebSocket clients
// succeeded, after any interruption of those connections. Heartbeats carry the `at` of that snapshot too,
// so a board can also tell whether it holds the latest data (docs/operations.md,
// "Wall-board: LIVE and STALE").
import type { LiveHealth as LiveHealthName, Snapshot } from '@pulse/contracts';
import type { Redis } from 'ioredis';

export interface LiveHealthState {
  live: LiveHealthName;
  /** why not 'ok' */
  reason?: string;
  /** `at` of the last snapshot built for the WebSocket clients, or null before the first */
  snapshotAt: string | null;
  /** the connections are back but no good snapshot was built since: build and push one now */
  wantsSnapshot: boolean;
}

export class LiveHealth {
  private lastBuiltAt: string | null = null;
  private failure: string | null = null;
  /** when a connection last dropped (or stopped answering), until a snapshot started after it succeeds */
  private interruptedAt: number | null = null;
  /** the last probe of `main` failed: a Redis that hangs keeps its connection 'ready' */
  private probeFailure: string | null = null;
  private probing = false;

  constructor(private readonly connections: Record<string, Redis>) {
    for (const redis of Object.values(connections)) {
      redis.on('close', () => {
        this.interruptedAt = Date.now();
      });
    }
  }

  /** Wraps the broadcaster's frame source so every build's outcome is known here. */
  track<T extends Pick<Snapshot, 'at'>>(source: { frame(): Promise<T> }): { frame(): Promise<T> } {
    return {
      frame: async () => {
        const started = Date.now();
        try {
          const snap = await source.frame();
          this.lastBuiltAt = snap.at;
          this.failure = null;
          if (this.interruptedAt !== null && started > this.interruptedAt) this.interruptedAt = null;
          return snap;
        } catch (e) {
          this.failure = e instanceof Error ? e.message : String(e);
          throw e;
        }
      },
    };
  }

  /** PINGs `main` (at most one at a time; bounded by the command timeout): the next state() has the answer. */
  private probe(): void {
    const main = this.connections.main;
    if (this.probing || !main || main.status !== 'ready') return;
    this.probing = true;
    main.ping().then(
      () => {
        this.probing = false;
        this.probeFailure = null;
      },
      (e: Error) => {
        this.probing = false;
        this.probeFailure = e.message;
        this.interruptedAt = Date.now();
      },
    );
  }

  /** The state now (called on every heartbeat, which also probes Redis for the next one). */
  state(): LiveHealthState {
    this.probe();
    const snapshotAt = this.lastBuiltAt;
    for (const [name, redis] of Object.entries(this.connections)) {
      if (redis.status !== 'ready') return { live: 'unavailable', reason: `redis connection ${name} is ${redis.status}`, snapshotAt, wantsSnapshot: false };
    }
    if (this.probeFailure !== null) return { live: 'unavailable', reason: `redis does not answer: ${this.probeFailure}`, snapshotAt, wantsSnapshot: false };
    if (this.interruptedAt !== null) {
      return { live: 'unavailable', reason: 'redis is back; no snapshot built since', snapshotAt, wantsSnapshot: true };
    }
    if (this.failure !== null) return { live: 'unavailable', reason: `snapshots fail: ${this.failure}`, snapshotAt, wantsSnapshot: true };
    return { live: 'ok', snapshotAt, wantsSnapshot: false };
  }
}

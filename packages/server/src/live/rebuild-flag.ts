// Whether live state is being rebuilt from history (live/rebuild.ts sets the flag): while it is, live
// consumers hold their batches and snapshots say `rebuilding`. The flag is in Redis, so every instance sees it.
import { LIVE_MARKER } from '@pulse/metrics';
import type { Redis } from 'ioredis';

export interface RebuildStatus {
  isRebuilding(): Promise<boolean>;
}

/** For what runs without a rebuilder (tests, benchmarks). */
export const NEVER_REBUILDING: RebuildStatus = { isRebuilding: async () => false };

export class RebuildFlag implements RebuildStatus {
  /** the flag's key; set by the instance that rebuilds */
  readonly key: string;

  constructor(
    private readonly redis: Redis,
    livePrefix: string,
  ) {
    this.key = livePrefix + LIVE_MARKER.rebuilding;
  }

  async isRebuilding(): Promise<boolean> {
    return (await this.redis.exists(this.key)) === 1;
  }
}

// One instance evaluates and delivers alerts at a time: a lease in Redis, renewed while held.
import type { Redis } from 'ioredis';

const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;

export class Leader {
  private held = false;

  constructor(
    private readonly redis: Redis,
    private readonly key: string,
    private readonly instance: string,
    private readonly ttlMs = 5000,
  ) {}

  get isLeader(): boolean {
    return this.held;
  }

  /** Takes or renews the lease; returns whether this instance holds it. */
  async refresh(): Promise<boolean> {
    try {
      if (this.held) {
        this.held = (await this.redis.eval(RENEW, 1, this.key, this.instance, this.ttlMs)) === 1;
      }
      if (!this.held) {
        this.held = (await this.redis.set(this.key, this.instance, 'PX', this.ttlMs, 'NX')) === 'OK';
      }
    } catch {
      this.held = false;
    }
    return this.held;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    await this.redis.eval(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`, 1, this.key, this.instance);
  }
}

// The instance's Redis connections: `main` for commands, `sub` for the bus's subscriptions, and one of its
// own for each stream consumer's blocking reads. Whoever stops the instance closes them all here.
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import { connectRedis, whenReady } from '../redis/client.ts';
import type { PulseRedis } from '../redis/scripts.ts';

export class Connections {
  readonly main: PulseRedis;
  readonly sub: PulseRedis;
  private readonly blocking: PulseRedis[] = [];

  constructor(
    private readonly config: Config['redis'],
    private readonly log: Logger,
  ) {
    this.main = connectRedis(config.url, log, 'main', 'commands', { commandTimeoutMs: config.commandTimeoutMs });
    this.sub = connectRedis(config.url, log, 'sub', 'subscriber');
  }

  /** Waits until `main` answers (an instance does not start without Redis). */
  ready(): Promise<void> {
    return whenReady(this.main, 10_000);
  }

  /** A connection for one consumer group's blocking stream reads. */
  blockingFor(group: string): PulseRedis {
    const conn = connectRedis(this.config.url, this.log, `${group}-reader`, 'blocking');
    this.blocking.push(conn);
    return conn;
  }

  disconnectAll(): void {
    for (const conn of [...this.blocking, this.sub, this.main]) conn.disconnect();
  }

  /** Resolves when `main` is (or becomes) unusable: nothing is waited for on Redis past that point. */
  unreachable(): { p: Promise<void>; off(): void } {
    const main = this.main;
    let onClose = () => {};
    const p = new Promise<void>((resolve) => {
      onClose = () => resolve();
      if (main.status !== 'ready') resolve();
      else main.once('close', onClose);
    });
    return { p, off: () => main.removeListener('close', onClose) };
  }
}

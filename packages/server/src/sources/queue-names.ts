// Display names learned from help-desk payloads, added to `config.queueNames`: the one record every
// surface reads (board, alerts, history). Names the configuration gives win; learned names fill in the
// queues it leaves out. The instance that learns a name applies it at once; the others pick it up from
// Redis every few seconds.
import type { Logger } from 'pino';
import type { SourceDirectory } from './directory.ts';

const REFRESH_MS = 5_000;

export class LearnedQueueNames {
  /** the queue ids the configuration names: never overwritten */
  private readonly configured: Set<string>;
  private timer: NodeJS.Timeout | null = null;

  private constructor(private readonly target: Record<string, string>) {
    this.configured = new Set(Object.keys(target));
  }

  private static readonly of = new WeakMap<Record<string, string>, LearnedQueueNames>();

  /** The one instance for a configuration's `queueNames` (which it remembers before adding to it). */
  static for(target: Record<string, string>): LearnedQueueNames {
    let names = LearnedQueueNames.of.get(target);
    if (!names) {
      names = new LearnedQueueNames(target);
      LearnedQueueNames.of.set(target, names);
    }
    return names;
  }

  apply(learned: Iterable<[string, string]>): void {
    for (const [id, name] of learned) {
      if (this.configured.has(id)) continue;
      // an id is data: `__proto__` is a queue like any other, never the record's prototype
      Object.defineProperty(this.target, id, { value: name, enumerable: true, writable: true, configurable: true });
    }
  }

  /** Reads the learned names now, then every few seconds. */
  start(directory: SourceDirectory, log: Logger): void {
    const refresh = () =>
      directory.queueNames().then(
        (names) => this.apply(Object.entries(names)),
        (e: Error) => log.debug({ err: e.message }, 'learned queue names not refreshed'),
      );
    void refresh();
    this.timer = setInterval(refresh, REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}

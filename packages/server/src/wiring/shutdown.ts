// How an instance stops: what produces work stops first, then what serves it, then the consumers finish
// their batch, then the connections close. Within `shutdownTimeoutMs`: the graceful stop gets all of it but
// the last FORCE_MS, in which every connection is closed, whatever was still waiting.
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import type { Connections } from './connections.ts';

interface Stoppable {
  stop(): void;
}
interface AsyncStoppable {
  stop(): Promise<void>;
}

/** The running parts, in the order they stop. */
export interface Running {
  trimmer: Stoppable;
  ticker: Stoppable;
  sources: AsyncStoppable;
  rebuilder: Stoppable;
  alerts: AsyncStoppable | null;
  broadcaster: Stoppable;
  app: FastifyInstance;
  consumers: AsyncStoppable[];
  conns: Connections;
  history: { close(): Promise<void> } | null;
}

async function graceful(r: Running): Promise<void> {
  r.trimmer.stop();
  r.ticker.stop();
  await r.sources.stop();
  r.rebuilder.stop();
  await r.alerts?.stop();
  r.broadcaster.stop();
  await r.app.close();
  // Consumers finish their batch and acknowledge it. With Redis unreachable nothing can be acknowledged,
  // and a blocked stream read would never settle (ioredis keeps it for a connection that is not coming
  // back, even through disconnect()): stop waiting for them then.
  const down = r.conns.unreachable();
  await Promise.race([Promise.all(r.consumers.map((c) => c.stop())), down.p]);
  down.off();
  r.conns.disconnectAll();
  await r.history?.close();
}

/** The instance's stop(): runs once however often it is called; `forced` when the graceful stop was cut short. */
export function stopper(r: Running, config: Config, log: Logger): () => Promise<{ forced: boolean }> {
  let stopping: Promise<{ forced: boolean }> | null = null;
  const stop = async (): Promise<{ forced: boolean }> => {
    const FORCE_MS = Math.min(250, config.shutdownTimeoutMs / 4);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), config.shutdownTimeoutMs - FORCE_MS)));
    const done = graceful(r).then(
      () => 'done' as const,
      (e: Error) => (log.error({ err: e }, 'error while stopping'), 'done' as const),
    );
    const outcome = await Promise.race([done, late]);
    clearTimeout(timer);
    if (outcome === 'done') return { forced: false };
    log.warn({ timeoutMs: config.shutdownTimeoutMs, redis: r.conns.main.status }, 'graceful stop did not finish in time: closing every connection');
    r.conns.disconnectAll();
    r.app.server.closeAllConnections();
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, FORCE_MS).unref())]);
    return { forced: true };
  };
  return () => (stopping ??= stop());
}

// Backfill: simulates the past N days and posts them in batches of 5,000 as fast as the server takes
// them. The range starts on a whole hour and ids derive from seed and start, so re-running a backfill
// within the same hour re-sends the same ids (counted as duplicates), never a second copy.
import { LIMITS, type PulseEvent } from '@pulse/contracts';
import { generate } from './generator.ts';
import { defaultLogger, type SimLogger } from './logger.ts';
import { sendBatch, type SendOptions } from './sender.ts';
import { DAY, HOUR } from './sim/calendar.ts';
import { buildWorld, type World } from './world.ts';

export interface BackfillOptions {
  url: string;
  token: string;
  days: number;
  seed?: number | string;
  world?: World;
  scale?: number;
  /** End of the range (default now). */
  to?: number;
  /** Events per post (default and maximum 5,000). */
  batchSize?: number;
  idPrefix?: string;
  signal?: AbortSignal;
  logger?: SimLogger;
  send?: Omit<SendOptions, 'signal' | 'logger'>;
  onProgress?: (p: BackfillProgress) => void;
}

export interface BackfillProgress {
  from: number;
  to: number;
  sent: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  batches: number;
  /** Share of the simulated range done, 0..100. */
  percent: number;
  eventsPerSec: number;
  elapsedMs: number;
}

/** Start of a backfill of `days` days ending at `to`: rounded down to a whole hour. */
export function backfillStart(to: number, days: number): number {
  return Math.floor((to - days * DAY) / HOUR) * HOUR;
}

export async function runBackfill(opts: BackfillOptions): Promise<BackfillProgress> {
  if (!(opts.days > 0)) throw new RangeError('days must be > 0');
  const log = opts.logger ?? defaultLogger();
  const seed = opts.seed ?? 1;
  const to = opts.to ?? Date.now();
  const from = backfillStart(to, opts.days);
  const size = Math.min(LIMITS.batchEvents, Math.max(1, opts.batchSize ?? LIMITS.batchEvents));
  const started = Date.now();
  const p: BackfillProgress = {
    from,
    to,
    sent: 0,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    batches: 0,
    percent: 0,
    eventsPerSec: 0,
    elapsedMs: 0,
  };
  const sendOpts: SendOptions = { maxRetries: 20, ...opts.send, signal: opts.signal, logger: log };

  const post = async (batch: PulseEvent[]) => {
    const r = await sendBatch(opts.url, opts.token, batch, sendOpts);
    p.sent += batch.length;
    p.accepted += r.accepted;
    p.duplicates += r.duplicates;
    p.rejected += r.rejected.length;
    p.batches++;
    p.elapsedMs = Date.now() - started;
    p.eventsPerSec = p.sent / Math.max(0.001, p.elapsedMs / 1000);
    const last = batch[batch.length - 1];
    if (last !== undefined) p.percent = (100 * (last.ts - from)) / (to - from);
    opts.onProgress?.({ ...p });
  };

  let batch: PulseEvent[] = [];
  const events = generate({
    seed,
    from,
    to,
    world: opts.world ?? buildWorld({ seed }),
    scale: opts.scale,
    idPrefix: opts.idPrefix ?? `b${seed}-${from.toString(36)}`,
  });
  for (const e of events) {
    batch.push(e);
    if (batch.length === size) {
      await post(batch);
      batch = [];
    }
  }
  if (batch.length > 0) await post(batch);
  p.percent = 100;
  return p;
}

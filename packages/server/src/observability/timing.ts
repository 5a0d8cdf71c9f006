// Latency along the path of an event, measured around the stream consumers' handlers (wiring/consumers.ts):
// apply lag (accepted → live state) and history insert time (one batch into ClickHouse).
import type { Histogram } from 'prom-client';
import type { EntryHandler } from '../stream/consumer.ts';

/** After the live handler applied a batch: for each entry, the time since it was accepted (appended). */
export function timedApply(handler: EntryHandler, lag: Histogram): EntryHandler {
  return async (entries) => {
    await handler(entries);
    const now = Date.now();
    for (const e of entries) if (e.receivedAt > 0) lag.observe(Math.max(0, now - e.receivedAt) / 1000);
  };
}

/** The time of each attempt to write a batch to ClickHouse, labelled by writer. */
export function timedInsert(handler: EntryHandler, duration: Histogram<'writer'>, writer: string): EntryHandler {
  return async (entries) => {
    const end = duration.startTimer({ writer });
    try {
      await handler(entries);
    } finally {
      end();
    }
  };
}

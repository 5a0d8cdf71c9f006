// Wires the stream consumers of this instance: the live applier on the events stream (a `live` worker),
// and the history writers on the events, alert-log and facts streams (a `history` worker), each with its
// own blocking connection, timed for /metrics. Called once at start; the consumers start later.
import type { MetricSettings } from '@pulse/metrics';
import type { Logger } from 'pino';
import type { Config } from '../config/schema.ts';
import { itemEventsReader } from '../history/item-events.ts';
import { LiveApplier } from '../live/applier.ts';
import type { RebuildFlag } from '../live/rebuild-flag.ts';
import type { PulseMetrics } from '../observability/metrics.ts';
import { timedApply, timedInsert } from '../observability/timing.ts';
import type { Publisher } from '../pubsub/bus.ts';
import { GROUPS, type Keys } from '../redis/keys.ts';
import { type EntryHandler, ensureGroup, StreamConsumer } from '../stream/consumer.ts';
import type { Connections } from './connections.ts';
import type { HistoryParts } from './history.ts';

/** The streams an instance reads and trims, with their /metrics labels. */
export function streamsOf(keys: Keys): { events: string; alertLog: string; facts: string; labelled: { key: string; label: string }[] } {
  const alertLog = `${keys.prefix}alert-log`;
  return {
    events: keys.stream,
    alertLog,
    facts: keys.facts,
    labelled: [
      { key: keys.stream, label: 'events' },
      { key: alertLog, label: 'alert-log' },
      { key: keys.facts, label: 'facts' },
    ],
  };
}

export interface ConsumerWiring {
  config: Config;
  keys: Keys;
  settings: MetricSettings;
  conns: Connections;
  bus: Publisher;
  rebuild: RebuildFlag;
  history: HistoryParts | null;
  metrics: PulseMetrics;
  instance: string;
  log: Logger;
}

export interface ConsumerParts {
  consumers: StreamConsumer[];
  /** null without the live worker */
  applier: LiveApplier | null;
}

export async function wireConsumers(w: ConsumerWiring): Promise<ConsumerParts> {
  const { config, conns, metrics, history } = w;
  const streams = streamsOf(w.keys);
  await ensureGroup(conns.main, streams.events, GROUPS.live);
  await ensureGroup(conns.main, streams.events, GROUPS.history);
  await ensureGroup(conns.main, streams.alertLog, GROUPS.history);
  await ensureGroup(conns.main, streams.facts, GROUPS.history);

  const consumers: StreamConsumer[] = [];
  const consume = (group: string, stream: string, handler: EntryHandler) => {
    const batching =
      group === GROUPS.history
        ? {
            count: config.stream.historyBatchEntries,
            lingerMs: config.stream.historyFlushMs,
            batchSize: { limit: config.stream.historyBatchBytes, unit: 'bytes' as const },
          }
        : { count: config.stream.readCount, batchSize: { limit: config.stream.liveBatchEvents, unit: 'events' as const } };
    const options = { stream, group, consumer: w.instance, claimIdleMs: config.stream.claimIdleMs, ...batching };
    consumers.push(new StreamConsumer(conns.blockingFor(group), options, handler, w.log.child({ group })));
  };

  let applier: LiveApplier | null = null;
  if (config.workers.live) {
    applier = new LiveApplier(
      conns.main,
      w.keys.live,
      w.settings,
      w.log,
      w.bus,
      streams.facts,
      {
        // late events for items that left live state are applied on their history (this process's store)
        readBack: history ? itemEventsReader(history.client) : null,
        holdMs: 3600_000,
        orphanMs: config.live.lateEventDays * 86_400_000,
      },
      w.rebuild,
    );
    consume(GROUPS.live, streams.events, timedApply(applier.handle, metrics.applyLag));
  }
  if (history) {
    consume(GROUPS.history, streams.events, timedInsert(history.events.handle, metrics.historyInsert, 'events'));
    consume(GROUPS.history, streams.alertLog, timedInsert(history.alertChanges.handle, metrics.historyInsert, 'alert_changes'));
    consume(GROUPS.history, streams.facts, timedInsert(history.facts.handle, metrics.historyInsert, 'facts'));
  }
  return { consumers, applier };
}

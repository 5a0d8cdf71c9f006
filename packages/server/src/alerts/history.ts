// Alert changes to ClickHouse (pulse.alert_changes), from the alert log stream, with a dedup token per
// batch; rows ClickHouse refuses go to the dead letters with their entry ids.
import { insertOnce } from '../history/insert.ts';
import type { ClickHouseClient } from '@clickhouse/client';
import type { StreamEntry } from '../stream/consumer.ts';
import { dedupToken, type WriterOptions } from '../history/writer.ts';
import type { AlertChange } from './changes.ts';

export class AlertHistoryWriter {
  constructor(
    private readonly client: ClickHouseClient,
    private readonly opts: WriterOptions = {},
  ) {}

  handle = async (entries: StreamEntry[]): Promise<void> => {
    const logged = entries.filter((e): e is StreamEntry & { fields: { c: string } } => !!e.fields.c);
    const rows = logged.map((e) => {
      const c = JSON.parse(e.fields.c) as AlertChange;
      const a = c.alert;
      return {
        alert_id: a.id,
        event: c.event,
        at: c.at,
        rule: a.rule,
        severity: a.severity,
        state: a.state,
        queue: a.scope.queue ?? '',
        agent_id: a.scope.agent_id ?? '',
        ticket_id: a.scope.ticket_id ?? '',
        title: a.title,
        value: a.value,
        threshold: a.threshold,
        started_at: Date.parse(a.started_at),
        payload: JSON.stringify(a),
      };
    });
    await insertOnce(this.client, 'pulse.alert_changes', rows, dedupToken(entries), { ...this.opts, sources: logged.map((e) => [e.id]) });
  };
}

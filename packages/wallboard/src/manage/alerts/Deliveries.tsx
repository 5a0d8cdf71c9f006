// Where alerts go: the configured channels (or a clear notice that there are none) and the delivery log.
import { formatLocal, type AlertChannelInfo, type TextOptions } from '@pulse/contracts';
import type { AlertsMessages } from './messages.ts';
import type { Delivery } from './queries.ts';

export function ChannelsNotice({ t, channels }: { t: AlertsMessages; channels: AlertChannelInfo[] }) {
  if (channels.length === 0) {
    return (
      <p className="notice warn" role="alert" data-testid="no-channels">
        {t.noChannels}
      </p>
    );
  }
  return (
    <p className="notice" data-testid="channels">
      {t.channels(channels.map((c) => `${c.name} (${c.type}, ${c.lang})`).join(', '))}
    </p>
  );
}

export function Deliveries({
  t,
  text,
  deliveries,
  queueName,
}: {
  t: AlertsMessages;
  text: TextOptions;
  deliveries: Delivery[];
  queueName: (q: string) => string;
}) {
  return (
    <section className="panel deliveries" data-testid="deliveries">
      <h2>{t.deliveries}</h2>
      {deliveries.length === 0 && (
        <p className="empty" data-testid="no-deliveries">
          {t.noDeliveries}
        </p>
      )}
      {deliveries.length > 0 && (
        <div className="scroll">
          <table>
            <thead>
              <tr>
                {t.deliveryColumns.map((c) => (
                  <th key={c}>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {deliveries.slice(0, 100).map((d) => (
                <tr key={d.id} data-testid="delivery-row">
                  <td>{formatLocal(Date.parse(d.created_at), text)}</td>
                  <td>{d.channel}</td>
                  <td>{d.queue ? queueName(d.queue) : '—'}</td>
                  <td>{d.events.map((e) => (Object.hasOwn(t.deliveryEvent, e) ? t.deliveryEvent[e] : e)).join(', ')}</td>
                  <td title={d.last_error ?? undefined}>{Object.hasOwn(t.deliveryStatus, d.status) ? t.deliveryStatus[d.status] : d.status}</td>
                  <td>{d.attempts}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

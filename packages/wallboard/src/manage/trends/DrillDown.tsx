// The chats and tickets behind a clicked point: exactly those whose outcomes make that metric's figure in
// that interval, with readable columns, agent names, local times, the row cap stated, and a link of each
// to the help desk.
import { moment } from './dates.ts';
import { helpdeskLink } from './link.ts';
import type { ChartId } from './metrics.ts';
import type { TrendsMessages } from './messages.ts';
import { CSV_MAX_ROWS, type ItemsReply } from './queries.ts';
import { formatNumber, formatSeconds } from './units.ts';

interface Props {
  chart: ChartId;
  title: string;
  reply: ItemsReply | undefined;
  loading: boolean;
  error: string | null;
  csvHref: string;
  linkTemplate: string | null;
  queueName: (id: string) => string;
  t: TrendsMessages;
  locale: string;
  timeZone: string;
  onClose: () => void;
}

export function DrillDown({ chart, title, reply, loading, error, csvHref, linkTemplate, queueName, t, locale, timeZone, onClose }: Props) {
  const c = t.column;
  const total = reply?.total ?? 0;
  const rows = reply?.items ?? [];
  return (
    <section className="panel drill" data-testid="drill-down" aria-busy={loading}>
      <h2>
        <span data-testid="drill-title">{title}</span>
        <a className="csv" href={csvHref} data-testid="csv-items" title={t.csvTitle}>
          {t.csv}
        </a>
        <button type="button" className="close" onClick={onClose} aria-label={t.closeDrill}>
          ✕
        </button>
      </h2>
      {error && <p className="error">{error}</p>}
      {loading ? (
        <p className="note">{t.loading}</p>
      ) : (
        <>
          <p className="note">
            <span data-testid="drill-count" data-total={total}>
              {t.drillCount[chart](formatNumber(total, locale), total)}
            </span>
            {total > rows.length && (
              <>
                {' '}
                <span data-testid="drill-cap">
                  {t.drillCap(formatNumber(rows.length, locale), formatNumber(total, locale), formatNumber(CSV_MAX_ROWS, locale))}
                </span>
              </>
            )}
          </p>
          {rows.length === 0 ? (
            <p className="note">{t.drillEmpty}</p>
          ) : (
            <table>
              <thead>
                <tr>
                  {[
                    c.kind,
                    c.id,
                    c.queue,
                    c.channel,
                    c.agent,
                    c.status,
                    c.priority,
                    c.started,
                    c.answered,
                    c.ended,
                    c.wait,
                    c.handle,
                    c.frt,
                    c.csat,
                    c.slaMet,
                    c.slaBreached,
                  ].map((h) => (
                    <th key={h}>{h}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const href = helpdeskLink(linkTemplate, r.kind, r.id);
                  return (
                    <tr key={`${r.kind}:${r.id}`} data-testid="drill-row" data-id={r.id}>
                      <td>{t.kind[r.kind]}</td>
                      <td>
                        {href ? (
                          <a href={href} target="_blank" rel="noreferrer noopener" title={t.openInHelpdesk} data-testid="helpdesk-link">
                            {r.id}
                          </a>
                        ) : (
                          r.id
                        )}
                      </td>
                      <td>{r.queue ? queueName(r.queue) : '—'}</td>
                      <td>{r.channel ? t.channelName(r.channel) : '—'}</td>
                      <td>{r.agent_name ?? '—'}</td>
                      <td>{t.statusName(r.status, r.abandoned)}</td>
                      <td>{r.priority ? (t.priorityName[r.priority] ?? r.priority) : '—'}</td>
                      <td>{moment(r.started_at, locale, timeZone) ?? '—'}</td>
                      <td>{moment(r.answered_at, locale, timeZone) ?? '—'}</td>
                      <td>{moment(r.ended_at, locale, timeZone) ?? '—'}</td>
                      <td className="num">{formatSeconds(r.wait_s, locale)}</td>
                      <td className="num">{formatSeconds(r.handle_s, locale)}</td>
                      <td className="num">{formatSeconds(r.frt_s, locale)}</td>
                      <td>{r.csat ? t.csatValue[r.csat] : '—'}</td>
                      <td className="num">{r.kind === 'ticket' ? formatNumber(r.sla_met, locale) : '—'}</td>
                      <td className="num">{r.kind === 'ticket' ? formatNumber(r.sla_breached, locale) : '—'}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}

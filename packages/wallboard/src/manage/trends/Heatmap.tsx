// The staffing view: a weekday × hour-of-day grid of chats offered per hour (mean over the period's
// weeks) and one of service level, so a manager sees the hours of the week that need more people.
import { hourLabel } from './dates.ts';
import type { TrendsMessages } from './messages.ts';
import type { HeatCell } from './queries.ts';
import { formatNumber, formatPercent } from './units.ts';

interface Props {
  cells: HeatCell[] | undefined;
  notice: string | null;
  weeks: string;
  csvHref: string;
  t: TrendsMessages;
  locale: string;
}

/** A service level over fewer chats than this is shown faded: it says little. */
const FEW = 5;
const HOURS = Array.from({ length: 24 }, (_, h) => h);
const DAYS = [1, 2, 3, 4, 5, 6, 7];

function weekdayShort(d: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, d));
}

/** A service level's colour: green at or above 80 %, amber from 60 %, red below. */
function slColor(v: number): string {
  return v >= 80 ? 'rgba(34,197,94,0.55)' : v >= 60 ? 'rgba(234,179,8,0.6)' : 'rgba(239,68,68,0.65)';
}

export function Heatmap({ cells, notice, weeks, csvHref, t, locale }: Props) {
  const at = new Map((cells ?? []).map((c) => [`${c.weekday}|${c.hour}`, c]));
  const max = Math.max(0, ...(cells ?? []).map((c) => c.offered_per_hour ?? 0));
  const perHour = (v: number | null) => (v === null ? '' : formatNumber(v, locale, v < 10 ? 1 : 0));
  const grid = (kind: 'offered' | 'sl', title: string) => (
    <div className="heat" data-testid={`heat-${kind}`}>
      <h3>{title}</h3>
      <table>
        <thead>
          <tr>
            <th />
            {HOURS.map((h) => (
              <th key={h} scope="col">
                {String(h).padStart(2, '0')}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {DAYS.map((d) => (
            <tr key={d}>
              <th scope="row">{weekdayShort(d, locale)}</th>
              {HOURS.map((h) => {
                const c = at.get(`${d}|${h}`);
                const outside = !c || c.hours === 0;
                const v = outside ? null : kind === 'offered' ? c.offered_per_hour : c.service_level_pct;
                const bg = v === null ? undefined : kind === 'offered' ? `rgba(56,189,248,${max > 0 ? 0.08 + (0.77 * v) / max : 0.08})` : slColor(v);
                const title = outside
                  ? undefined
                  : t.heatCell(
                      t.weekdays[d - 1] ?? weekdayShort(d, locale),
                      hourLabel(h),
                      formatNumber(c.offered, locale),
                      perHour(c.offered_per_hour),
                      c.hours,
                      formatPercent(c.service_level_pct, locale),
                    );
                return (
                  <td
                    key={h}
                    className={outside ? 'outside' : kind === 'sl' && c.offered < FEW ? 'few' : ''}
                    style={{ background: bg }}
                    title={title}
                    data-testid="heat-cell"
                    data-weekday={d}
                    data-hour={h}
                  >
                    {kind === 'offered' ? (v === 0 ? '' : perHour(v)) : v === null ? '' : formatPercent(v, locale, 0)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
  return (
    <section className="panel staffing" data-testid="staffing">
      <h2>
        {t.staffingTitle}{' '}
        {!notice && (
          <a className="csv" href={csvHref} data-testid="csv-heatmap" title={t.csvTitle}>
            {t.csv}
          </a>
        )}
      </h2>
      <p className="note">{t.staffingNote(weeks)}</p>
      {notice ? (
        <p className="chart-notice na" data-testid="staffing-notice">
          {notice}
        </p>
      ) : (
        <div className="heats">
          {grid('offered', t.heatOffered)}
          {grid('sl', t.heatServiceLevel)}
        </div>
      )}
    </section>
  );
}

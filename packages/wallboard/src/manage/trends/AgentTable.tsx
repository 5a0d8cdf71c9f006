// Agents over the period by name: handled, handle time, first reply, CSAT with its responses, SLA met and
// breached, attainment, online and away time. Sortable by any column; a click on an agent shows the
// agent's figures in the charts.
import type { TrendsMessages } from './messages.ts';
import type { AgentRow } from './queries.ts';
import { formatNumber, formatPercent, formatSeconds } from './units.ts';

type Column = keyof TrendsMessages['agentColumn'];

interface ColumnDef {
  id: Column;
  sort: (a: AgentRow) => number | string | null;
}

/** The order of an unknown sort key: by chats and tickets handled. */
const HANDLED: ColumnDef = { id: 'handled', sort: (a) => a.handled };

const COLUMNS: ColumnDef[] = [
  { id: 'name', sort: (a) => a.name.toLocaleLowerCase() },
  HANDLED,
  { id: 'aht', sort: (a) => a.aht_s },
  { id: 'frt', sort: (a) => a.frt_avg_s },
  { id: 'csat', sort: (a) => a.csat_pct },
  { id: 'slaMet', sort: (a) => a.sla_met },
  { id: 'slaBreached', sort: (a) => a.sla_breached },
  { id: 'attainment', sort: (a) => a.sla_achievement_pct },
  { id: 'online', sort: (a) => a.online_s },
  { id: 'away', sort: (a) => a.away_s },
];

export const isAgentColumn = (s: string): s is Column => COLUMNS.some((c) => c.id === s);

/** Rows ordered by a column; agents without a value come last either way, then by name. */
export function sortAgents(rows: AgentRow[], key: string, desc: boolean): AgentRow[] {
  const col = COLUMNS.find((c) => c.id === key) ?? HANDLED;
  return [...rows].sort((a, b) => {
    const x = col.sort(a);
    const y = col.sort(b);
    if (x === null || y === null) return x === y ? a.name.localeCompare(b.name) : x === null ? 1 : -1;
    const c = x < y ? -1 : x > y ? 1 : 0;
    return (desc ? -c : c) || a.name.localeCompare(b.name);
  });
}

interface Props {
  rows: AgentRow[] | undefined;
  loading: boolean;
  sort: { key: string; desc: boolean };
  selected: string | null;
  csvHref: string;
  t: TrendsMessages;
  locale: string;
  onSort: (key: string, desc: boolean) => void;
  onPick: (agentId: string | null) => void;
}

export function AgentTable({ rows, loading, sort, selected, csvHref, t, locale, onSort, onPick }: Props) {
  const sorted = rows ? sortAgents(rows, sort.key, sort.desc) : [];
  const cell = (a: AgentRow, c: Column) => {
    switch (c) {
      case 'name':
        return a.name;
      case 'handled':
        return formatNumber(a.handled, locale);
      case 'aht':
        return formatSeconds(a.aht_s, locale);
      case 'frt':
        return formatSeconds(a.frt_avg_s, locale);
      case 'csat':
        return a.csat_responses > 0 ? `${formatPercent(a.csat_pct, locale)} (${formatNumber(a.csat_responses, locale)})` : '—';
      case 'slaMet':
        return formatNumber(a.sla_met, locale);
      case 'slaBreached':
        return formatNumber(a.sla_breached, locale);
      case 'attainment':
        return formatPercent(a.sla_achievement_pct, locale);
      case 'online':
        return a.online_s > 0 ? formatSeconds(a.online_s, locale) : '—';
      case 'away':
        return a.away_s > 0 ? formatSeconds(a.away_s, locale) : '—';
    }
  };
  return (
    <section className="panel agents-table" data-testid="agent-table">
      <h2>
        {t.agentsTitle}{' '}
        <a className="csv" href={csvHref} data-testid="csv-agents" title={t.csvTitle}>
          {t.csv}
        </a>
      </h2>
      <p className="note">{t.agentsNote}</p>
      {loading ? (
        <p className="note">{t.loading}</p>
      ) : sorted.length === 0 ? (
        <p className="note">{t.noAgents}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {COLUMNS.map((c) => {
                const on = sort.key === c.id;
                return (
                  <th key={c.id} aria-sort={on ? (sort.desc ? 'descending' : 'ascending') : 'none'} className={c.id === 'name' ? '' : 'num'}>
                    <button type="button" data-testid={`sort-${c.id}`} onClick={() => onSort(c.id, on ? !sort.desc : c.id !== 'name')}>
                      {t.agentColumn[c.id]} {on ? (sort.desc ? '▼' : '▲') : ''}
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {sorted.map((a) => (
              <tr
                key={a.agent_id}
                className={a.agent_id === selected ? 'selected' : ''}
                data-testid="agent-row"
                data-agent={a.agent_id}
                title={t.agentRowTitle}
                tabIndex={0}
                onClick={() => onPick(a.agent_id === selected ? null : a.agent_id)}
                onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onPick(a.agent_id === selected ? null : a.agent_id))}
              >
                {COLUMNS.map((c) => (
                  <td key={c.id} className={c.id === 'name' ? '' : 'num'}>
                    {cell(a, c.id)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// Trends for managers, for the Monday review: a period (presets or custom dates) and an interval, compared
// with the period before or the same period last week; queue, channel or agent filters; the headline row;
// a chart per metric with a click through to the chats and tickets behind a point; the staffing heatmap;
// the agents' table; CSV of each. Every setting is in the URL; times are local to the configured (or the
// URL's) time zone; English or Spanish.
import { useEffect, useMemo, useRef, useState } from 'react';
import { chooseLocale } from '../i18n/locale.ts';
import { isValidTimeZone } from '../format.ts';
import { withToken } from './api.ts';
import { ManageNav } from './ManageNav.tsx';
import { comparison, customRange, defaultInterval, fittingInterval, presetRange, PRESETS, weekCompareFits, type Range } from './range.ts';
import { TrendChart } from './TrendChart.tsx';
import { AgentTable } from './trends/AgentTable.tsx';
import { chartRows } from './trends/chartRows.ts';
import { bucketLabel, rangeLabel } from './trends/dates.ts';
import { DrillDown } from './trends/DrillDown.tsx';
import { Headline } from './trends/Headline.tsx';
import { Heatmap } from './trends/Heatmap.tsx';
import { TRENDS_MESSAGES, type TrendsMessages } from './trends/messages.ts';
import { CHARTS, METRICS, notApplicable, type Filter } from './trends/metrics.ts';
import { formatValue } from './trends/units.ts';
import { MultiPicker } from './trends/MultiPicker.tsx';
import { PeriodBar } from './trends/PeriodBar.tsx';
import { StaffingTrend } from './trends/StaffingTrend.tsx';
import {
  CSV_MAX_ROWS,
  DRILL_ROWS,
  itemsPath,
  rangeParams,
  seriesPath,
  useAgents,
  useHeatmap,
  useHistoryConfig,
  useItems,
  useScopes,
  useSeries,
  type HistoryConfig,
} from './trends/queries.ts';
import { useUrlState } from './trends/state.ts';
import { localDate } from './trends/time.ts';

/** Whether history holds anything for a period: data began before its end. */
const holdsData = (firstDataAt: string | null, r: Range) => firstDataAt !== null && Date.parse(firstDataAt) < r.to;

export function TrendsPage() {
  const params = new URLSearchParams(location.search);
  const { lang, locale } = chooseLocale(params.get('lang'), navigator.languages);
  const t = TRENDS_MESSAGES[lang];
  const config = useHistoryConfig();
  const asked = params.get('tz');
  const timeZone = asked && isValidTimeZone(asked) ? asked : (config.data?.time_zone ?? null);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `Pulse · ${t.title}`;
  }, [lang, t]);
  return (
    <main className="manage trends">
      <header>
        <h1>Pulse · {t.title}</h1>
        <ManageNav current="trends" lang={lang} />
      </header>
      {config.error && (
        <p className="error" data-testid="error">
          {t.error}: {(config.error as Error).message}
        </p>
      )}
      {timeZone && config.data ? (
        <Trends t={t} locale={locale} timeZone={timeZone} config={config.data} />
      ) : (
        !config.error && <p className="note">{t.loading}</p>
      )}
    </main>
  );
}

function Trends({ t, locale, timeZone, config }: { t: TrendsMessages; locale: string; timeZone: string; config: HistoryConfig }) {
  const [s, update] = useUrlState();
  const [now, setNow] = useState(() => Date.now());
  const preset = PRESETS.find((p) => p.id === s.preset);
  const range: Range = useMemo(
    () =>
      (s.preset === 'custom' && s.fromDate && s.toDate ? customRange(s.fromDate, s.toDate, timeZone) : null) ?? presetRange(preset?.id ?? '7d', timeZone, now),
    [s.preset, s.fromDate, s.toDate, timeZone, now, preset],
  );
  const interval = fittingInterval(s.interval, preset?.interval ?? defaultInterval(range), range);
  const compareMode = s.compare === 'week' && !weekCompareFits(range) ? 'prev' : s.compare;
  const compareRange = comparison(compareMode, s.preset, range, timeZone);
  // history keeps figures per queue, per channel and per agent, not crossed: one kind of filter at a time
  const filter: Filter = s.agent
    ? { queues: [], channels: [], agent: s.agent }
    : s.queues.length > 0
      ? { queues: s.queues, channels: [], agent: null }
      : { queues: [], channels: s.channels, agent: null };
  const queueName = (id: string) => (Object.hasOwn(config.queue_names, id) ? config.queue_names[id] : undefined) ?? id;

  const current = useSeries(range, interval, timeZone, filter);
  const previous = useSeries(compareRange, interval, timeZone, filter);
  const scopes = useScopes(range, timeZone);
  const agents = useAgents(range, timeZone);
  const heatNa = notApplicable('offered', filter);
  const heatmap = useHeatmap(range, timeZone, filter, heatNa === null);

  const span = range.to - range.from;
  const cur = current.data;
  const prev = compareRange ? previous.data : undefined;
  const currentData = cur?.series[0] ? { points: cur.series[0].points, firstDataAt: cur.first_data_at, range } : null;
  const compareData = compareRange && prev?.series[0] ? { points: prev.series[0].points, firstDataAt: prev.first_data_at, range: compareRange } : null;
  const naText = (na: NonNullable<ReturnType<typeof notApplicable>>) =>
    t.notApplicable(na, na.why === 'agent' ? '' : na.channels.map((c) => t.channelName(c)).join(', '));
  const agentName = (id: string) => agents.data?.agents.find((a) => a.agent_id === id)?.name ?? scopes.data?.agents.find((a) => a.id === id)?.name ?? id;

  const charts = CHARTS.map((c) => {
    const lines = c.metrics.filter((m) => notApplicable(m, filter) === null);
    const na = lines.length === 0 ? notApplicable(c.metrics[0], filter) : null;
    const rows = currentData ? chartRows(lines, currentData, compareData) : [];
    return { ...c, lines, na, rows };
  });

  const drill = s.drill;
  const drillChart = drill ? charts.find((c) => c.id === drill.chart) : undefined;
  const drillRow = drill ? drillChart?.rows.find((r) => r.t === Date.parse(drill.t)) : undefined;
  const drillRange = drillRow ? { from: Math.max(drillRow.t, range.from), to: Math.min(drillRow.end, range.to) } : null;
  const drillPath = drillChart && drillRange && drillChart.lines.length > 0 ? itemsPath(drillRange, timeZone, filter, drillChart.lines, DRILL_ROWS) : null;
  const items = useItems(drillPath);
  const drillRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (drillPath) drillRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [drillPath]);

  const period = (patch: Parameters<typeof update>[0]) => update({ ...patch, drill: null });
  const loading = current.isPending || (compareRange !== null && previous.isPending);
  const error = (current.error ?? previous.error) as Error | null;

  return (
    <>
      <PeriodBar
        preset={s.preset}
        fromDate={localDate(range.from, timeZone)}
        toDate={localDate(range.to - 1, timeZone)}
        range={range}
        interval={interval}
        compare={compareMode}
        t={t}
        onPreset={(p) => {
          setNow(Date.now());
          period({ preset: p, fromDate: null, toDate: null, interval: null });
        }}
        onDates={(from, to) => period({ preset: 'custom', fromDate: from, toDate: to < from ? from : to, interval: null })}
        onInterval={(i) => period({ interval: i })}
        onCompare={(c) => update({ compare: c })}
      >
        <MultiPicker
          id="queue"
          label={t.queues}
          allLabel={t.allQueues}
          emptyLabel={t.noneSeen}
          clearLabel={t.clear}
          options={(scopes.data?.queues ?? []).map((q) => ({ value: q.id, label: q.name }))}
          chosen={filter.queues}
          onChange={(queues) => period({ queues, channels: [], agent: null })}
          disabled={filter.channels.length > 0 ? t.oneKindOfFilter(t.channels.toLowerCase()) : null}
        />
        <MultiPicker
          id="channel"
          label={t.channels}
          allLabel={t.allChannels}
          emptyLabel={t.noneSeen}
          clearLabel={t.clear}
          options={(scopes.data?.channels ?? []).map((c) => ({ value: c, label: t.channelName(c) }))}
          chosen={filter.channels}
          onChange={(channels) => period({ channels, queues: [], agent: null })}
          disabled={filter.queues.length > 0 ? t.oneKindOfFilter(t.queues.toLowerCase()) : null}
        />
        {filter.agent && (
          <button type="button" className="chip" data-testid="agent-chip" title={t.clearAgent} onClick={() => period({ agent: null })}>
            {t.agentFilter(agentName(filter.agent))} ✕
          </button>
        )}
        <a className="csv" data-testid="csv-series" title={t.csvTitle} href={withToken(`${seriesPath(range, interval, timeZone, filter)}&format=csv`)}>
          {t.csv}
        </a>
      </PeriodBar>
      <p className="subtitle" data-testid="period-label">
        <strong>{rangeLabel(range, locale, timeZone)}</strong>
        <span data-testid="range-label" data-from={new Date(range.from).toISOString()} data-to={new Date(range.to).toISOString()} hidden />
        {compareRange && (
          <>
            {' · '}
            <span data-testid="compare-label" data-from={new Date(compareRange.from).toISOString()} data-to={new Date(compareRange.to).toISOString()}>
              {t.comparedWith(rangeLabel(compareRange, locale, timeZone))}
            </span>
          </>
        )}
        {' · '}
        {t.timeZone(timeZone)}
      </p>
      {error && (
        <p className="error" data-testid="error">
          {t.error}: {error.message}
        </p>
      )}
      <Headline
        current={cur && holdsData(cur.first_data_at, range) ? (cur.totals[0] ?? null) : null}
        compare={compareRange && prev && holdsData(prev.first_data_at, compareRange) ? (prev.totals[0] ?? null) : null}
        compareLabel={compareRange ? rangeLabel(compareRange, locale, timeZone) : null}
        filter={filter}
        loading={loading}
        t={t}
        locale={locale}
      />
      <div className="charts">
        {charts.map((c) => (
          <TrendChart
            key={c.id}
            id={c.id}
            title={t.chart[c.id]}
            unit={c.unit}
            lines={c.lines.map((m) => ({ key: m, label: t.metric[m] }))}
            rows={c.rows}
            compare={compareData !== null}
            compareLabel={t.previous}
            compareLegend={compareRange ? t.compareLegend(rangeLabel(compareRange, locale, timeZone)) : ''}
            notice={
              c.na ? { kind: 'na', text: naText(c.na) } : error ? { kind: 'error', text: t.error } : loading ? { kind: 'loading', text: t.loading } : null
            }
            noDataText={t.noDataPeriod}
            hint={t.clickToDrill}
            interval={interval}
            span={span}
            locale={locale}
            timeZone={timeZone}
            picked={s.drill?.chart === c.id ? Date.parse(s.drill.t) : null}
            onPick={(at) => update({ drill: { chart: c.id, t: new Date(at).toISOString() } })}
          />
        ))}
      </div>
      <div ref={drillRef}>
        {drillChart && drillRow && drillRange && drillPath && (
          <DrillDown
            chart={drillChart.id}
            title={t.drillTitle(
              drillChart.lines.map((m) => `${t.metric[m]} ${formatValue(drillRow[m] ?? null, METRICS[m].unit, locale)}`).join(', '),
              bucketLabel(drillRow.t, drillRow.end, interval, locale, timeZone),
            )}
            reply={items.data}
            loading={items.isPending}
            error={items.error ? (items.error as Error).message : null}
            csvHref={withToken(`${itemsPath(drillRange, timeZone, filter, drillChart.lines, CSV_MAX_ROWS)}&format=csv`)}
            linkTemplate={config.helpdesk_link_template}
            queueName={queueName}
            t={t}
            locale={locale}
            timeZone={timeZone}
            onClose={() => update({ drill: null })}
          />
        )}
      </div>
      <Heatmap
        cells={heatmap.data?.cells}
        notice={heatNa ? naText(heatNa) : heatmap.isPending ? t.loading : null}
        weeks={rangeLabel(range, locale, timeZone)}
        csvHref={withToken(`/v1/history/heatmap?${rangeParams(range, timeZone, filter)}&format=csv`)}
        t={t}
        locale={locale}
      />
      <StaffingTrend range={range} interval={interval} queues={filter.queues} queueName={queueName} timeZone={timeZone} locale={locale} t={t} />
      <AgentTable
        rows={agents.data?.agents}
        loading={agents.isPending}
        sort={s.sort}
        selected={filter.agent}
        csvHref={withToken(`/v1/history/agents?${rangeParams(range, timeZone)}&format=csv`)}
        t={t}
        locale={locale}
        onSort={(key, desc) => update({ sort: { key, desc } })}
        onPick={(agent) => {
          period({ agent, queues: [], channels: [] });
          scrollTo({ top: 0, behavior: 'smooth' });
        }}
      />
    </>
  );
}

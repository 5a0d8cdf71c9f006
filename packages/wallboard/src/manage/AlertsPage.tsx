// The on-call lead's alerts page, a work queue: state tabs with counts; search and filters by queue, rule and
// agent; alerts grouped by queue, critical first then oldest; acknowledge one or many (with a note), resolve
// (a snooze while the condition holds), snooze; links to the board and to each ticket; silences; where alerts
// are delivered (and a clear notice when nowhere); the delivery log. It follows the board's `lang` and `tz`
// URL parameters and works on a phone. Kept current by the live stream.
import { useEffect, useMemo, useState } from 'react';
import { alertMessage, alertTitle, formatZone, type Alert, type TextOptions } from '@pulse/contracts';
import { isValidTimeZone } from '../format.ts';
import { chooseLocale } from '../i18n/locale.ts';
import type { Lang } from '../i18n/messages.ts';
import { ApiError } from './api.ts';
import { AlertCard } from './alerts/AlertCard.tsx';
import { ChannelsNotice, Deliveries } from './alerts/Deliveries.tsx';
import { ALERTS_MESSAGES, type AlertsMessages } from './alerts/messages.ts';
import { useActions, useAlerts, useDeliveries, useLiveRefresh, useSettings, useSilences, type AlertSettings } from './alerts/queries.ts';
import { Silences } from './alerts/Silences.tsx';
import { Toolbar } from './alerts/Toolbar.tsx';
import { agentNames, agentsOf, filterAlerts, groupByQueue, NO_FILTERS, queueNamer, queueOf, tabCounts, type Filters } from './alerts/workqueue.ts';
import { ManageNav, pageUrl } from './ManageNav.tsx';

export function AlertsPage() {
  const params = new URLSearchParams(location.search);
  const { lang } = chooseLocale(params.get('lang'), navigator.languages);
  const t = ALERTS_MESSAGES[lang];
  const settings = useSettings();
  const asked = params.get('tz');
  const timeZone = asked && isValidTimeZone(asked) ? asked : (settings.data?.time_zone ?? null);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `Pulse · ${t.title}`;
  }, [lang, t]);
  return (
    <main className="manage alerts-page">
      <header>
        <h1>Pulse · {t.title}</h1>
        <ManageNav current="alerts" lang={lang} />
      </header>
      {settings.error && (
        <p className="error" data-testid="error">
          {t.error}: {(settings.error as Error).message}
        </p>
      )}
      {timeZone && settings.data ? (
        <WorkQueue t={t} lang={lang} timeZone={timeZone} settings={settings.data} />
      ) : (
        !settings.error && <p className="note">{t.loading}</p>
      )}
    </main>
  );
}

function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

const boardHref = (queue: string) => {
  const base = pageUrl('board');
  return queue ? `${base}${base.includes('?') ? '&' : '?'}queue=${encodeURIComponent(queue)}` : base;
};

function WorkQueue({ t, lang, timeZone, settings }: { t: AlertsMessages; lang: Lang; timeZone: string; settings: AlertSettings }) {
  useLiveRefresh();
  const alerts = useAlerts();
  const silences = useSilences();
  const deliveries = useDeliveries();
  const act = useActions();
  const now = useNow(15_000);
  const text: TextOptions = useMemo(() => ({ lang, timeZone, now }), [lang, timeZone, now]);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [selected, setSelected] = useState<Set<string>>(new Set());

  const all = alerts.data ?? [];
  const queueName = useMemo(() => queueNamer(settings.queue_names), [settings.queue_names]);
  const names = useMemo(() => agentNames(all), [all]);
  const shown = useMemo(
    () => filterAlerts(all, filters, (a) => ({ title: alertTitle(a, text), message: alertMessage(a, text) }), queueName, names),
    [all, filters, text, queueName, names],
  );
  const groups = useMemo(() => groupByQueue(shown), [shown]);
  const counts = useMemo(() => tabCounts(all), [all]);
  const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name, lang);
  // filters offer what the alerts are about; silences also what live state knows
  const queues = useMemo(() => [...new Set(all.map(queueOf).filter(Boolean))].map((id) => ({ id, name: queueName(id) })).sort(byName), [all, queueName]);
  const agents = useMemo(() => [...new Set(all.flatMap(agentsOf))].map((id) => ({ id, name: names.get(id) ?? id })).sort(byName), [all, names]);
  const merge = (a: { id: string; name: string }[], b: { id: string; name: string }[]) =>
    [...new Map([...b, ...a].map((x) => [x.id, x])).values()].sort(byName);
  const allQueues = useMemo(() => merge(queues, settings.queues ?? []), [queues, settings.queues]);
  const allAgents = useMemo(() => merge(agents, settings.agents ?? []), [agents, settings.agents]);

  // a token below lead may read but not act: say so once, with the server's words
  const refused = [deliveries.error, silences.error].find((e): e is ApiError => e instanceof ApiError && (e.status === 403 || e.status === 401));
  const canAct = !refused;
  const firingShown = shown.filter((a) => a.state === 'firing').map((a) => a.id);
  const chosen = firingShown.filter((id) => selected.has(id));
  const actions = canAct
    ? {
        ack: (ids: string[], note: string) => act.ack.mutate({ ids, note }),
        resolve: (id: string) => act.resolve.mutate({ id }),
        snooze: (id: string, until: string) => act.snooze.mutate({ id, until }),
      }
    : null;
  const failure = [alerts.error, act.ack.error, act.resolve.error, act.snooze.error, act.addSilence.error, act.removeSilence.error].find(Boolean) as
    | Error
    | undefined;
  const select = (id: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <>
      <ChannelsNotice t={t} channels={settings.channels} />
      {refused && (
        <p className="notice" data-testid="read-only">
          {t.readOnly(refused.message)}
        </p>
      )}
      {failure && (
        <p className="error" data-testid="error">
          {t.error}: {failure.message}
        </p>
      )}
      <Toolbar
        t={t}
        lang={lang}
        filters={filters}
        set={(f) => setFilters((x) => ({ ...x, ...f }))}
        counts={counts}
        queues={queues}
        agents={agents}
        bulk={
          canAct
            ? {
                shown: firingShown.length,
                selected: chosen.length,
                selectAll: (on) => setSelected(on ? new Set(firingShown) : new Set()),
                ack: (note) => {
                  act.ack.mutate({ ids: chosen, note });
                  setSelected(new Set());
                },
              }
            : null
        }
      />
      <p className="zone" data-testid="zone">
        {t.times(formatZone(text))}
      </p>
      {groups.map((g) => (
        <section key={g.queue || '-'} className="queue-group" data-testid="queue-group" data-queue={g.queue}>
          <h2>
            <span>{g.queue ? queueName(g.queue) : t.noQueue}</span> <span className="count">{g.alerts.length}</span>
          </h2>
          <ul className="alert-cards">
            {g.alerts.map((a: Alert) => (
              <AlertCard
                key={a.id}
                alert={a}
                t={t}
                text={text}
                shiftEnd={settings.shift_end}
                boardHref={boardHref(g.queue)}
                selected={selected.has(a.id)}
                onSelect={(on) => select(a.id, on)}
                actions={actions}
              />
            ))}
          </ul>
        </section>
      ))}
      {alerts.data && shown.length === 0 && (
        <p className="empty" data-testid="empty">
          {t.empty}
        </p>
      )}
      {canAct && silences.data && (
        <Silences
          t={t}
          text={text}
          silences={silences.data}
          queues={allQueues}
          agents={allAgents}
          shiftEnd={settings.shift_end}
          add={(s) => act.addSilence.mutate(s)}
          remove={(id) => act.removeSilence.mutate(id)}
        />
      )}
      {canAct && deliveries.data && <Deliveries t={t} text={text} deliveries={deliveries.data} queueName={queueName} />}
    </>
  );
}

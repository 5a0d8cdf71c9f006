// The work queue's controls: state tabs with their counts, search, filters by queue, rule and agent, and the
// bulk acknowledgement of the selected alerts with an optional note.
import { useState } from 'react';
import { ALERT_RULES, RULE_NAMES, type AlertLang, type AlertRule } from '@pulse/contracts';
import type { AlertsMessages, Tab } from './messages.ts';
import { TABS, type Filters } from './workqueue.ts';

interface Props {
  t: AlertsMessages;
  lang: AlertLang;
  filters: Filters;
  set(f: Partial<Filters>): void;
  counts: Record<Tab, number>;
  queues: { id: string; name: string }[];
  agents: { id: string; name: string }[];
  /** firing alerts shown (selectable) and how many are selected; null for a reader who cannot act */
  bulk: { shown: number; selected: number; selectAll(on: boolean): void; ack(note: string): void } | null;
}

export function Toolbar({ t, lang, filters, set, counts, queues, agents, bulk }: Props) {
  const [note, setNote] = useState('');
  return (
    <div className="toolbar">
      <div className="tabs" role="tablist" aria-label={t.title}>
        {TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            aria-selected={filters.tab === tab}
            className={filters.tab === tab ? 'on' : ''}
            onClick={() => set({ tab })}
            data-testid={`tab-${tab}`}
          >
            {t.tab[tab]}{' '}
            <span className="count" data-testid="tab-count">
              {counts[tab]}
            </span>
          </button>
        ))}
      </div>
      <div className="filters" role="search" aria-label={t.filters}>
        <input
          type="search"
          value={filters.search}
          onChange={(e) => set({ search: e.target.value })}
          placeholder={t.searchPlaceholder}
          aria-label={t.search}
          data-testid="search"
        />
        <select value={filters.queue} onChange={(e) => set({ queue: e.target.value })} aria-label={t.queue} data-testid="filter-queue">
          <option value="">{t.anyQueue}</option>
          {queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </select>
        <select value={filters.rule} onChange={(e) => set({ rule: e.target.value as AlertRule | '' })} aria-label={t.rule} data-testid="filter-rule">
          <option value="">{t.anyRule}</option>
          {ALERT_RULES.map((r) => (
            <option key={r} value={r}>
              {RULE_NAMES[lang][r]}
            </option>
          ))}
        </select>
        <select value={filters.agent} onChange={(e) => set({ agent: e.target.value })} aria-label={t.agent} data-testid="filter-agent">
          <option value="">{t.anyAgent}</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      {bulk && bulk.shown > 0 && (
        <form
          className="bulk"
          data-testid="bulk"
          onSubmit={(e) => {
            e.preventDefault();
            if (bulk.selected === 0) return;
            bulk.ack(note.trim());
            setNote('');
          }}
        >
          <label className="check">
            <input
              type="checkbox"
              checked={bulk.selected > 0 && bulk.selected === bulk.shown}
              onChange={(e) => bulk.selectAll(e.target.checked)}
              data-testid="select-all"
            />
            {t.selectAll}
          </label>
          <input value={note} onChange={(e) => setNote(e.target.value)} placeholder={t.note} aria-label={t.note} maxLength={1000} data-testid="bulk-note" />
          <button type="submit" disabled={bulk.selected === 0} title={bulk.selected === 0 ? t.nothingSelected : undefined} data-testid="bulk-ack">
            {t.ackSelected(bulk.selected)}
          </button>
        </form>
      )}
    </div>
  );
}

// One alert of the lead's work queue: severity, title and message in the reader's language and time zone, the
// tickets of a roll-up (each a help-desk link), the suggestion item by item, where it stands, and what to do:
// acknowledge (with a note), resolve (a snooze while it still holds), snooze, open the board.
import { useState } from 'react';
import {
  ALERT_WORDS,
  alertMessage,
  alertTitle,
  formatLocal,
  formatRelative,
  suggestionLines,
  type Alert,
  type AlertLang,
  type TextOptions,
} from '@pulse/contracts';
import type { AlertsMessages } from './messages.ts';

export interface CardActions {
  ack(ids: string[], note: string): void;
  resolve(id: string): void;
  snooze(id: string, until: string): void;
}

interface Props {
  alert: Alert;
  t: AlertsMessages;
  text: TextOptions;
  shiftEnd: string | null;
  boardHref: string;
  selected: boolean;
  onSelect(on: boolean): void;
  actions: CardActions | null;
}

const ITEMS_SHOWN = 5;

export function AlertCard({ alert: a, t, text, shiftEnd, boardHref, selected, onSelect, actions }: Props) {
  const [noteOpen, setNoteOpen] = useState(false);
  const [note, setNote] = useState('');
  const [allItems, setAllItems] = useState(false);
  const [allLines, setAllLines] = useState(false);
  const title = alertTitle(a, text);
  const message = alertMessage(a, text);
  const suggestion = a.suggestion;
  const lines = suggestion ? suggestionLines(suggestion, text) : [];
  // a staffing move's message is its one suggestion line: say it once
  const repeats = lines.length === 1 && message === `${lines[0]}.`;
  const at = (iso: string) => formatLocal(Date.parse(iso), text);
  const open = a.state === 'firing' || a.state === 'acknowledged' || a.state === 'snoozed';
  const items = a.items ?? [];
  const shown = allItems ? items : items.slice(0, ITEMS_SHOWN);
  const w = ALERT_WORDS[text.lang as AlertLang];
  const meta = [
    t.state[a.state],
    t.started(at(a.started_at), formatRelative(Date.parse(a.started_at), text)),
    a.acknowledged_by && a.acknowledged_at && a.state !== 'firing' ? t.ackBy(a.acknowledged_by, at(a.acknowledged_at)) : null,
    a.state === 'snoozed' && a.snoozed_until ? t.snoozedUntil(at(a.snoozed_until)) : null,
    a.resolved_at ? t.resolvedAt(at(a.resolved_at)) : a.superseded_at ? t.resolvedAt(at(a.superseded_at)) : null,
    a.escalated_at ? t.escalated : null,
    a.silenced_by?.length ? t.silenced : null,
    a.quiet ? t.quiet : null,
    a.clearing_since && open ? t.clearing : null,
  ].filter(Boolean);
  const submitAck = () => {
    actions?.ack([a.id], note.trim());
    setNoteOpen(false);
    setNote('');
  };
  return (
    <li
      className={`alert-card sev-${a.severity} st-${a.state}`}
      data-testid="alert-row"
      data-id={a.id}
      data-rule={a.rule}
      data-state={a.state}
      data-severity={a.severity}
    >
      <div className="alert-head">
        {a.state === 'firing' && actions && (
          <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} aria-label={t.select(title)} data-testid="select" />
        )}
        <span className={`sev sev-${a.severity}`}>{t.severity[a.severity]}</span>
        <h3 className="alert-title" data-testid="alert-title">
          {title}
        </h3>
      </div>
      {/* a roll-up's message lists its first tickets: the page lists them all below instead */}
      {message && !(repeats && open) && a.details?.kind !== 'sla' && (
        <p className="alert-message" data-testid="alert-message">
          {message}
        </p>
      )}
      {items.length > 0 && (
        <ul className="alert-items" data-testid="alert-items">
          {shown.map((i) => (
            <li key={`${i.ticket_id}|${i.target}`} data-testid="alert-item" className={i.quiet ? 'quiet' : ''}>
              {i.url ? (
                <a href={i.url} target="_blank" rel="noreferrer" data-testid="item-link">
                  {i.ticket_id}
                </a>
              ) : (
                <span>{i.ticket_id}</span>
              )}{' '}
              · {w.target[i.target][0]}
              {i.due_at ? ` · ${at(i.due_at)} (${formatRelative(Date.parse(i.due_at), text)})` : ''}
              {` · ${i.agent_name || i.agent_id || w.unassigned}`}
            </li>
          ))}
          {items.length > ITEMS_SHOWN && (
            <li>
              <button type="button" className="link" onClick={() => setAllItems(!allItems)} data-testid="show-all">
                {allItems ? t.showFewer : t.showAll(items.length)}
              </button>
            </li>
          )}
        </ul>
      )}
      {a.suggestion && open && (
        <div className="alert-suggestion" data-testid="suggestion">
          <strong>{t.suggested}</strong>
          <ul>
            {lines.map((line, k) => {
              if (!allLines && k >= ITEMS_SHOWN) {
                // the first lines, then a button for the rest (a stranded agent may hold dozens of tickets)
                return k === ITEMS_SHOWN ? (
                  <li key={k}>
                    <button type="button" className="link" onClick={() => setAllLines(true)} data-testid="show-all-suggestions">
                      {t.showAll(lines.length)}
                    </button>
                  </li>
                ) : null;
              }
              const item = suggestion?.action === 'reassign' ? suggestion.items[k] : undefined;
              const prefix = item ? `${w.kind[item.kind]} ${item.id}` : '';
              return (
                <li key={k} data-testid="suggestion-line">
                  {item?.url && line.startsWith(prefix) ? (
                    <>
                      <a href={item.url} target="_blank" rel="noreferrer" data-testid="item-link">
                        {prefix}
                      </a>
                      {line.slice(prefix.length)}
                    </>
                  ) : (
                    line
                  )}
                </li>
              );
            })}
            {allLines && a.suggestion.items.length > ITEMS_SHOWN && (
              <li>
                <button type="button" className="link" onClick={() => setAllLines(false)} data-testid="show-all-suggestions">
                  {t.showFewer}
                </button>
              </li>
            )}
          </ul>
        </div>
      )}
      <p className="alert-meta" data-testid="alert-meta">
        {meta.join(' · ')}
        {a.ack_note && a.state !== 'firing' ? <span className="ack-note"> — “{a.ack_note}”</span> : null}
      </p>
      <div className="alert-actions">
        {actions && a.state === 'firing' && !noteOpen && (
          <button type="button" onClick={() => setNoteOpen(true)} data-testid="ack">
            {t.ack}
          </button>
        )}
        {actions && noteOpen && (
          <form
            className="ack-form"
            data-testid="ack-form"
            onSubmit={(e) => {
              e.preventDefault();
              submitAck();
            }}
          >
            <input
              value={note}
              onChange={(e) => setNote(e.target.value)}
              placeholder={t.note}
              aria-label={t.note}
              maxLength={1000}
              autoFocus
              data-testid="ack-note"
            />
            <button type="submit" data-testid="ack-confirm">
              {t.ackWithNote}
            </button>
            <button type="button" onClick={() => setNoteOpen(false)}>
              {t.cancel}
            </button>
          </form>
        )}
        {actions && open && (
          <>
            <button type="button" onClick={() => actions.resolve(a.id)} title={t.resolveHint} data-testid="resolve">
              {t.resolve}
            </button>
            <span className="snooze" role="group" aria-label={t.snooze}>
              <span className="snooze-label">{t.snooze}</span>
              <button type="button" onClick={() => actions.snooze(a.id, '15m')} data-testid="snooze-15m">
                {t.snooze15}
              </button>
              <button type="button" onClick={() => actions.snooze(a.id, '1h')} data-testid="snooze-1h">
                {t.snooze1h}
              </button>
              <button type="button" onClick={() => actions.snooze(a.id, 'shift')} data-testid="snooze-shift">
                {t.snoozeShift(shiftEnd ? (at(shiftEnd).split(',')[0] ?? '') : '')}
              </button>
            </span>
          </>
        )}
        <a className="button" href={boardHref} data-testid="board-link">
          {t.board}
        </a>
      </div>
    </li>
  );
}

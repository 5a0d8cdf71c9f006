// Silences: the ones in force (each removable) and a form to add one by queue, rule or agent, for a while, with
// a reason. A silenced alert still shows; its changes are not delivered.
import { useState } from 'react';
import { ALERT_RULES, RULE_NAMES, formatLocal, type AlertLang, type AlertRule, type Silence, type TextOptions } from '@pulse/contracts';
import type { AlertsMessages } from './messages.ts';

const DURATIONS = ['1h', '4h', 'shift', '24h'] as const;
type Duration = (typeof DURATIONS)[number];

interface Props {
  t: AlertsMessages;
  text: TextOptions;
  silences: Silence[];
  queues: { id: string; name: string }[];
  agents: { id: string; name: string }[];
  shiftEnd: string | null;
  add(s: { queue?: string; rule?: AlertRule; agent_id?: string; ends_at: number; reason: string }): void;
  remove(id: string): void;
}

export function Silences({ t, text, silences, queues, agents, shiftEnd, add, remove }: Props) {
  const [queue, setQueue] = useState('');
  const [rule, setRule] = useState<AlertRule | ''>('');
  const [agent, setAgent] = useState('');
  const [duration, setDuration] = useState<Duration>('1h');
  const [reason, setReason] = useState('');
  const rules = RULE_NAMES[text.lang as AlertLang];
  const queueName = (id: string) => queues.find((q) => q.id === id)?.name ?? id;
  const agentName = (id: string) => agents.find((a) => a.id === id)?.name ?? id;
  const ready = (queue || rule || agent) && reason.trim();
  const endOf = (d: Duration) =>
    d === 'shift' && shiftEnd ? Date.parse(shiftEnd) : Date.now() + { '1h': 3600_000, '4h': 4 * 3600_000, shift: 8 * 3600_000, '24h': 86_400_000 }[d];
  return (
    <section className="panel silences" data-testid="silences">
      <h2>{t.silences}</h2>
      <ul className="silence-list">
        {silences.map((s) => (
          <li key={s.id} data-testid="silence" data-id={s.id}>
            <span>
              {t.silenceLine(
                [s.queue && queueName(s.queue), s.rule && rules[s.rule], s.agent_id && agentName(s.agent_id)].filter(Boolean).join(' · '),
                formatLocal(Date.parse(s.ends_at), text),
                s.created_by,
                s.reason,
              )}
            </span>
            <button type="button" onClick={() => remove(s.id)} data-testid="silence-remove">
              {t.remove}
            </button>
          </li>
        ))}
        {silences.length === 0 && <li className="empty">{t.noSilences}</li>}
      </ul>
      <form
        className="silence-form"
        data-testid="silence-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!ready) return;
          add({
            ...(queue ? { queue } : {}),
            ...(rule ? { rule } : {}),
            ...(agent ? { agent_id: agent } : {}),
            ends_at: endOf(duration),
            reason: reason.trim(),
          });
          setReason('');
        }}
      >
        <span className="label">{t.silenceMatch}</span>
        <select value={queue} onChange={(e) => setQueue(e.target.value)} aria-label={t.queue} data-testid="silence-queue">
          <option value="">{t.anyQueue}</option>
          {queues.map((q) => (
            <option key={q.id} value={q.id}>
              {q.name}
            </option>
          ))}
        </select>
        <select value={rule} onChange={(e) => setRule(e.target.value as AlertRule | '')} aria-label={t.rule} data-testid="silence-rule">
          <option value="">{t.anyRule}</option>
          {ALERT_RULES.map((r) => (
            <option key={r} value={r}>
              {rules[r]}
            </option>
          ))}
        </select>
        <select value={agent} onChange={(e) => setAgent(e.target.value)} aria-label={t.agent} data-testid="silence-agent">
          <option value="">{t.anyAgent}</option>
          {agents.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
        <label>
          {t.ends}{' '}
          <select value={duration} onChange={(e) => setDuration(e.target.value as Duration)} data-testid="silence-duration">
            {DURATIONS.map((d) => (
              <option key={d} value={d}>
                {t.duration[d]}
              </option>
            ))}
          </select>
        </label>
        <input
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          placeholder={t.reasonPlaceholder}
          aria-label={t.reason}
          maxLength={500}
          data-testid="silence-reason"
        />
        <button type="submit" disabled={!ready} title={ready ? undefined : t.silenceNeeds} data-testid="silence-add">
          {t.addSilence}
        </button>
      </form>
    </section>
  );
}

// One ticket of the SLA panel with its worst target: state shape, ticket, priority, target (and how many more are
// breached or at risk), queue and agent by name, and the live countdown.
import { memo } from 'react';
import type { Priority, SlaTarget } from '@pulse/contracts';
import { remainingNow, type SlaGroup, type SlaState } from '../board/sla.ts';
import { formatCountdown } from '../format.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { useNow } from '../live/clock.ts';
import { LevelMark } from './LevelMark.tsx';

export interface SlaRowProps {
  state: SlaState;
  group: SlaGroup;
  ticketId: string;
  target: SlaTarget;
  /** The ticket's other targets breached or at risk. */
  others: number;
  priority: Priority;
  queue: string | null;
  agent: string | null;
  dueAt: string | null;
  skewMs: number;
}

function Countdown({ dueAt, skewMs }: { dueAt: string | null; skewMs: number }) {
  const { t } = useI18n();
  const now = useNow();
  const left = remainingNow(dueAt, skewMs, now);
  const overdue = left !== null && left < 0;
  return (
    <span className={`sla-countdown${overdue ? ' is-overdue' : ''}`}>
      <span className="countdown-value" data-testid="sla-countdown" data-value={left === null ? undefined : Math.round(left)}>
        {left === null ? t.paused : formatCountdown(left)}
      </span>
      {left !== null && <span className="countdown-word">{overdue ? t.overdue : t.left}</span>}
    </span>
  );
}

function SlaRowView({ state, group, ticketId, target, others, priority, queue, agent, dueAt, skewMs }: SlaRowProps) {
  const { t } = useI18n();
  return (
    <li
      className={`sla-item sla-${state} sla-group-${group}`}
      data-testid="sla-item"
      data-ticket={ticketId}
      data-target={target}
      data-state={state}
      data-group={group}
    >
      <LevelMark level={state === 'breached' ? 'red' : 'amber'} className="sla-mark" />
      <div className="sla-main">
        <div className="sla-line">
          <span className="sla-ticket">{ticketId}</span>
          <span className={`sla-priority prio-${priority}`}>{t.priority[priority]}</span>
          {others > 0 && <span className="sla-more">{t.wall.moreTargets(others)}</span>}
        </div>
        <div className="sla-line sla-meta">
          <span className="sla-target">{t.target[target]}</span>
          {queue && <span className="sla-queue">{queue}</span>}
          <span className="sla-agent">{agent ?? t.unassigned}</span>
        </div>
      </div>
      <Countdown dueAt={dueAt} skewMs={skewMs} />
    </li>
  );
}

export const SlaRow = memo(SlaRowView);

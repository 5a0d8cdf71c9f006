// One agent: status (colour and shape: dot online, ring away), name, load bar and active/capacity chats with the
// load's level, time in status.
import { memo, type CSSProperties } from 'react';
import type { AgentView } from '@pulse/contracts';
import { levelOf, type Threshold } from '../board/levels.ts';
import { formatCount, formatPct } from '../format.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { Elapsed } from './Elapsed.tsx';
import { LevelMark } from './LevelMark.tsx';

export interface AgentRowProps {
  agent: AgentView;
  /** Client minus server clock, ms. */
  skewMs: number;
  loadThreshold: Threshold | undefined;
}

function AgentRowView({ agent, skewMs, loadThreshold }: AgentRowProps) {
  const { t, locale } = useI18n();
  const level = agent.status === 'online' ? levelOf(loadThreshold, agent.load_pct) : 'neutral';
  const fill = Math.max(0, Math.min(100, agent.load_pct ?? 0));
  return (
    <li className={`agent status-${agent.status}`} data-testid="agent" data-agent={agent.id} data-status={agent.status}>
      <span className="agent-status" data-testid="agent-status" role="img" aria-label={t.status[agent.status]} title={t.status[agent.status]} />
      <span className="agent-name" title={agent.name || agent.id}>
        {agent.name || agent.id}
      </span>
      <span className={`load-bar lvl-${level}`} aria-hidden="true" title={formatPct(agent.load_pct, locale)}>
        <span style={{ '--fill': `${fill}%` } as CSSProperties} />
      </span>
      <span className={`agent-chats lvl-${level}`} data-testid="agent-load" data-level={level} data-value={agent.load_pct ?? undefined}>
        {t.chatsOf(formatCount(agent.active_chats, locale), formatCount(agent.chat_capacity, locale))}
      </span>
      <span className="agent-mark">
        <LevelMark level={level} />
      </span>
      <Elapsed since={agent.status_since} skewMs={skewMs} testId="agent-time" />
    </li>
  );
}

export const AgentRow = memo(AgentRowView);

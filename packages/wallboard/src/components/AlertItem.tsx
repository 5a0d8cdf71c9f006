// One alert of the ticker: severity (shape and word), title, and the reassignment it suggests in place of the
// message (what to do is worth the line; the alerts page has the message): whole lines, one per item.
import { memo } from 'react';
import type { Alert } from '@pulse/contracts';
import type { TickerSuggestion } from '../board/alerts.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { LevelMark } from './LevelMark.tsx';

function AlertItemView({ alert, title, message, suggestion }: { alert: Alert; title: string; message: string; suggestion: TickerSuggestion | null }) {
  const { t } = useI18n();
  const level = alert.severity === 'critical' ? 'red' : 'amber';
  return (
    <li
      className={`alert sev-${alert.severity} state-${alert.state}`}
      data-testid="alert"
      data-alert={alert.id}
      data-rule={alert.rule}
      data-severity={alert.severity}
      data-state={alert.state}
    >
      <span className="alert-severity">
        <LevelMark level={level} />
        {t.severity[alert.severity]}
        {alert.state === 'acknowledged' && <span className="alert-ack"> · {t.acknowledged}</span>}
      </span>
      <span className="alert-text">
        <span className="alert-title">{title}</span>
        {message && !suggestion && <span className="alert-message">{message}</span>}
        {suggestion?.lines.map((line, i) => (
          <span className="alert-suggestion" data-testid="alert-suggestion" key={i}>
            {line}
            {i === suggestion.lines.length - 1 && suggestion.more && (
              <span className="alert-suggestion-more" data-testid="alert-suggestion-more">
                {' · '}
                {suggestion.more}
              </span>
            )}
          </span>
        ))}
      </span>
    </li>
  );
}

export const AlertItem = memo(AlertItemView);

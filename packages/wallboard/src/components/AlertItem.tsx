// One alert of the ticker: severity (shape and word), title, and the reassignment it suggests in place of the
// message (what to do is worth the line; the alerts page has the message).
import { memo } from 'react';
import type { Alert } from '@pulse/contracts';
import { useI18n } from '../i18n/I18n.tsx';
import { LevelMark } from './LevelMark.tsx';

function AlertItemView({ alert, suggestion }: { alert: Alert; suggestion: string | null }) {
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
        <span className="alert-title">{alert.title}</span>
        {alert.message && !suggestion && <span className="alert-message">{alert.message}</span>}
        {suggestion && (
          <span className="alert-suggestion" data-testid="alert-suggestion">
            <span aria-hidden="true">→ </span>
            {suggestion}
          </span>
        )}
      </span>
    </li>
  );
}

export const AlertItem = memo(AlertItemView);

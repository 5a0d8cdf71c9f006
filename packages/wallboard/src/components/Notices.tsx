// What the board says instead of panels when it has no snapshot: a token problem, no server, or connecting.
import { isAuthError, LiveHttpError } from '../live/api.ts';
import { useI18n } from '../i18n/I18n.tsx';
import { Notice } from './Notice.tsx';

export function NoDataNotice({ error, hasToken }: { error: Error | null; hasToken: boolean }) {
  const { t } = useI18n();
  if (isAuthError(error)) {
    return (
      <Notice title={hasToken ? t.tokenRejectedTitle : t.tokenMissingTitle} tone="error" testId="auth-error">
        <p>{hasToken ? t.tokenRejectedBody(error.status) : t.tokenMissingBody(error.status)}</p>
        <p>
          {t.openAs} <code>{`${window.location.origin}/?token=<viewer token>`}</code>
        </p>
      </Notice>
    );
  }
  if (error) {
    return (
      <Notice title={t.cannotReach} tone="error" testId="connection-error">
        <p>{describeError(error)}</p>
        <p className="muted">{t.retrying}</p>
      </Notice>
    );
  }
  return <Notice title={t.connectingTitle} testId="connecting" />;
}

function describeError(err: Error): string {
  if (err instanceof LiveHttpError) return err.status ? `HTTP ${err.status}: ${err.message}` : err.message;
  return err.message || 'Network error';
}

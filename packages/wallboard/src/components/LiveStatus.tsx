// The LIVE / STALE marker. In English its text is exactly `LIVE` or `STALE`; `data-state` says it in any language.
import { useI18n } from '../i18n/I18n.tsx';

export function LiveStatus({ stale }: { stale: boolean }) {
  const { t } = useI18n();
  return (
    <div
      data-testid="live-status"
      data-state={stale ? 'stale' : 'live'}
      className={`live-status ${stale ? 'is-stale' : 'is-live'}`}
      role="status"
      aria-live="polite"
    >
      {stale ? t.stale : t.live}
    </div>
  );
}

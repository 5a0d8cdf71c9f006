// "2/5" with dots: which page of a self-paging list is on screen (and, for tests and kiosks, how many items a page
// holds).
import { useI18n } from '../i18n/I18n.tsx';

export function Pager({ page, pages, perPage, testId }: { page: number; pages: number; perPage?: number; testId: string }) {
  const { t } = useI18n();
  if (pages <= 1) return null;
  return (
    <span className="pager" data-testid={testId} data-page={page + 1} data-pages={pages} data-per-page={perPage}>
      {pages <= 12 && (
        <span className="pager-dots" aria-hidden="true">
          {Array.from({ length: pages }, (_, i) => (
            <span key={i} className={i === page ? 'is-on' : undefined} />
          ))}
        </span>
      )}
      <span className="pager-text">{t.page(page + 1, pages)}</span>
    </span>
  );
}

// Links between the pages — the live board, trends and alerts — carrying the token, language and time
// zone of this page's URL, and a switch of language that keeps everything else of the URL.
import { MESSAGES, type Lang } from '../i18n/messages.ts';

export type PageName = 'board' | 'trends' | 'alerts';

const PATHS: Record<PageName, string> = { board: '/', trends: '/trends.html', alerts: '/alerts.html' };
const CARRIED = ['token', 'lang', 'tz'];
const LANGS: Lang[] = ['en', 'es'];

/** The URL of a page with this page's token, language and time zone. */
export function pageUrl(page: PageName, search = location.search): string {
  const from = new URLSearchParams(search);
  const to = new URLSearchParams();
  for (const k of CARRIED) {
    const v = from.get(k);
    if (v) to.set(k, v);
  }
  const q = to.toString();
  return `${PATHS[page]}${q ? `?${q}` : ''}`;
}

function withLang(lang: Lang, search = location.search): string {
  const q = new URLSearchParams(search);
  q.set('lang', lang);
  return `${location.pathname}?${q.toString()}`;
}

export function ManageNav({ current, lang }: { current: PageName; lang: Lang }) {
  const t = MESSAGES[lang].nav;
  return (
    <nav className="pages" aria-label={t.label} data-testid="page-nav">
      {(Object.keys(PATHS) as PageName[]).map((p) => (
        <a key={p} href={pageUrl(p)} className={p === current ? 'on' : ''} aria-current={p === current ? 'page' : undefined} data-testid={`nav-${p}`}>
          {t[p]}
        </a>
      ))}
      <span className="langs" aria-label={t.language}>
        {LANGS.map((l) => (
          <a key={l} href={withLang(l)} className={l === lang ? 'on' : ''} lang={l} aria-current={l === lang ? 'true' : undefined} data-testid={`lang-${l}`}>
            {l.toUpperCase()}
          </a>
        ))}
      </span>
    </nav>
  );
}

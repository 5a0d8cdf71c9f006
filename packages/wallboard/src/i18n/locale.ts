// Which language and number/date locale the board uses: the URL's `lang`, else the browser's languages, else English.
import { MESSAGES, type Lang } from './messages.ts';

export interface LocaleChoice {
  /** Language of the labels. */
  lang: Lang;
  /** BCP 47 tag for Intl (numbers, dates): the full tag asked for when it is valid (es-MX), else the language. */
  locale: string;
}

const isLang = (l: string): l is Lang => Object.hasOwn(MESSAGES, l);

function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

export function chooseLocale(requested: string | null, browser: readonly string[] = []): LocaleChoice {
  for (const tag of [requested, ...browser]) {
    if (!tag) continue;
    const full = canonical(tag.trim());
    if (!full) continue;
    const [primary = full] = full.split('-');
    const lang = primary.toLowerCase();
    if (isLang(lang)) return { lang, locale: full };
  }
  return { lang: 'en', locale: 'en' };
}

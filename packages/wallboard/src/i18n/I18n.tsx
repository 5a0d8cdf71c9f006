// The board's words and formats, given to every component through context.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { MESSAGES, type Lang, type Messages } from './messages.ts';

export interface I18n {
  lang: Lang;
  /** Intl locale for numbers and dates. */
  locale: string;
  /** IANA time zone of clocks and times. */
  timeZone: string;
  t: Messages;
}

const I18nContext = createContext<I18n>({ lang: 'en', locale: 'en', timeZone: 'UTC', t: MESSAGES.en });

export function I18nProvider({ lang, locale, timeZone, children }: Omit<I18n, 't'> & { children: ReactNode }) {
  const value = useMemo(() => ({ lang, locale, timeZone, t: MESSAGES[lang] }), [lang, locale, timeZone]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export const useI18n = (): I18n => useContext(I18nContext);

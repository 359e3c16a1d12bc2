import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { de } from './de';
import { en, type Catalogue, type MessageKey } from './en';
import { formatMessage } from './format';
import { sk } from './sk';

export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'de', label: 'Deutsch' },
  { value: 'sk', label: 'Slovenčina' },
] as const;
export type Language = (typeof LANGUAGES)[number]['value'];

const catalogues: Record<Language, Catalogue> = { en, de, sk };
const STORAGE_KEY = 'clientele.language';

/** 'de-AT' → 'de'; anything we have no catalogue for → null. */
export function supportedLanguage(tag: string | null | undefined): Language | null {
  const base = (tag ?? '').toLowerCase().split('-')[0];
  return LANGUAGES.some((l) => l.value === base) ? (base as Language) : null;
}

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

export interface I18n {
  language: Language;
  /** The locale for dates and numbers: the browser's region when it speaks the same language. */
  locale: string;
  t: Translate;
  /** The person's choice, kept in this browser (signed in, the switcher also saves it to the account). */
  choose: (language: Language) => void;
  /** The signed-in account's language: the portal follows it (on sign-in, and when it changes). */
  followAccount: (language: string | null) => void;
  /**
   * A language the page's content asks for (an invitation's): shown at once, but not remembered in
   * this browser; an unsupported tag changes nothing. The person's own choice (`choose`) still wins.
   */
  propose: (language: string | null) => void;
  formatDate: (iso: string) => string;
  formatDateTime: (iso: string) => string;
}

export const I18nContext = createContext<I18n | null>(null);

function readChoice(): Language | null {
  try {
    return supportedLanguage(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    return null;
  }
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [choice, setChoice] = useState<Language | null>(() => initial ?? readChoice());
  const language: Language = choice ?? supportedLanguage(navigator.language) ?? 'en';

  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);

  const choose = useCallback((next: Language) => {
    setChoice(next);
    try {
      window.localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // private mode: the choice lasts for this page only
    }
  }, []);
  // an account language we have no catalogue for leaves the portal as it is
  const followAccount = useCallback(
    (tag: string | null) => {
      const account = supportedLanguage(tag);
      if (account) choose(account);
    },
    [choose],
  );
  const propose = useCallback((tag: string | null) => {
    const proposed = supportedLanguage(tag);
    if (proposed) setChoice(proposed);
  }, []);

  const value = useMemo<I18n>(() => {
    const catalogue = catalogues[language];
    const browser = navigator.language;
    const locale = supportedLanguage(browser) === language ? browser : language;
    const t: Translate = (key, vars) => {
      return formatMessage(catalogue[key] ?? en[key], vars, locale);
    };
    const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium' });
    const dateTime = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    return {
      language,
      locale,
      t,
      choose,
      followAccount,
      propose,
      formatDate: (iso) => date.format(new Date(iso)),
      formatDateTime: (iso) => dateTime.format(new Date(iso)),
    };
  }, [language, choose, followAccount, propose]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

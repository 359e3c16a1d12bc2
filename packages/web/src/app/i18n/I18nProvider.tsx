import { createContext, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { loadCatalogue, loadedCatalogue, type Language } from './catalogues';
import { en, type MessageKey } from './en';
import { formatMessage } from './format';

export type { Language } from './catalogues';

export const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'de', label: 'Deutsch' },
  { value: 'sk', label: 'Slovenčina' },
] as const satisfies readonly { value: Language; label: string }[];

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

/** The language the portal opens in: the choice kept in this browser, else the browser's language. */
export function initialLanguage(): Language {
  return readChoice() ?? supportedLanguage(navigator.language) ?? 'en';
}

export function I18nProvider({ children, initial }: { children: ReactNode; initial?: Language }) {
  const [choice, setChoice] = useState<Language | null>(() => initial ?? readChoice());
  const wanted: Language = choice ?? supportedLanguage(navigator.language) ?? 'en';
  // until a catalogue has loaded, the portal stays in the language it was showing (no flash of English)
  const [shown, setShown] = useState<Language>('en');
  const [, setLoads] = useState(0);
  const language: Language = loadedCatalogue(wanted) ? wanted : shown;
  useEffect(() => {
    if (loadedCatalogue(wanted)) {
      setShown(wanted);
      return;
    }
    let live = true;
    loadCatalogue(wanted).then(
      () => live && setLoads((n) => n + 1),
      () => undefined, // offline or a redeployed chunk: keep the language shown; choosing again retries
    );
    return () => {
      live = false;
    };
  }, [wanted]);

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
    const catalogue = loadedCatalogue(language) ?? en;
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

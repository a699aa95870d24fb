/**
 * Languages for the whole app: one i18next instance holds the app's strings (`app`), the
 * conversation view's (`view`) and, through ShareI18nProvider, the share kit's. The choice is
 * kept in localStorage; without one, the browser's language decides.
 */
import { ShareI18nProvider, VIEW_STRINGS, type Translate } from '@chatshare/react';
import i18next from 'i18next';
import { createContext, useContext, useEffect, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { PUBLISH_STRINGS } from '../publish/strings.js';
import { APP_STRINGS } from './strings.js';

export const LANGUAGES = ['en', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'chatshare.language';

const isLanguage = (value: unknown): value is Language => LANGUAGES.includes(value as Language);

function storedLanguage(): Language | null {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    // Storage can be switched off; the app still works, it just forgets the choice.
    return null;
  }
}

export function initialLanguage(): Language {
  const stored = storedLanguage();
  if (stored) return stored;
  const preferred = (navigator.languages ?? [navigator.language]).map((tag) => tag.toLowerCase().split('-')[0]);
  return preferred.find(isLanguage) ?? 'en';
}

export const i18n = i18next.createInstance();
void i18n.init({
  lng: initialLanguage(),
  fallbackLng: 'en',
  ns: ['app', 'view'],
  defaultNS: 'app',
  resources: {
    en: { app: { ...APP_STRINGS.en, ...PUBLISH_STRINGS.en }, view: VIEW_STRINGS.en },
    de: { app: { ...APP_STRINGS.de, ...PUBLISH_STRINGS.de }, view: VIEW_STRINGS.de },
  },
  initAsync: false,
  // React escapes what it renders; escaping here too would show `&amp;` to people.
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

export type T = (key: string, values?: Record<string, string | number>) => string;

export interface I18nValue {
  t: T;
  /** For ConversationView, whose keys live in the `view` namespace. */
  viewT: Translate;
  language: Language;
  setLanguage(language: Language): void;
  /** Dates and numbers in the current language. */
  formatDate(iso: string, withTime?: boolean): string;
  formatNumber(value: number): string;
}

function setLanguage(language: Language) {
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // See storedLanguage.
  }
  void i18n.changeLanguage(language);
}

function bind(language: Language): I18nValue {
  const app = i18n.getFixedT(language, 'app');
  const view = i18n.getFixedT(language, 'view');
  const dates = new Intl.DateTimeFormat(language, { dateStyle: 'medium' });
  const dateTimes = new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' });
  const numbers = new Intl.NumberFormat(language);
  return {
    t: (key, values) => app(key, values ?? {}) as string,
    viewT: (key, values) => view(key, values ?? {}) as string,
    language,
    setLanguage,
    formatDate: (iso, withTime = false) => (withTime ? dateTimes : dates).format(new Date(iso)),
    formatNumber: (value) => numbers.format(value),
  };
}

const I18nContext = createContext<I18nValue>(bind('en'));

const subscribe = (onChange: () => void) => {
  i18n.on('languageChanged', onChange);
  return () => i18n.off('languageChanged', onChange);
};
const currentLanguage = (): Language => (isLanguage(i18n.language) ? i18n.language : 'en');

export function I18nProvider({ children }: { children: ReactNode }) {
  const language = useSyncExternalStore(subscribe, currentLanguage, currentLanguage);
  const value = useMemo(() => bind(language), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return (
    <I18nContext.Provider value={value}>
      <ShareI18nProvider i18n={i18n}>{children}</ShareI18nProvider>
    </I18nContext.Provider>
  );
}

export const useI18n = () => useContext(I18nContext);

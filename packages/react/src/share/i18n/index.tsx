/**
 * A small i18n layer on i18next for the share kit: a provider that takes a locale or the
 * app's own i18next instance, and a hook that gives `t`. (react-i18next is not used: it
 * does not support Node 20, which this project runs on.)
 */
import i18next, { type i18n as I18n, type TFunction } from 'i18next';
import { createContext, useContext, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { SHARE_STRINGS } from './strings.js';

/** The i18next namespace the kit's strings live in, so they never collide with an app's keys. */
export const SHARE_NAMESPACE = 'chatshare';

export type ShareTranslate = (key: string, values?: Record<string, string | number>) => string;

export interface ShareI18n {
  t: ShareTranslate;
  /** The language strings are shown in, also used for dates (BCP 47). */
  language: string;
}

/** Adds the kit's strings to an i18next instance (an app's own, or one made here). */
export function addShareStrings(instance: I18n): void {
  for (const [language, strings] of Object.entries(SHARE_STRINGS)) {
    // Not deep, not overwriting: an app that already translated a key keeps its wording.
    instance.addResourceBundle(language, SHARE_NAMESPACE, strings, true, false);
  }
}

/**
 * A ready i18next instance holding only the kit's strings, initialised synchronously.
 *
 * @example createShareI18n('de').t('share.create', { ns: 'chatshare' }) // 'Link erstellen'
 */
export function createShareI18n(locale = 'en'): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: locale,
    fallbackLng: 'en',
    ns: [SHARE_NAMESPACE],
    defaultNS: SHARE_NAMESPACE,
    resources: {},
    initAsync: false,
    // React escapes what it renders; escaping here as well would show `&amp;` to people.
    interpolation: { escapeValue: false },
    // A component library has no business writing to its host app's console.
    showSupportNotice: false,
  });
  addShareStrings(instance);
  return instance;
}

/** `t` for `language`, the instance's language when this is called. */
function bind(instance: I18n, language = instance.language): ShareI18n {
  const fixed: TFunction = instance.getFixedT(language, SHARE_NAMESPACE);
  return {
    t: (key, values) => fixed(key, values ?? {}) as string,
    language: instance.resolvedLanguage ?? instance.language ?? 'en',
  };
}

const english = bind(createShareI18n('en'));
const ShareI18nContext = createContext<ShareI18n>(english);

export interface ShareI18nProviderProps {
  /** A language such as `de`; ignored when `i18n` is given. Missing strings fall back to English. */
  locale?: string;
  /** The app's own i18next instance: the kit's strings are added to it and follow its language. */
  i18n?: I18n;
  children?: ReactNode;
}

/**
 * Makes the share components speak `locale`, or follow the app's i18next instance (including
 * later `changeLanguage` calls). Without a provider they speak English.
 */
export function ShareI18nProvider({ locale, i18n, children }: ShareI18nProviderProps) {
  const instance = useMemo(() => {
    if (!i18n) return createShareI18n(locale ?? 'en');
    addShareStrings(i18n);
    return i18n;
  }, [i18n, locale]);
  const language = useSyncExternalStore(
    (onChange) => {
      instance.on('languageChanged', onChange);
      return () => instance.off('languageChanged', onChange);
    },
    () => instance.language,
    () => instance.language,
  );
  // The bound `t` is rebuilt when the app switches languages.
  const value = useMemo(() => bind(instance, language), [instance, language]);
  return <ShareI18nContext.Provider value={value}>{children}</ShareI18nContext.Provider>;
}

/** `t` and the language for the share components. */
export function useShareI18n(): ShareI18n {
  return useContext(ShareI18nContext);
}

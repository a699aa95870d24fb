/**
 * Localisation of the share pages through i18next: English and German, chosen by the
 * request's Accept-Language. One shared instance; resources are in memory, so it is ready
 * synchronously at import.
 */
import { VIEW_STRINGS, type Translate } from '@chatshare/react';
import i18next from 'i18next';
import { EXPLORE_STRINGS } from './explore-strings.js';
import { LANDING_STRINGS } from './landing-strings.js';
import { REPORT_STRINGS } from './report-strings.js';
import { PAGE_STRINGS } from './strings.js';

export const LOCALES = ['en', 'de'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      {
        translation: {
          ...VIEW_STRINGS[locale],
          ...PAGE_STRINGS[locale],
          ...EXPLORE_STRINGS[locale],
          ...REPORT_STRINGS[locale],
          ...LANDING_STRINGS[locale],
        },
      },
    ]),
  ),
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  initAsync: false,
  showSupportNotice: false,
  // Keys are flat strings with dots ('view.role.user'); React escapes what is interpolated.
  keySeparator: false,
  nsSeparator: false,
  interpolation: { escapeValue: false },
});

/** A translator that remembers strings without values: a page asks for the same labels hundreds of times. */
function memoized(locale: Locale): Translate {
  const t = i18n.getFixedT(locale);
  const plain = new Map<string, string>();
  return (key, values) => {
    if (values) return t(key, values);
    let text = plain.get(key);
    if (text === undefined) plain.set(key, (text = t(key)));
    return text;
  };
}

const translators = new Map<Locale, Translate>(LOCALES.map((locale) => [locale, memoized(locale)]));

export const translator = (locale: Locale): Translate => translators.get(locale)!;

/**
 * The best supported locale for an Accept-Language header, by quality; English when none fits.
 * @example negotiateLocale('de-CH, fr;q=0.8') // 'de'
 */
export function negotiateLocale(header: string | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  let best: Locale = DEFAULT_LOCALE;
  let bestQuality = 0;
  for (const entry of header.split(',').slice(0, 20)) {
    const [range = '', ...params] = entry.trim().split(';');
    const q = params.map((param) => /^\s*q=([0-9.]+)\s*$/i.exec(param)?.[1]).find(Boolean);
    const quality = q === undefined ? 1 : Number(q);
    const primary = range.trim().toLowerCase().split('-')[0] as Locale;
    if ((LOCALES as readonly string[]).includes(primary) && quality > bestQuality) {
      best = primary;
      bestQuality = quality;
    }
  }
  return best;
}

/** The front page to HTML (small, and per request: it depends on who is signed in). */
import { translator, type Locale } from './i18n.js';
import { LandingPage, type LandingView } from './LandingPage.js';
import { renderPlainPage } from './render.js';

export function renderLandingPage(view: LandingView, locale: Locale, publicUrl: string): string {
  const t = translator(locale);
  return renderPlainPage(
    {
      locale,
      title: t('landing.documentTitle'),
      description: t('landing.description'),
      robots: null,
      canonical: `${publicUrl}/`,
    },
    <LandingPage view={view} t={t} />,
  );
}

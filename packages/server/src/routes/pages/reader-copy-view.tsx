/**
 * The "Save a copy" page (`GET /s/:code/copy`): what will be saved, and the form that saves it.
 * Its own page rather than a form inside the conversation page, because that page is sent with
 * `Referrer-Policy: no-referrer`, under which browsers post forms with `Origin: null` and the
 * CSRF check (rightly) refuses them; this page allows the same-origin referrer its form needs.
 */
import { sharePath } from '@chatshare/core';
import type { Translate } from '@chatshare/react';
import { PASSWORD_REFERRER_POLICY, NOINDEX } from '../../render/security-headers.js';
import { Frame } from '../../views/Frame.js';
import { translator, type Locale } from '../../views/i18n.js';
import { renderPlainPage } from '../../views/render.js';

export interface CopyView {
  code: string;
  title: string;
  /** Without an account the reader signs in (or up) first, and the copy is saved after. */
  signedIn: boolean;
}

function CopyPage({ view, t }: { view: CopyView; t: Translate }) {
  return (
    <Frame t={t}>
      <section className="gate copy-page">
        <h1>{t('copy.title')}</h1>
        <p>{t('copy.intro', { title: view.title || t('view.untitled') })}</p>
        {view.signedIn ? null : <p>{t('copy.signInFirst')}</p>}
        <form className="copy-form" method="post" action={`${sharePath(view.code)}/copy`}>
          <div className="gate-row">
            <button type="submit">{view.signedIn ? t('copy.submit') : t('copy.submitSignIn')}</button>
            <a href={sharePath(view.code)}>{t('copy.cancel')}</a>
          </div>
        </form>
      </section>
    </Frame>
  );
}

export function renderCopyPage(view: CopyView, locale: Locale): string {
  const t = translator(locale);
  return renderPlainPage(
    {
      locale,
      title: t('page.documentTitle', { title: t('copy.title') }),
      robots: NOINDEX,
      referrer: PASSWORD_REFERRER_POLICY,
    },
    <CopyPage view={view} t={t} />,
  );
}

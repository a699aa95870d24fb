/**
 * The instance's front page: what the service does and the way in (sign in, create an account
 * where sign-up is open, or straight to the app for someone already signed in). No script;
 * the site bar matches the share pages', the footer points developers to the API.
 */
import type { Translate } from '@chatshare/react';
import { SiteBar } from './Frame.js';

export interface LandingView {
  signupEnabled: boolean;
  /** False: the instance allows private links only, and the page says so. */
  openSharing: boolean;
  signedIn: boolean;
}

const FEATURES = [
  { id: 'import', title: 'landing.import.title', body: 'landing.import.body' },
  { id: 'privacy', title: 'landing.privacy.title', body: 'landing.privacy.body' },
  { id: 'revoke', title: 'landing.revoke.title', body: 'landing.revoke.body' },
] as const;

function Actions({ view, t }: { view: LandingView; t: Translate }) {
  if (view.signedIn) {
    return (
      <p className="landing-actions">
        <a className="landing-button landing-button-primary" href="/app/conversations">
          {t('landing.openConversations')}
        </a>
      </p>
    );
  }
  return (
    <>
      <p className="landing-actions">
        {view.signupEnabled ? (
          <a className="landing-button landing-button-primary" href="/app/signup">
            {t('landing.createAccount')}
          </a>
        ) : null}
        <a
          className={`landing-button ${view.signupEnabled ? 'landing-button-secondary' : 'landing-button-primary'}`}
          href="/app/signin"
        >
          {t('landing.signIn')}
        </a>
      </p>
      {view.signupEnabled ? null : <p className="landing-note">{t('landing.signupClosed')}</p>}
    </>
  );
}

export function LandingPage({ view, t }: { view: LandingView; t: Translate }) {
  return (
    <div className="site landing">
      <SiteBar t={t} atHome />
      <main className="site-main landing-main">
        <section className="landing-hero" aria-labelledby="landing-title">
          <h1 id="landing-title">{t('landing.title')}</h1>
          <p className="landing-lead">{t('landing.lead')}</p>
          <Actions view={view} t={t} />
        </section>
        <section aria-labelledby="landing-features">
          <h2 id="landing-features" className="cs-visually-hidden">
            {t('landing.featuresLabel')}
          </h2>
          <ul className="landing-features">
            {FEATURES.map((feature) => (
              <li key={feature.id} className={`landing-feature landing-feature-${feature.id}`}>
                <h3>{t(feature.title)}</h3>
                <p>{t(feature.id === 'privacy' && !view.openSharing ? 'landing.privacy.privateOnly' : feature.body)}</p>
              </li>
            ))}
          </ul>
        </section>
      </main>
      <footer className="site-footer">
        <span>{t('landing.footerLabel')}</span>
        <span aria-hidden="true"> · </span>
        <a href="/api/docs">{t('landing.apiDocs')}</a>
      </footer>
    </div>
  );
}

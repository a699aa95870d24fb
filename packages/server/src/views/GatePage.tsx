/**
 * Pages shown instead of a conversation: not found (also for revoked and hidden private
 * links, so they look the same), expired, used up (a view-limited link), password needed,
 * the click-to-reveal step of a view-limited link, too many requests, and for the owner
 * alone, taken down by an admin (everyone else gets "not found").
 */
import { sharePath } from '@chatshare/core';
import type { Translate } from '@chatshare/react';
import { Frame } from './Frame.js';
import { GateMessage } from './GateMessage.js';

export type Gate =
  | { kind: 'not_found'; signInUrl: string }
  | { kind: 'expired' }
  | { kind: 'used_up' }
  | { kind: 'reveal'; code: string; viewsLeft: number }
  | { kind: 'password'; code: string; error: 'wrong_password' | 'rate_limited' | null }
  | { kind: 'rate_limited' }
  | { kind: 'taken_down'; reason: string };

function PasswordForm({
  code,
  error,
  t,
}: {
  code: string;
  error: 'wrong_password' | 'rate_limited' | null;
  t: Translate;
}) {
  return (
    <form className="gate-form" method="post" action={`${sharePath(code)}/unlock`}>
      <label htmlFor="cs-password">{t('gate.password.label')}</label>
      <div className="gate-row">
        <input
          id="cs-password"
          name="password"
          type="password"
          required
          autoComplete="current-password"
          autoFocus
          aria-invalid={error === 'wrong_password' ? true : undefined}
          aria-describedby={error ? 'cs-password-error' : undefined}
        />
        <button type="submit">{t('gate.password.submit')}</button>
      </div>
      {error ? (
        <p id="cs-password-error" className="gate-error" role="alert">
          {t(error === 'wrong_password' ? 'gate.password.wrong' : 'gate.password.rateLimited')}
        </p>
      ) : null}
    </form>
  );
}

/**
 * The reveal step: a plain form, so it works without JavaScript, and a POST, so nothing that
 * only fetches pages (unfurlers, prefetchers, crawlers) can use up a view.
 */
function RevealForm({ code, t }: { code: string; t: Translate }) {
  return (
    <form className="gate-form" method="post" action={`${sharePath(code)}/reveal`}>
      <button type="submit">{t('gate.reveal.submit')}</button>
    </form>
  );
}

const TITLES = {
  not_found: 'gate.notFound.title',
  expired: 'gate.expired.title',
  used_up: 'gate.usedUp.title',
  reveal: 'gate.reveal.title',
  password: 'gate.password.title',
  rate_limited: 'gate.rateLimited.title',
  taken_down: 'gate.takenDown.title',
} as const;

export const gateTitle = (gate: Gate, t: Translate) =>
  gate.kind === 'reveal' ? t(TITLES.reveal, { count: gate.viewsLeft }) : t(TITLES[gate.kind]);

export function GatePage({ gate, t }: { gate: Gate; t: Translate }) {
  return (
    <Frame t={t}>
      <section className={`gate gate-${gate.kind.replace('_', '-')}`}>
        <span className="gate-icon" aria-hidden="true" />
        <h1>{gateTitle(gate, t)}</h1>
        {gate.kind === 'not_found' ? (
          <GateMessage
            body={t('gate.notFound.body')}
            action={{ href: gate.signInUrl, label: t('gate.notFound.signIn') }}
          />
        ) : null}
        {gate.kind === 'expired' ? <p>{t('gate.expired.body')}</p> : null}
        {gate.kind === 'used_up' ? <p>{t('gate.usedUp.body')}</p> : null}
        {gate.kind === 'reveal' ? (
          <>
            <p>{t('gate.reveal.body')}</p>
            <RevealForm code={gate.code} t={t} />
          </>
        ) : null}
        {gate.kind === 'rate_limited' ? <p>{t('gate.rateLimited.body')}</p> : null}
        {gate.kind === 'taken_down' ? (
          <GateMessage
            body={t('gate.takenDown.body')}
            action={{ href: '/app/links', label: t('gate.takenDown.manage') }}
          >
            {gate.reason ? (
              <blockquote className="gate-reason">
                <p>{gate.reason}</p>
              </blockquote>
            ) : null}
          </GateMessage>
        ) : null}
        {gate.kind === 'password' ? (
          <>
            <p>{t('gate.password.body')}</p>
            <PasswordForm code={gate.code} error={gate.error} t={t} />
          </>
        ) : null}
      </section>
    </Frame>
  );
}

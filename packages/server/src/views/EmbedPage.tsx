/**
 * The embedded view (`/embed/:code`), shown in other sites' iframes: the conversation without
 * the site's frame, with a link to the full page; or a small panel when there is nothing to
 * show. No panel holds a form: a password is never typed into a frame on someone else's page.
 */
import { ConversationView, type PreparedConversation, type Translate, type ViewConversation } from '@chatshare/react';
import type { Locale } from './i18n.js';

export type EmbedGate =
  | { kind: 'not_found' }
  | { kind: 'expired' }
  | { kind: 'used_up' }
  | { kind: 'limited'; shareUrl: string }
  | { kind: 'password'; shareUrl: string }
  | { kind: 'rate_limited' }
  | { kind: 'disabled'; shareUrl: string };

const OpenLink = ({ href, label }: { href: string; label: string }) => (
  <a className="embed-open" href={href} target="_blank" rel="noopener noreferrer">
    {label}
  </a>
);

export interface EmbedConversationProps {
  conversation: ViewConversation;
  prepared: PreparedConversation;
  shareUrl: string;
  code: string;
  locale: Locale;
  t: Translate;
}

export function EmbedConversation({ conversation, prepared, shareUrl, code, locale, t }: EmbedConversationProps) {
  return (
    <div className="embed" data-code={code}>
      <ConversationView
        conversation={conversation}
        prepared={prepared}
        t={t}
        locale={locale}
        actions={<OpenLink href={shareUrl} label={t('embed.open')} />}
      />
    </div>
  );
}

const GATE_TEXT: Record<EmbedGate['kind'], [title: string, body: string]> = {
  not_found: ['gate.notFound.title', 'embed.notFound.body'],
  expired: ['gate.expired.title', 'gate.expired.body'],
  used_up: ['gate.usedUp.title', 'gate.usedUp.body'],
  // A view-limited link is opened on its own page, behind its reveal step: a frame loads
  // without a click, and the step's form would be typed into someone else's page.
  limited: ['preview.limited.title', 'embed.limited.body'],
  password: ['gate.password.title', 'embed.password.body'],
  rate_limited: ['gate.rateLimited.title', 'gate.rateLimited.body'],
  disabled: ['embed.disabled.title', 'embed.disabled.body'],
};

export const embedGateTitle = (gate: EmbedGate, t: Translate) => t(GATE_TEXT[gate.kind][0]);

export function EmbedGatePage({ gate, code, t }: { gate: EmbedGate; code: string; t: Translate }) {
  const [, body] = GATE_TEXT[gate.kind];
  return (
    <div className="embed embed-gate" data-code={code}>
      <section className={`gate gate-${gate.kind.replace('_', '-')}`}>
        <span className="gate-icon" aria-hidden="true" />
        <h1>{embedGateTitle(gate, t)}</h1>
        <p>{t(body)}</p>
        {gate.kind === 'password' || gate.kind === 'limited' ? (
          <OpenLink href={gate.shareUrl} label={t('embed.open')} />
        ) : null}
        {gate.kind === 'disabled' ? <OpenLink href={gate.shareUrl} label={t('embed.disabled.open')} /> : null}
      </section>
    </div>
  );
}

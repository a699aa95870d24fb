/**
 * Share pages to HTML. A conversation page is rendered once into a PageBody (everything but
 * the nonce of its one script), so the cache can serve it again with a fresh nonce; gate
 * pages are small and rendered per request.
 */
import { createHash } from 'node:crypto';
import { prepareConversation, type ViewConversation } from '@chatshare/react';
import { renderToString } from 'react-dom/server';
import { KATEX_STYLESHEET, VIEWER_STYLESHEET } from '../render/assets.js';
import { PageBody } from '../render/page-body.js';
import { NOINDEX, PASSWORD_REFERRER_POLICY } from '../render/security-headers.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { Document } from './Document.js';
import { GatePage, gateTitle, type Gate } from './GatePage.js';
import { translator, type Locale } from './i18n.js';
import { SharePage } from './SharePage.js';

const DOCTYPE = '<!DOCTYPE html>';
const END = '</body></html>';

export interface RenderedPage {
  body: PageBody;
  /** SHA-256 (base64) of inline styles, for the page's CSP. */
  styleHashes: string[];
}

export interface ConversationPageInput {
  conversation: ViewConversation;
  locale: Locale;
  /** The public address of the page (PUBLIC_URL + /s/code). */
  shareUrl: string;
  indexable: boolean;
}

export function renderConversationPage({
  conversation,
  locale,
  shareUrl,
  indexable,
}: ConversationPageInput): RenderedPage {
  const t = translator(locale);
  const prepared = prepareConversation(conversation, t);
  const html = renderToString(
    <Document
      locale={locale}
      title={t('page.documentTitle', { title: conversation.title || t('view.untitled') })}
      robots={indexable ? null : NOINDEX}
      canonical={shareUrl}
      stylesheets={prepared.hasMath ? [VIEWER_STYLESHEET.path, KATEX_STYLESHEET] : [VIEWER_STYLESHEET.path]}
      inlineStyle={prepared.mathCss || undefined}
    >
      <SharePage conversation={conversation} prepared={prepared} shareUrl={shareUrl} locale={locale} t={t} />
    </Document>,
  );
  if (!html.endsWith(END)) throw new Error('The page document must end with </body></html>.');
  // The script goes last, so the bytes before its nonce are the whole page and compress once.
  const prefix = `${DOCTYPE}${html.slice(0, -END.length)}<script nonce="`;
  const suffix = `">${CLIENT_SCRIPT}</script>${END}`;
  return {
    body: new PageBody(Buffer.from(prefix), Buffer.from(suffix)),
    styleHashes: prepared.mathCss ? [createHash('sha256').update(prepared.mathCss).digest('base64')] : [],
  };
}

/** A not-found, expired, password or rate-limit page. */
export function renderGatePage(gate: Gate, locale: Locale): string {
  const t = translator(locale);
  return (
    DOCTYPE +
    renderToString(
      <Document
        locale={locale}
        title={t('page.documentTitle', { title: gateTitle(gate, t) })}
        robots={NOINDEX}
        stylesheets={[VIEWER_STYLESHEET.path]}
        referrer={gate.kind === 'password' ? PASSWORD_REFERRER_POLICY : 'no-referrer'}
      >
        <GatePage gate={gate} t={t} />
      </Document>,
    )
  );
}

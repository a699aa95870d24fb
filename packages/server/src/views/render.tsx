/**
 * Share pages to HTML. A conversation page is rendered once into a PageBody (everything but
 * the nonce of its one script), so the cache can serve it again with a fresh nonce; gate
 * pages are small and rendered per request.
 */
import { createHash } from 'node:crypto';
import {
  prepareConversation,
  type PreparedConversation,
  type Translate,
  type ViewConversation,
} from '@chatshare/react';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { KATEX_STYLESHEET, VIEWER_STYLESHEET } from '../render/assets.js';
import { PageBody } from '../render/page-body.js';
import { NOINDEX, PASSWORD_REFERRER_POLICY } from '../render/security-headers.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { Document, type DocumentProps } from './Document.js';
import { EMBED_SCRIPT } from './embed-script.js';
import { EmbedConversation, EmbedGatePage, embedGateTitle, type EmbedGate } from './EmbedPage.js';
import { GatePage, gateTitle, type Gate } from './GatePage.js';
import { translator, type Locale } from './i18n.js';
import type { PreviewMeta } from './preview.js';
import { ReportPage, reportTitle, type ReportView } from './ReportPage.js';
import { SharePage } from './SharePage.js';
import { VerifyPage, verifyTitle, type VerifyResult } from './VerifyPage.js';

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
  /** Where the footer's "Report" link goes; none on the owner's own page. */
  reportUrl?: string | null;
  indexable: boolean;
  /** Link-preview tags; the routes always give them, benchmarks and tests may not. */
  preview?: PreviewMeta;
}

/** The rendered document split before its one script's nonce; the script goes last. */
function splitAtScript(html: string, script: string, mathCss: string): RenderedPage {
  if (!html.endsWith(END)) throw new Error('The page document must end with </body></html>.');
  // The script goes last, so the bytes before its nonce are the whole page and compress once.
  const prefix = `${DOCTYPE}${html.slice(0, -END.length)}<script nonce="`;
  const suffix = `">${script}</script>${END}`;
  return {
    body: new PageBody(Buffer.from(prefix), Buffer.from(suffix)),
    styleHashes: mathCss ? [createHash('sha256').update(mathCss).digest('base64')] : [],
  };
}

const stylesheetsFor = (hasMath: boolean) =>
  hasMath ? [VIEWER_STYLESHEET.path, KATEX_STYLESHEET] : [VIEWER_STYLESHEET.path];

type ScriptedDocument = Omit<
  DocumentProps,
  'locale' | 'title' | 'canonical' | 'stylesheets' | 'inlineStyle' | 'children'
>;

/** What the page's and the embed's body both show: the conversation, ready to render. */
interface ConversationBody {
  conversation: ViewConversation;
  prepared: PreparedConversation;
  shareUrl: string;
  locale: Locale;
  t: Translate;
}

/**
 * A conversation in its document (titled after it, canonical at its share address, with the
 * math stylesheet when it has math), rendered and split before `script`: the page and the
 * embed differ only in some of the document's tags, the body component and their script.
 */
function renderConversationDocument(
  { conversation, locale, shareUrl }: { conversation: ViewConversation; locale: Locale; shareUrl: string },
  document: ScriptedDocument,
  body: (view: ConversationBody) => ReactNode,
  script: string,
): RenderedPage {
  const t = translator(locale);
  const prepared = prepareConversation(conversation, t);
  const html = renderToString(
    <Document
      {...document}
      locale={locale}
      title={t('page.documentTitle', { title: conversation.title || t('view.untitled') })}
      canonical={shareUrl}
      stylesheets={stylesheetsFor(prepared.hasMath)}
      inlineStyle={prepared.mathCss || undefined}
    >
      {body({ conversation, prepared, shareUrl, locale, t })}
    </Document>,
  );
  return splitAtScript(html, script, prepared.mathCss);
}

export function renderConversationPage({
  reportUrl = null,
  indexable,
  preview,
  ...page
}: ConversationPageInput): RenderedPage {
  return renderConversationDocument(
    page,
    { robots: indexable ? null : NOINDEX, ...(preview ? { preview } : {}) },
    (view) => <SharePage {...view} reportUrl={reportUrl} />,
    CLIENT_SCRIPT,
  );
}

/**
 * A small page without a script, rendered per request (gates, report, explore): the document
 * with the viewer stylesheet around `body`.
 */
export function renderPlainPage(document: Omit<DocumentProps, 'stylesheets' | 'children'>, body: ReactNode): string {
  return (
    DOCTYPE +
    renderToString(
      <Document {...document} stylesheets={[VIEWER_STYLESHEET.path]}>
        {body}
      </Document>,
    )
  );
}

/** A not-found, expired, password or rate-limit page, with a generic preview when given. */
export function renderGatePage(gate: Gate, locale: Locale, preview?: PreviewMeta): string {
  const t = translator(locale);
  return renderPlainPage(
    {
      locale,
      title: t('page.documentTitle', { title: gateTitle(gate, t) }),
      robots: NOINDEX,
      referrer: gate.kind === 'password' || gate.kind === 'reveal' ? PASSWORD_REFERRER_POLICY : 'no-referrer',
      ...(preview ? { preview } : {}),
    },
    <GatePage gate={gate} t={t} />,
  );
}

export interface EmbedPageInput {
  conversation: ViewConversation;
  locale: Locale;
  code: string;
  shareUrl: string;
}

/** The embedded view of a conversation, split at its script's nonce like the page. */
export function renderEmbedPage({ code, ...page }: EmbedPageInput): RenderedPage {
  return renderConversationDocument(
    page,
    { robots: NOINDEX, baseTarget: '_blank' },
    (view) => <EmbedConversation {...view} code={code} />,
    EMBED_SCRIPT,
  );
}

/** A panel for an embed with nothing to show; `code` is echoed only when it is a valid code. */
export function renderEmbedGate(gate: EmbedGate, locale: Locale, code: string, nonce: string): string {
  const t = translator(locale);
  const html = renderToString(
    <Document
      locale={locale}
      title={t('page.documentTitle', { title: embedGateTitle(gate, t) })}
      robots={NOINDEX}
      stylesheets={[VIEWER_STYLESHEET.path]}
      baseTarget="_blank"
    >
      <EmbedGatePage gate={gate} code={code} t={t} />
    </Document>,
  );
  return `${DOCTYPE}${html.slice(0, -END.length)}<script nonce="${nonce}">${EMBED_SCRIPT}</script>${END}`;
}

/** The report form, its thank-you page, or the owner's "this is your own link". */
export function renderReportPage(view: ReportView, locale: Locale): string {
  const t = translator(locale);
  return renderPlainPage(
    {
      locale,
      title: t('page.documentTitle', { title: reportTitle(view, t) }),
      robots: NOINDEX,
      // The form's POST must carry an Origin for the CSRF check (see PASSWORD_REFERRER_POLICY).
      referrer: PASSWORD_REFERRER_POLICY,
    },
    <ReportPage view={view} t={t} />,
  );
}

/** The page of the link in the verification mail: confirmed, or the link does not work. */
export function renderVerifyPage(result: VerifyResult, locale: Locale): string {
  const t = translator(locale);
  return renderPlainPage(
    { locale, title: t('page.documentTitle', { title: verifyTitle(result, t) }), robots: NOINDEX },
    <VerifyPage result={result} t={t} />,
  );
}

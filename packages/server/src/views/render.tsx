/**
 * Share pages to HTML. A conversation page (and its embed) is rendered once per version into
 * markup whose one script is allowed by hash, so the same bytes serve every reader (see
 * render/conversation-pages.ts); gate pages are small and rendered per request.
 */
import {
  prepareConversation,
  type PreparedConversation,
  type Translate,
  type ViewConversation,
} from '@chatshare/react';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { KATEX_STYLESHEET, VIEWER_STYLESHEET } from '../render/assets.js';
import { NOINDEX, PASSWORD_REFERRER_POLICY, sha256Of } from '../render/security-headers.js';
import { CLIENT_SCRIPT } from './client-script.js';
import { Document, type DocumentProps } from './Document.js';
import { EMBED_SCRIPT } from './embed-script.js';
import { EmbedConversation, EmbedGatePage, embedGateTitle, type EmbedGate } from './EmbedPage.js';
import { GatePage, gateTitle, type Gate } from './GatePage.js';
import { translator, type Locale } from './i18n.js';
import type { PreviewMeta } from './preview.js';
import { ReportPage, reportTitle, type ReportView } from './ReportPage.js';
import { SharePage, type ImageForm } from './SharePage.js';
import { VerifyPage, verifyTitle, type VerifyResult } from './VerifyPage.js';

const DOCTYPE = '<!DOCTYPE html>';
const END = '</body></html>';

/** A conversation page or embed as HTML, with what its CSP must allow. */
export interface PageMarkup {
  html: string;
  /** SHA-256 (base64) of its one inline script. */
  scriptHashes: string[];
  /** SHA-256 (base64) of its inline styles (the math stylesheet). */
  styleHashes: string[];
}

const CLIENT_SCRIPT_HASH = sha256Of(CLIENT_SCRIPT);
const EMBED_SCRIPT_HASH = sha256Of(EMBED_SCRIPT);
/** What the CSP of an embed panel (which has the embed's script) must allow. */
export const EMBED_SCRIPT_HASHES: readonly string[] = [EMBED_SCRIPT_HASH];

export interface ConversationPageInput {
  conversation: ViewConversation;
  locale: Locale;
  /** The public address of the page (PUBLIC_URL + /s/code). */
  shareUrl: string;
  /** Where the footer's "Report" link goes; none on the owner's own page. */
  reportUrl?: string | null;
  /** The "Save a copy" page; none where the link offers no copies. */
  copyUrl?: string | null;
  /** The form that makes an image of chosen messages; none for a view-limited link. */
  image?: ImageForm | null;
  indexable: boolean;
  /** Link-preview tags; the routes always give them, benchmarks and tests may not. */
  preview?: PreviewMeta;
}

/** The rendered document with its one script last, where it runs after the content is there. */
function withScript(html: string, script: { text: string; hash: string }, mathCss: string): PageMarkup {
  if (!html.endsWith(END)) throw new Error('The page document must end with </body></html>.');
  return {
    html: `${DOCTYPE}${html.slice(0, -END.length)}<script>${script.text}</script>${END}`,
    scriptHashes: [script.hash],
    styleHashes: mathCss ? [sha256Of(mathCss)] : [],
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
 * math stylesheet when it has math), rendered with `script` last: the page and the
 * embed differ only in some of the document's tags, the body component and their script.
 */
function renderConversationDocument(
  { conversation, locale, shareUrl }: { conversation: ViewConversation; locale: Locale; shareUrl: string },
  document: ScriptedDocument,
  body: (view: ConversationBody) => ReactNode,
  script: { text: string; hash: string },
): PageMarkup {
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
  return withScript(html, script, prepared.mathCss);
}

export function renderConversationPage({
  reportUrl = null,
  copyUrl = null,
  image = null,
  indexable,
  preview,
  ...page
}: ConversationPageInput): PageMarkup {
  return renderConversationDocument(
    page,
    { robots: indexable ? null : NOINDEX, ...(preview ? { preview } : {}) },
    (view) => <SharePage {...view} reportUrl={reportUrl} copyUrl={copyUrl} image={image} />,
    { text: CLIENT_SCRIPT, hash: CLIENT_SCRIPT_HASH },
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

/** The embedded view of a conversation, its script last like the page's. */
export function renderEmbedPage({ code, ...page }: EmbedPageInput): PageMarkup {
  return renderConversationDocument(
    page,
    { robots: NOINDEX, baseTarget: '_blank' },
    (view) => <EmbedConversation {...view} code={code} />,
    { text: EMBED_SCRIPT, hash: EMBED_SCRIPT_HASH },
  );
}

/** A panel for an embed with nothing to show; `code` is echoed only when it is a valid code. */
export function renderEmbedGate(gate: EmbedGate, locale: Locale, code: string): string {
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
  return `${DOCTYPE}${html.slice(0, -END.length)}<script>${EMBED_SCRIPT}</script>${END}`;
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

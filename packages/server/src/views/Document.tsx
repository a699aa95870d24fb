import type { ReactNode } from 'react';
import type { Locale } from './i18n.js';
import type { PreviewMeta } from './preview.js';
import { PreviewTags } from './PreviewTags.js';

export interface DocumentProps {
  locale: Locale;
  title: string;
  /** `<meta name="description">`, for pages that search engines may list. */
  description?: string;
  /** `noindex, nofollow` unless the page may be indexed. */
  robots: string | null;
  canonical?: string;
  stylesheets: string[];
  /** Inline CSS allowed by its hash in the page's CSP (KaTeX layout classes). */
  inlineStyle?: string;
  /** `same-origin` on pages with a form (see PASSWORD_REFERRER_POLICY); otherwise none at all. */
  referrer?: 'no-referrer' | 'same-origin';
  /** Link-preview tags (Open Graph, X card, oEmbed discovery). */
  preview?: PreviewMeta;
  /** `<base target>`: an embedded page opens its links outside the frame. */
  baseTarget?: '_blank';
  children: ReactNode;
}

/** The HTML document around every share page. */
export function Document({
  locale,
  title,
  description,
  robots,
  canonical,
  stylesheets,
  inlineStyle,
  referrer = 'no-referrer',
  preview,
  baseTarget,
  children,
}: DocumentProps) {
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="referrer" content={referrer} />
        {/* No favicon request: the pages have no icon of their own. */}
        <link rel="icon" href="data:," />
        {robots ? <meta name="robots" content={robots} /> : null}
        <title>{title}</title>
        {description ? <meta name="description" content={description} /> : null}
        {baseTarget ? <base target={baseTarget} /> : null}
        {preview ? <PreviewTags preview={preview} /> : null}
        {canonical ? <link rel="canonical" href={canonical} /> : null}
        {stylesheets.map((href) => (
          <link key={href} rel="stylesheet" href={href} />
        ))}
        {inlineStyle ? <style dangerouslySetInnerHTML={{ __html: inlineStyle }} /> : null}
      </head>
      <body>{children}</body>
    </html>
  );
}

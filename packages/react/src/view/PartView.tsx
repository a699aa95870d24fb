/** One part of a message: text, code, reasoning, a tool call or result, an image or a missing file. */
import { isSafeImageSrc, LINK_REL, safeLinkHref } from '../markdown/index.js';
import { Html } from './Html.js';
import type { PreparedPart } from './prepare.js';
import type { Translate } from './strings.js';

function Collapsible({ className, summary, html }: { className: string; summary: string; html: string }) {
  return (
    <details className={className}>
      <summary>{summary}</summary>
      <Html html={html} />
    </details>
  );
}

function ImagePart({ src, alt, t }: { src: string; alt: string | undefined; t: Translate }) {
  if (isSafeImageSrc(src)) {
    return (
      <figure className="cs-image">
        <img src={src} alt={alt ?? ''} loading="lazy" decoding="async" />
      </figure>
    );
  }
  const href = safeLinkHref(src);
  // A remote image is never loaded; the reader gets a link instead.
  if (href) {
    return (
      <p className="cs-placeholder cs-placeholder-image">
        <a href={href} rel={LINK_REL}>
          {t('view.remoteImage', { label: alt || href })}
        </a>
      </p>
    );
  }
  return (
    <p className="cs-placeholder cs-placeholder-image">
      {t('view.imageMissing')}
      {alt ? `: ${alt}` : ''}
    </p>
  );
}

export function PartView({ prepared, t }: { prepared: PreparedPart; t: Translate }) {
  const { part, html = '' } = prepared;
  switch (part.type) {
    case 'text':
    case 'code':
      return <Html html={html} />;
    case 'reasoning':
      return <Collapsible className="cs-reasoning" summary={t('view.reasoning')} html={html} />;
    case 'tool_call':
      return <Collapsible className="cs-tool" summary={t('view.toolCall', { name: part.name })} html={html} />;
    case 'tool_result':
      return (
        <Collapsible
          className="cs-tool"
          summary={part.name ? t('view.toolResultNamed', { name: part.name }) : t('view.toolResult')}
          html={html}
        />
      );
    case 'image':
      return <ImagePart src={part.src} alt={part.alt} t={t} />;
    case 'attachment':
      return <p className="cs-placeholder cs-placeholder-file">{t('view.attachment', { name: part.name })}</p>;
  }
}

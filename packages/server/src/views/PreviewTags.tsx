import { OG_IMAGE, THEME_COLOR, type PreviewMeta } from './preview.js';

/**
 * The link-preview tags of a page's head: Open Graph (Facebook, LinkedIn, Slack, Discord),
 * the X card, the accent colour and oEmbed discovery. Rendered early in the head, as Slack
 * reads only the first 32 KB of a page.
 */
export function PreviewTags({ preview }: { preview: PreviewMeta }) {
  return (
    <>
      <meta property="og:title" content={preview.title} />
      <meta property="og:type" content="article" />
      <meta property="og:url" content={preview.url} />
      <meta property="og:description" content={preview.description} />
      <meta property="og:image" content={preview.image} />
      <meta property="og:image:type" content={OG_IMAGE.type} />
      <meta property="og:image:width" content={String(OG_IMAGE.width)} />
      <meta property="og:image:height" content={String(OG_IMAGE.height)} />
      <meta property="og:image:alt" content={preview.imageAlt} />
      <meta property="og:site_name" content={preview.siteName} />
      <meta property="og:locale" content={preview.locale} />
      {preview.alternateLocales.map((locale) => (
        <meta key={locale} property="og:locale:alternate" content={locale} />
      ))}
      <meta name="twitter:card" content="summary_large_image" />
      <meta name="twitter:title" content={preview.title} />
      <meta name="twitter:description" content={preview.description} />
      <meta name="twitter:image" content={preview.image} />
      <meta name="twitter:image:alt" content={preview.imageAlt} />
      <meta name="theme-color" content={THEME_COLOR} />
      {preview.oembed ? (
        <link rel="alternate" type="application/json+oembed" href={preview.oembed} title={preview.title} />
      ) : null}
    </>
  );
}

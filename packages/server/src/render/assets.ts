/**
 * Static files of the share pages, served by this server (never from a CDN): the viewer
 * stylesheet (the kit's tokens and CSS plus the page frame), named by content hash so it can be cached
 * forever, and KaTeX's stylesheet and fonts from the katex package, named by version.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { conversationStylesheetUrl } from '@chatshare/react/stylesheet-files';

// The server depends on the same KaTeX as the kit (one copy in node_modules): the kit renders
// the math, the server serves its stylesheet and fonts.
const require = createRequire(import.meta.url);
const katexStylesheetFile = require.resolve('katex/dist/katex.min.css');
const katexVersion = (require('katex/package.json') as { version: string }).version;

export const KATEX_DIR = path.dirname(katexStylesheetFile);
export const KATEX_PREFIX = `/assets/katex-${katexVersion}`;
export const KATEX_STYLESHEET = `${KATEX_PREFIX}/katex.min.css`;

/**
 * A stylesheet's text with each `@import './x.css';` of a file beside it written in (the kit's
 * stylesheets import their tokens), so the page loads one file and makes no other request.
 */
function readStylesheet(file: URL): string {
  return readFileSync(fileURLToPath(file), 'utf8').replace(/^@import '(\.{1,2}\/[^']+)';$/gm, (_, relative: string) =>
    readStylesheet(new URL(relative, file)),
  );
}

const viewerCss = Buffer.from(
  [
    conversationStylesheetUrl,
    new URL('../views/page.css', import.meta.url),
    new URL('../views/explore.css', import.meta.url),
    new URL('../views/landing.css', import.meta.url),
  ]
    .map(readStylesheet)
    .join('\n'),
);

export const VIEWER_STYLESHEET = {
  path: `/assets/viewer-${createHash('sha256').update(viewerCss).digest('hex').slice(0, 16)}.css`,
  body: viewerCss,
};

/** `Cache-Control` of files whose name changes whenever their content does. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

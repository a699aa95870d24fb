/**
 * Static files of the share pages, served by this server (never from a CDN): the viewer
 * stylesheet (the kit's CSS plus the page frame), named by content hash so it can be cached
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

const viewerCss = Buffer.concat([
  readFileSync(fileURLToPath(conversationStylesheetUrl)),
  Buffer.from('\n'),
  readFileSync(fileURLToPath(new URL('../views/page.css', import.meta.url))),
  Buffer.from('\n'),
  readFileSync(fileURLToPath(new URL('../views/explore.css', import.meta.url))),
  Buffer.from('\n'),
  readFileSync(fileURLToPath(new URL('../views/landing.css', import.meta.url))),
]);

export const VIEWER_STYLESHEET = {
  path: `/assets/viewer-${createHash('sha256').update(viewerCss).digest('hex').slice(0, 16)}.css`,
  body: viewerCss,
};

/** `Cache-Control` of files whose name changes whenever their content does. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

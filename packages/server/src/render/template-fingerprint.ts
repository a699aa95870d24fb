/**
 * What the stored pages were drawn with: a hash of a fixed sample conversation (every kind of
 * part, markdown, code, math, names) drawn as the page, the owner's page and the embed in every
 * language, plus PAGE_FORMAT. It is part of every page's render key
 * (conversation-pages.ts), so after an upgrade that changes how pages look, no page drawn by
 * the older code is served: each is drawn again on its next view. Drawn once per process, on
 * first use, in a few milliseconds.
 */
import { createHash } from 'node:crypto';
import type { ViewConversation } from '@chatshare/react';
import { LOCALES } from '../views/i18n.js';
import { renderConversationPage, renderEmbedPage } from '../views/render.js';

const SAMPLE: ViewConversation = {
  title: 'Sample *title* <b>',
  sharedAt: '2026-01-01T00:00:00.000Z',
  sharedBy: 'Sample Name',
  messages: [
    {
      id: 'u',
      role: 'user',
      author: 'Someone',
      createdAt: '2026-01-01T00:00:00.000Z',
      parts: [
        {
          type: 'text',
          text: '# Heading\n\n**bold** _em_ `code` [link](https://example.com)\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [x] done\n\n$x^2$ and $$\\int_0^1 f$$',
        },
        { type: 'image', src: 'data:image/png;base64,iVBORw0KGgo=', alt: 'alt' },
        { type: 'attachment', name: 'file.pdf', mediaType: 'application/pdf' },
      ],
    },
    {
      id: 'a',
      role: 'assistant',
      model: 'model-x',
      status: 'incomplete',
      parts: [
        { type: 'reasoning', text: 'Thinking **aloud**.' },
        { type: 'code', language: 'python', text: 'def f(x):\n    return x * 2  # comment' },
        { type: 'tool_call', name: 'search', input: { query: 'q', n: 1 } },
        { type: 'tool_result', name: 'search', output: 'result' },
        { type: 'text', text: '```ts\nconst a: number = 1;\n```\n\n> quote' },
      ],
    },
    { id: 's', role: 'system', parts: [{ type: 'text', text: 'system' }] },
  ],
};

/**
 * Raised by hand when something of a page the sample does not show changes (the link-preview
 * tags, which are drawn from the share itself).
 */
const PAGE_FORMAT = '1';

let fingerprint: string | undefined;

export function templateFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash('sha256').update(PAGE_FORMAT);
  for (const locale of LOCALES) {
    const page = { conversation: SAMPLE, locale, shareUrl: 'https://sample.invalid/s/SAMPLE', indexable: true };
    // Every item a reader's page may have: "Report", "Save a copy" and the image form.
    const image = { action: '/s/SAMPLE/image.png', version: '1-sample', messageCount: 2 };
    hash.update(
      renderConversationPage({ ...page, reportUrl: '/s/SAMPLE/report', copyUrl: '/s/SAMPLE/copy', image }).html,
    );
    hash.update(renderConversationPage(page).html);
    hash.update(renderEmbedPage({ ...page, code: 'SAMPLE' }).html);
  }
  fingerprint = hash.digest('base64url').slice(0, 16);
  return fingerprint;
}

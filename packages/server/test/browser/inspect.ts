/**
 * Checks shared by the browser tests of hostile content: what a rendered page holds that it
 * must not, and that nothing announced itself while it loaded.
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PageEvents } from './browser.js';

export interface InspectOptions {
  /** Elements the page must not contain, as one selector. */
  embedded: string;
  /** Which links are fine: any web or mail link, or only this site's own pages. */
  links: 'web' | 'same-origin';
}

/** Runs inside the page, so it is self-contained. */
const inPage = ({ embedded, links }: InspectOptions) => {
  const handlers: string[] = [];
  for (const element of document.querySelectorAll('*')) {
    for (const attribute of element.attributes) {
      if (/^on/i.test(attribute.name)) handlers.push(`${element.tagName} ${attribute.name}`);
    }
  }
  const allowed = (href: string) =>
    links === 'web' ? /^(https?|mailto):/i.test(href) : href.startsWith(`${location.origin}/`);
  return {
    handlers,
    scripts: document.scripts.length,
    styled: document.querySelectorAll('[style]').length,
    embedded: document.querySelectorAll(embedded).length,
    forms: document.forms.length,
    links: [...document.querySelectorAll('a[href]')]
      .map((link) => (link as HTMLAnchorElement).href)
      .filter((href) => !allowed(href)),
    images: [...document.images]
      .map((image) => image.getAttribute('src') ?? '')
      .filter((src) => !/^data:image\//.test(src)),
    marks: [...document.querySelectorAll('mark')].filter((mark) => mark.children.length > 0).length,
  };
};

/**
 * What a rendered page holds that it must not: event handlers, scripts, styles, embedded
 * elements, forms, foreign links, images not inline, and marks with markup inside.
 * @example const { handlers } = await inspectPage(page, { embedded: 'iframe, object', links: 'web' });
 */
export const inspectPage = (page: Page, options: InspectOptions) => page.evaluate(inPage, options);

/** Nothing ran: no hooked call or canary, no dialog, no CSP violation, no page error. */
export function expectQuiet(events: PageEvents): void {
  expect(events.calls).toEqual([]);
  expect(events.dialogs).toEqual([]);
  expect(events.violations).toEqual([]);
  expect(events.errors).toEqual([]);
}

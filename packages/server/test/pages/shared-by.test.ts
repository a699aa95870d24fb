/**
 * "Shared by <name>" on a link with "Show my name": on the page, the embed and the Markdown,
 * as text only, read when the link is viewed (a changed name shows at once, cached page or
 * not), and never on a link without it. Previews (og tags, card, oEmbed) carry no name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { parseHead } from '../og/helpers.js';
import { getPage, shareOf } from './helpers.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
});
afterAll(() => t.close());

const setName = async (name: string | null, user = owner) => {
  const response = await call(t.app, 'PATCH', '/api/v1/me', { auth: user.bearer, body: { name } });
  expect(response.statusCode).toBe(200);
};
const patchShare = (id: string, body: Record<string, unknown>) =>
  call(t.app, 'PATCH', `/api/v1/shares/${id}`, { auth: owner.bearer, body });

/** The header's line under the title, as a reader sees it: tags dropped, entities decoded. */
function metaLine(html: string): string {
  const line = /<p class="cs-meta">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
  return line
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The snapshot is taken at the test clock's start, 2026-06-01. */
const SHARED_ON = 'June 1, 2026';

describe('the page of a link with "Show my name"', () => {
  it('says who shared it, with the date, in the header', async () => {
    await setName('Ada Lovelace');
    const share = await shareOf(t, owner, { showAuthor: true });
    const response = await getPage(t, share.shortCode);
    expect(response.statusCode).toBe(200);
    expect(metaLine(response.body)).toBe(
      `2 messages · Shared by Ada Lovelace on ${SHARED_ON} · messages after this were not shared`,
    );
    expect(response.body).toContain(`Shared by <span class="cs-shared-by">Ada Lovelace</span> on ${SHARED_ON}</time>`);
  });

  it('says it in the reader’s language', async () => {
    await setName('Ada Lovelace');
    const share = await shareOf(t, owner, { showAuthor: true });
    const response = await getPage(t, share.shortCode, { headers: { 'accept-language': 'de' } });
    expect(metaLine(response.body)).toContain('Geteilt von Ada Lovelace am 1. Juni 2026');
  });

  it('shows the name as text: markup, template braces and i18next nesting stay as typed', async () => {
    const hostile = '<img src=x onerror=alert(1)> {{date}} $t(view.untitled) &amp;';
    await setName(hostile);
    const share = await shareOf(t, owner, { showAuthor: true });
    const html = (await getPage(t, share.shortCode)).body;
    expect(metaLine(html)).toContain(`Shared by ${hostile} on ${SHARED_ON}`);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain(
      '<span class="cs-shared-by">&lt;img src=x onerror=alert(1)&gt; {{date}} $t(view.untitled) &amp;amp;</span>',
    );
    expect(/<p class="cs-meta">[\s\S]*?<\/p>/.exec(html)?.[0]).not.toMatch(/<img/);
  });

  it('shows the new name at the next view after a change, though the page was cached, and none once cleared', async () => {
    await setName('Before Change');
    const share = await shareOf(t, owner, { showAuthor: true });
    const first = await getPage(t, share.shortCode);
    // The second answer comes from the page cache (same ETag, same bytes).
    const cached = await getPage(t, share.shortCode);
    expect(cached.headers.etag).toBe(first.headers.etag);
    expect(metaLine(cached.body)).toContain('Shared by Before Change');

    await setName('After Change');
    const changed = await getPage(t, share.shortCode);
    expect(metaLine(changed.body)).toContain('Shared by After Change');
    expect(changed.body).not.toContain('Before Change');
    // A browser revalidating its copy gets the new page, not a 304.
    expect(changed.headers.etag).not.toBe(first.headers.etag);
    const revalidated = await getPage(t, share.shortCode, { headers: { 'if-none-match': String(first.headers.etag) } });
    expect(revalidated.statusCode).toBe(200);

    await setName(null);
    const cleared = await getPage(t, share.shortCode);
    expect(metaLine(cleared.body)).toBe(`2 messages · Shared on ${SHARED_ON} · messages after this were not shared`);
    expect(cleared.body).not.toContain('After Change');
  });

  it('shows the name to the owner on their own page too', async () => {
    await setName('Owner Name');
    const share = await shareOf(t, owner, { showAuthor: true });
    const own = await getPage(t, share.shortCode, { auth: owner.session });
    expect(metaLine(own.body)).toContain('Shared by Owner Name');
  });

  it('says nothing of a sharer without a name', async () => {
    const nameless = await signUp(t.app);
    const share = await shareOf(t, nameless, { showAuthor: true });
    expect(metaLine((await getPage(t, share.shortCode)).body)).not.toContain('Shared by');
  });
});

describe('a link without "Show my name"', () => {
  it('never shows the name, on the page, the embed or the Markdown', async () => {
    await setName('Secret Sharer');
    const share = await shareOf(t, owner, { showAuthor: false });
    const page = await getPage(t, share.shortCode);
    expect(metaLine(page.body)).toBe(`2 messages · Shared on ${SHARED_ON} · messages after this were not shared`);
    for (const response of [
      page,
      await getPage(t, `/embed/${share.shortCode}`),
      await getPage(t, `/s/${share.shortCode}.md`),
    ]) {
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('Secret Sharer');
      expect(response.body).not.toContain('Shared by');
    }
  });

  it('loses the name as soon as the owner turns it off, and gets it back when turned on again', async () => {
    await setName('Toggled Name');
    const share = await shareOf(t, owner, { showAuthor: true });
    expect(metaLine((await getPage(t, share.shortCode)).body)).toContain('Shared by Toggled Name');
    expect((await patchShare(share.settings.id, { showAuthor: false })).statusCode).toBe(200);
    const off = await getPage(t, share.shortCode);
    expect(off.body).not.toContain('Toggled Name');
    expect((await patchShare(share.settings.id, { showAuthor: true })).statusCode).toBe(200);
    expect(metaLine((await getPage(t, share.shortCode)).body)).toContain('Shared by Toggled Name');
  });
});

describe('the embed and the Markdown of a link with "Show my name"', () => {
  it('the embed says who shared it like the page, and follows a change of name', async () => {
    await setName('Embed Sharer');
    const share = await shareOf(t, owner, { showAuthor: true });
    const embed = await getPage(t, `/embed/${share.shortCode}`);
    expect(embed.statusCode).toBe(200);
    expect(metaLine(embed.body)).toContain(`Shared by Embed Sharer on ${SHARED_ON}`);
    await getPage(t, `/embed/${share.shortCode}`);
    await setName('Embed Renamed');
    const renamed = await getPage(t, `/embed/${share.shortCode}`);
    expect(metaLine(renamed.body)).toContain('Shared by Embed Renamed');
    expect(renamed.body).not.toContain('Embed Sharer');
  });

  it('the Markdown says it too, with markup in the name escaped', async () => {
    await setName('Ada *Lovelace* <b> {{date}} $&');
    const share = await shareOf(t, owner, { showAuthor: true });
    const markdown = (await getPage(t, `/s/${share.shortCode}.md`)).body;
    expect(markdown.split('\n')[2]).toBe(
      `2 messages · Shared by Ada \\*Lovelace\\* \\<b\\> {{date}} $& on ${SHARED_ON} · messages after this were not shared  `,
    );
  });
});

describe('link previews', () => {
  it('carry no name, whether the link shows it or not, and do not change with it', async () => {
    await setName('Preview Person');
    const shown = await shareOf(t, owner, { showAuthor: true });
    const hidden = await shareOf(t, owner, { showAuthor: false });
    for (const share of [shown, hidden]) {
      const head = parseHead((await getPage(t, share.shortCode)).body);
      expect(head.allText).not.toContain('Preview Person');
      const oembed = await call(t.app, 'GET', `/oembed?url=${encodeURIComponent(share.shareUrl)}&format=json`);
      expect(oembed.statusCode).toBe(200);
      expect(oembed.body).not.toContain('Preview Person');
      expect(oembed.json().author_name).toBeUndefined();
    }
    const before = parseHead((await getPage(t, shown.shortCode)).body).one('og:image');
    await setName('Preview Renamed');
    expect(parseHead((await getPage(t, shown.shortCode)).body).one('og:image')).toBe(before);
  });
});

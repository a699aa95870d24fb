/**
 * Link previews of the share pages, checked against the platforms' rules
 * (shared/corpora/OG_OEMBED.md): the four required Open Graph tags, absolute URLs from
 * PUBLIC_URL, image size and type, X's lengths, and generic cards for every locked link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardText, type CardData } from '../../src/og/card.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildConversation, call, signUp, type TestUser } from '../helpers/api.js';
import { parseHead, pathOf, pngSize, type Head } from '../og/helpers.js';
import { getPage, shareOf } from './helpers.js';
import { revealPage } from './reveal-helpers.js';

const PUBLIC_URL = 'https://chat.example.com';
let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp({ publicUrl: PUBLIC_URL });
  owner = await signUp(t.app);
});
afterAll(() => t.close());

/** A conversation whose every word can be looked for in a preview. */
const SECRET_WORDS = ['Zanzibarquest', 'Quokkafeather', 'Marzipanorama', 'Lisbon'];
const secretConversation = () =>
  buildConversation({
    title: 'Zanzibarquest planning notes',
    messages: [
      {
        id: 'u-1',
        parentId: null,
        role: 'user',
        parts: [{ type: 'text', text: 'Tell me about **Quokkafeather** islands near Lisbon.' }],
      },
      { id: 'a-1', parentId: 'u-1', role: 'assistant', parts: [{ type: 'text', text: 'Marzipanorama awaits.' }] },
    ],
    currentLeafId: 'a-1',
  });

const expectNoContent = (text: string) => {
  for (const word of SECRET_WORDS) expect(text).not.toContain(word);
};

/** Every rule a preview must meet, whatever it shows. */
function expectValidPreview(head: Head, url: string) {
  // ogp.me: the four required properties, once each.
  for (const key of ['og:title', 'og:type', 'og:image', 'og:url']) expect(head.meta.get(key)).toHaveLength(1);
  expect(head.one('og:type')).toBe('article');
  expect(head.one('og:url')).toBe(url);
  const image = new URL(head.one('og:image'));
  expect(image.origin).toBe(PUBLIC_URL);
  expect(head.one('og:image:width')).toBe('1200');
  expect(head.one('og:image:height')).toBe('630');
  expect(head.one('og:image:type')).toBe('image/png');
  expect(head.one('og:image:alt').length).toBeGreaterThan(0);
  expect(head.one('og:site_name')).toBe('chat.example.com');
  expect(head.one('og:locale')).toMatch(/^[a-z]{2}_[A-Z]{2}$/);
  expect(head.one('og:description').length).toBeGreaterThan(0);
  // X: one card type, large image, title ≤ 70, description ≤ 200, alt ≤ 420; same texts as OG.
  expect(head.one('twitter:card')).toBe('summary_large_image');
  expect(head.one('twitter:title')).toBe(head.one('og:title'));
  expect(head.one('twitter:description')).toBe(head.one('og:description'));
  expect(head.one('twitter:image')).toBe(head.one('og:image'));
  expect(head.one('twitter:image:alt')).toBe(head.one('og:image:alt'));
  expect([...head.one('og:title')].length).toBeLessThanOrEqual(70);
  expect([...head.one('og:description')].length).toBeLessThanOrEqual(200);
  expect([...head.one('og:image:alt')].length).toBeLessThanOrEqual(420);
  // Discord: hex colour only.
  expect(head.one('theme-color')).toMatch(/^#[0-9a-f]{6}$/i);
  // Slack reads only the first 32 KB.
  expect(head.headEnd).toBeGreaterThan(0);
  expect(head.headEnd).toBeLessThan(32 * 1024);
}

describe('the preview of a conversation page', () => {
  it('has every tag, with the title, the first user message and an absolute image of the snapshot', async () => {
    const share = await shareOf(t, owner);
    const response = await getPage(t, share.shortCode);
    expect(response.statusCode).toBe(200);
    const head = parseHead(response.body);
    const url = `${PUBLIC_URL}/s/${share.shortCode}`;
    expectValidPreview(head, url);
    expect(head.one('og:title')).toBe('Planning a trip to Lisbon');
    expect(head.one('og:description')).toBe('What should I see in Lisbon?');
    expect(head.one('og:image')).toMatch(new RegExp(`^${PUBLIC_URL}/s/${share.shortCode}/og\\.png\\?v=1-[0-9a-f]{8}$`));
    expect(head.one('og:image:alt')).toContain('Planning a trip to Lisbon');
    expect(head.one('og:locale')).toBe('en_US');
    expect(head.meta.get('og:locale:alternate')).toEqual(['de_DE']);
    // Nothing hidden from the page reaches its preview either.
    for (const hidden of ['SYSTEM-PROMPT-SECRET', 'CUSTOM-INSTRUCTIONS-SECRET', 'Ana', owner.email]) {
      expect(head.allText).not.toContain(hidden);
    }
    // The image named there is served, and is a card of the right size.
    const image = await call(t.app, 'GET', pathOf(head.one('og:image')));
    expect(image.statusCode).toBe(200);
    expect(pngSize(image.rawPayload)).toEqual({ width: 1200, height: 630 });
  });

  it('cuts a long title and description at a word, with "…", and keeps no markdown', async () => {
    const longTitle = 'A remarkably long conversation title about planning every single detail of a journey';
    const longMessage = `Please **plan** my [trip](https://example.com) with \`care\`: ${'we want to see museums and eat well '.repeat(10)}`;
    const share = await shareOf(
      t,
      owner,
      {},
      buildConversation({
        title: longTitle,
        messages: [{ id: 'u', parentId: null, role: 'user', parts: [{ type: 'text', text: longMessage }] }],
        currentLeafId: 'u',
      }),
    );
    const head = parseHead((await getPage(t, share.shortCode)).body);
    expectValidPreview(head, `${PUBLIC_URL}/s/${share.shortCode}`);
    const title = head.one('og:title');
    expect(title.endsWith('…')).toBe(true);
    expect(longTitle.startsWith(title.slice(0, -1))).toBe(true);
    expect(longTitle[title.length - 1]).toBe(' ');
    const description = head.one('og:description');
    expect(description.endsWith('…')).toBe(true);
    expect(description.startsWith('Please plan my trip with care: we want')).toBe(true);
    expect(description).not.toMatch(/[*`[\]]/);
    expect(description.slice(0, -1)).toBe(description.slice(0, -1).trim());
  });

  it('reads markdown, math, a table and a code block as prose, and appends no image alt text', async () => {
    const text = [
      'Check **this** with $a^2 + b^2 = c^2$:',
      '',
      '| formula | leg a | leg b |',
      '|---|---|---|',
      '| $a^2 + b^2 = c^2$ | 3 | 4 |',
      '',
      '```python',
      'print(3 ** 2 + 4 ** 2)',
      '```',
      '',
      '![right triangle sketch](data:image/png;base64,AAAA) Is it right?',
    ].join('\n');
    const share = await shareOf(
      t,
      owner,
      {},
      buildConversation({
        title: 'Pythagoras',
        messages: [{ id: 'u', parentId: null, role: 'user', parts: [{ type: 'text', text }] }],
        currentLeafId: 'u',
      }),
    );
    const head = parseHead((await getPage(t, share.shortCode)).body);
    expect(head.one('og:description')).toBe(
      'Check this with a² + b² = c²: formula: a² + b² = c², leg a: 3, leg b: 4 Is it right?',
    );
    expect(head.one('twitter:description')).toBe(head.one('og:description'));
  });

  it('speaks the page language, and says how long the conversation is when no one asked anything', async () => {
    const share = await shareOf(
      t,
      owner,
      {},
      buildConversation({
        title: 'Nur Antworten',
        messages: [
          { id: 'a', parentId: null, role: 'assistant', parts: [{ type: 'text', text: 'Hallo' }] },
          { id: 'b', parentId: 'a', role: 'assistant', parts: [{ type: 'text', text: 'Noch da?' }] },
        ],
        currentLeafId: 'b',
      }),
    );
    const head = parseHead(
      (await getPage(t, share.shortCode, { headers: { 'accept-language': 'de-DE,de;q=0.9' } })).body,
    );
    expectValidPreview(head, `${PUBLIC_URL}/s/${share.shortCode}`);
    expect(head.one('og:locale')).toBe('de_DE');
    expect(head.one('og:description')).toBe('Eine Unterhaltung mit 2 Nachrichten.');
  });

  it('offers oEmbed discovery in the head and a Link header only when the link may be embedded', async () => {
    const share = await shareOf(t, owner);
    const response = await getPage(t, share.shortCode);
    const head = parseHead(response.body);
    const expected = `${PUBLIC_URL}/oembed?url=${encodeURIComponent(`${PUBLIC_URL}/s/${share.shortCode}`)}&format=json`;
    expect(head.oembed).toBe(expected);
    expect(response.headers.link).toBe(`<${expected}>; rel="alternate"; type="application/json+oembed"`);
    const oembed = await call(t.app, 'GET', pathOf(expected));
    expect(oembed.statusCode).toBe(200);
    expect(oembed.json().type).toBe('rich');

    const closed = await shareOf(t, owner, { allowEmbed: false });
    const page = await getPage(t, closed.shortCode);
    expect(parseHead(page.body).oembed).toBeNull();
    expect(page.headers.link).toBeUndefined();
  });

  it('follows a new title at once: the page cache and the image version both change', async () => {
    const share = await shareOf(t, owner);
    const before = parseHead((await getPage(t, share.shortCode)).body);
    await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { title: 'A better title' },
    });
    const after = parseHead((await getPage(t, share.shortCode)).body);
    expect(after.one('og:title')).toBe('A better title');
    expect(after.one('og:image')).not.toBe(before.one('og:image'));
  });
});

describe('the preview of a locked or missing link', () => {
  it('is a generic password card on the 401 page, with no word of the conversation', async () => {
    const share = await shareOf(t, owner, { password: 'open sesame' }, secretConversation());
    const response = await getPage(t, share.shortCode);
    expect(response.statusCode).toBe(401);
    const head = parseHead(response.body);
    expectValidPreview(head, `${PUBLIC_URL}/s/${share.shortCode}`);
    expect(head.one('og:title')).toBe('Password-protected conversation');
    expect(head.one('og:image')).toMatch(new RegExp(`^${PUBLIC_URL}/og/locked-password\\.png\\?v=[0-9a-f]{8}$`));
    expect(head.oembed).toBeNull();
    expect(response.headers.link).toBeUndefined();
    expectNoContent(head.allText);
    expectNoContent(response.body);
  });

  it('is the same generic private card for unknown, revoked and hidden private links', async () => {
    const hidden = await shareOf(
      t,
      owner,
      { privacy: 'private', allowedEmails: ['friend@example.com'] },
      secretConversation(),
    );
    const revoked = await shareOf(t, owner, {}, secretConversation());
    await call(t.app, 'DELETE', `/api/v1/shares/${revoked.settings.id}`, { auth: owner.bearer });
    const unknown = await getPage(t, 'AAAAAAAAAAAA');
    expect(unknown.statusCode).toBe(404);
    const unknownHead = parseHead(unknown.body);
    expectValidPreview(unknownHead, `${PUBLIC_URL}/s/AAAAAAAAAAAA`);
    expect(unknownHead.one('og:title')).toBe('Private conversation');
    expect(unknownHead.one('og:image')).toMatch(/\/og\/locked-private\.png\?v=/);
    for (const code of [hidden.shortCode, revoked.shortCode]) {
      const response = await getPage(t, code);
      expect(response.statusCode).toBe(404);
      expectNoContent(response.body);
      // Byte for byte the unknown code's page: the preview does not tell them apart either.
      expect(response.body.replaceAll(code, 'AAAAAAAAAAAA')).toBe(unknown.body);
    }
  });

  it('is a generic expired card on the 410 page', async () => {
    const share = await shareOf(t, owner, { expiresIn: 1 }, secretConversation());
    t.clock.advance(2 * 3600_000);
    const response = await getPage(t, share.shortCode);
    t.clock.advance(-2 * 3600_000);
    expect(response.statusCode).toBe(410);
    const head = parseHead(response.body);
    expectValidPreview(head, `${PUBLIC_URL}/s/${share.shortCode}`);
    expect(head.one('og:title')).toBe('Expired link');
    expectNoContent(response.body);
  });

  it('drops the oEmbed Link header when the view that used up a link turns the page into a gate', async () => {
    const share = await shareOf(t, owner, { maxViews: 1 });
    // A view-limited link is never offered for embedding, revealed or not.
    const first = await revealPage(t, share.shortCode);
    expect(first.statusCode).toBe(200);
    expect(first.headers.link).toBeUndefined();
    const second = await revealPage(t, share.shortCode);
    expect(second.statusCode).toBe(410);
    expect(second.headers.link).toBeUndefined();
    expect(parseHead(second.body).one('og:title')).toBe('A shared conversation');
  });

  it('draws generic images from cards that hold no content at all', async () => {
    const drawn: CardData[] = [];
    const render = t.app.ogImages.render;
    t.app.ogImages.render = (card) => {
      drawn.push(card);
      return render(card);
    };
    try {
      const locked = await shareOf(t, owner, { password: 'open sesame' }, secretConversation());
      const hidden = await shareOf(t, owner, { privacy: 'private' }, secretConversation());
      const urls = [
        parseHead((await getPage(t, locked.shortCode)).body).one('og:image'),
        parseHead((await getPage(t, hidden.shortCode)).body).one('og:image'),
      ];
      for (const url of urls) {
        const image = await call(t.app, 'GET', pathOf(url));
        expect(image.statusCode).toBe(200);
        expect(image.headers['content-type']).toBe('image/png');
        expect(pngSize(image.rawPayload)).toEqual({ width: 1200, height: 630 });
      }
      // The share's own image address gives a locked reader the generic card too.
      const direct = await call(t.app, 'GET', `/s/${locked.shortCode}/og.png`);
      expect(direct.statusCode).toBe(200);
      expect(direct.headers['cache-control']).toBe('private, no-store');
      expect(await call(t.app, 'GET', `/s/${hidden.shortCode}/og.png`)).toMatchObject({ statusCode: 404 });

      expect(drawn.map((card) => card.kind).sort()).toEqual(['password', 'private']);
      for (const card of drawn) {
        expect(Object.keys(card).sort()).toEqual(['instanceName', 'kind']);
        expectNoContent(JSON.stringify(card));
        expectNoContent(cardText(card));
      }
    } finally {
      t.app.ogImages.render = render;
    }
  });
});

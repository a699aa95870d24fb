/**
 * GET /s/:code/og.png: a 1200 x 630 PNG under 300 KB, drawn once per version and then served
 * from memory or disk, behind the same access decision as the page on every request.
 */
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardScale, type CardData } from '../../src/og/card.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildConversation, call, signUp, type TestUser } from '../helpers/api.js';
import { getPage, shareOf } from '../pages/helpers.js';
import { blankBands, blankRows, decodePng, parseHead, pathOf, pngSize } from './helpers.js';

const ARTIFACTS = fileURLToPath(new URL('../../../../test-results/og/', import.meta.url));

let t: TestApp;
let owner: TestUser;
const drawn: CardData[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
  const render = t.app.ogImages.render;
  t.app.ogImages.render = (card) => {
    drawn.push(card);
    return render(card);
  };
});
afterAll(() => t.close());

/** The og:image address the page gives, as a path for inject. */
const imagePathOf = async (code: string) => pathOf(parseHead((await getPage(t, code)).body).one('og:image'));

const oneMessage = (title: string, text: string, extra: Record<string, unknown> = {}) =>
  buildConversation({
    title,
    messages: [
      { id: 'u', parentId: null, role: 'user', parts: [{ type: 'text', text }] },
      { id: 'a', parentId: 'u', role: 'assistant', parts: [{ type: 'text', text: `${text} — ${text}` }] },
    ],
    currentLeafId: 'a',
    ...extra,
  });

describe('the preview image', () => {
  it('is a 1200 x 630 PNG under 300 KB, drawn from the first exchange', async () => {
    const share = await shareOf(t, owner);
    const response = await call(t.app, 'GET', await imagePathOf(share.shortCode));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(pngSize(response.rawPayload)).toEqual({ width: 1200, height: 630 });
    expect(response.rawPayload.length).toBeLessThan(300 * 1024);
    const card = drawn.at(-1)!;
    expect(card).toMatchObject({
      kind: 'open',
      instanceName: 'localhost:3000',
      title: 'Planning a trip to Lisbon',
      excerpts: [
        { role: 'user', text: 'What should I see in Lisbon?' },
        { role: 'assistant', text: 'Start with Alfama and Belém.' },
      ],
      messageCount: 2,
      models: ['gpt-4o'],
    });
    // Hidden parts of the conversation are not in the snapshot, so never on the card.
    expect(JSON.stringify(card)).not.toMatch(/SECRET|older answer|Ana|neighbourhoods/);
  });

  it('is drawn once: later requests come from memory, and it is kept on disk under DATA_DIR/og', async () => {
    const share = await shareOf(t, owner);
    const url = await imagePathOf(share.shortCode);
    const before = drawn.length;
    const first = await call(t.app, 'GET', url);
    const second = await call(t.app, 'GET', url);
    expect(drawn.length - before).toBe(1);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    const version = new URL(url, 'http://x').searchParams.get('v')!;
    const file = path.join(t.config.dataDir, 'og', `${share.settings.id}-${version}.png`);
    expect(existsSync(file)).toBe(true);
    // Named by version, so it can be kept by anyone for a day; revalidation is a 304.
    expect(first.headers['cache-control']).toBe('public, max-age=86400, immutable');
    const etag = first.headers.etag as string;
    expect(etag).toBe(`"og-${version}"`);
    const revalidated = await call(t.app, 'GET', url, { headers: { 'if-none-match': etag } });
    expect(revalidated.statusCode).toBe(304);
  });

  it('gets a new version and new bytes when the link is updated; an old version gets the new image, briefly cached', async () => {
    const share = await shareOf(t, owner);
    const oldUrl = await imagePathOf(share.shortCode);
    const oldImage = (await call(t.app, 'GET', oldUrl)).rawPayload;
    const conversationId = share.settings.conversationId as string;
    await call(t.app, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
      auth: owner.bearer,
      body: { messages: [{ role: 'user', parts: [{ type: 'text', text: 'And Porto?' }] }] },
    });
    t.clock.advance(86_400_000);
    const refreshed = await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { refresh: true },
    });
    expect(refreshed.statusCode).toBe(200);
    const newUrl = await imagePathOf(share.shortCode);
    expect(newUrl).not.toBe(oldUrl);
    expect(newUrl).toMatch(/\?v=2-/);
    const newImage = await call(t.app, 'GET', newUrl);
    expect(newImage.rawPayload.equals(oldImage)).toBe(false);
    expect(drawn.at(-1)).toMatchObject({ messageCount: 3 });

    const stale = await call(t.app, 'GET', oldUrl);
    expect(stale.statusCode).toBe(200);
    expect(stale.rawPayload.equals(newImage.rawPayload)).toBe(true);
    expect(stale.headers['cache-control']).toBe('public, max-age=300');
    const bare = await call(t.app, 'GET', `/s/${share.shortCode}/og.png`);
    expect(bare.headers['cache-control']).toBe('public, max-age=300');
    // The old version's file is gone from disk: nothing asks for it any more.
    const oldVersion = new URL(oldUrl, 'http://x').searchParams.get('v')!;
    expect(existsSync(path.join(t.config.dataDir, 'og', `${share.settings.id}-${oldVersion}.png`))).toBe(false);
  });
});

describe('who gets the image', () => {
  it('answers 404 for an unknown code and for a revoked link, even when its image was cached', async () => {
    expect((await call(t.app, 'GET', '/s/AAAAAAAAAAAA/og.png')).statusCode).toBe(404);
    expect((await call(t.app, 'GET', '/s/not-a-code/og.png')).statusCode).toBe(404);
    const share = await shareOf(t, owner);
    const url = await imagePathOf(share.shortCode);
    expect((await call(t.app, 'GET', url)).statusCode).toBe(200);
    await call(t.app, 'DELETE', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer });
    const revoked = await call(t.app, 'GET', url);
    expect(revoked.statusCode).toBe(404);
    expect(revoked.headers['content-type']).toContain('application/json');
  });

  it('answers a hidden private link with 404, and its owner or invited reader with an image no one else keeps', async () => {
    const share = await shareOf(t, owner, { privacy: 'private' });
    const url = `/s/${share.shortCode}/og.png`;
    const stranger = await signUp(t.app);
    expect((await call(t.app, 'GET', url)).statusCode).toBe(404);
    expect((await call(t.app, 'GET', url, { auth: stranger.session })).statusCode).toBe(404);
    const own = await call(t.app, 'GET', url, { auth: owner.session });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
    expect(own.headers.etag).toBeUndefined();
  });

  it('answers an expired link with 410, and a view-limited one without using a view', async () => {
    const expiring = await shareOf(t, owner, { expiresIn: 1 });
    t.clock.advance(2 * 3600_000);
    expect((await call(t.app, 'GET', `/s/${expiring.shortCode}/og.png`)).statusCode).toBe(410);
    const limited = await shareOf(t, owner, { maxViews: 1 });
    for (let i = 0; i < 3; i++) {
      const image = await call(t.app, 'GET', `/s/${limited.shortCode}/og.png`);
      expect(image.statusCode).toBe(200);
      expect(image.headers['cache-control']).toBe('private, no-store');
    }
    expect((await getPage(t, limited.shortCode)).statusCode).toBe(200);
  });
});

describe('titles in other scripts', () => {
  const samples = {
    japanese: ['東京で三日間の旅行プランを作ってください', '浅草、渋谷、そして築地市場を一日ずつ回るのはどうですか。'],
    russian: [
      'Как приготовить настоящий борщ по-домашнему',
      'Сначала сварите бульон, потом добавьте свёклу и капусту.',
    ],
    arabic: ['كيف أتعلم البرمجة بلغة بايثون بسرعة؟', 'ابدأ بالأساسيات ثم اكتب مشاريع صغيرة كل يوم.'],
    emoji: ['Party planning 🎉🚀 with 👩‍💻 friends', 'Balloons 🎈, cake 🎂 and a playlist 🎶 — done ✅'],
  } as const;

  it.each(Object.entries(samples))(
    'draws a %s title and excerpt into a valid PNG (saved under test-results/og)',
    async (name, [title, text]) => {
      const share = await shareOf(t, owner, {}, oneMessage(title, text));
      const response = await call(t.app, 'GET', await imagePathOf(share.shortCode));
      expect(response.statusCode).toBe(200);
      expect(pngSize(response.rawPayload)).toEqual({ width: 1200, height: 630 });
      expect(response.rawPayload.length).toBeLessThan(300 * 1024);
      expect(drawn.at(-1)).toMatchObject({ title, excerpts: [{ text }, { role: 'assistant' }] });
      await mkdir(ARTIFACTS, { recursive: true });
      await writeFile(path.join(ARTIFACTS, `${name}.png`), response.rawPayload);
    },
  );
});

describe('the layout of a short conversation', () => {
  /** The blank bands inside the card: between the brand, the content and the footer (padding excluded). */
  const innerBands = (png: Buffer) => {
    const rows = blankRows(decodePng(png));
    return blankBands(rows).filter(([start, length]) => start > 0 && start + length < rows.length);
  };

  it('has no large empty band: the content sits in the middle, set larger', async () => {
    const share = await shareOf(t, owner, {}, oneMessage('Pythagoras', 'Is 3, 4, 5 right?'));
    const response = await call(t.app, 'GET', await imagePathOf(share.shortCode));
    expect(response.statusCode).toBe(200);
    const bands = innerBands(response.rawPayload);
    // Brand | title | excerpts | footer: the gaps around the content are even, and none is a band.
    const [afterBrand, ...rest] = bands;
    const beforeFooter = rest.at(-1)!;
    expect(Math.max(...bands.map(([, length]) => length))).toBeLessThan(120);
    expect(Math.abs(afterBrand![1] - beforeFooter[1])).toBeLessThan(24);
    expect(drawn.at(-1)).toMatchObject({ excerpts: [{ text: 'Is 3, 4, 5 right?' }, { role: 'assistant' }] });
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(path.join(ARTIFACTS, 'short.png'), response.rawPayload);
  });

  it('sets short texts larger than long ones, which keep their line limits', () => {
    const short = cardScale({ title: 'Pythagoras', excerpts: [{ role: 'user', text: 'Is 3, 4, 5 right?' }] });
    const long = cardScale({ title: 'word '.repeat(30), excerpts: [{ role: 'user', text: 'word '.repeat(30) }] });
    expect(short.title).toBeGreaterThan(long.title);
    expect(short.excerpt).toBeGreaterThan(long.excerpt);
  });

  it('draws excerpts of markdown as prose', async () => {
    const share = await shareOf(
      t,
      owner,
      {},
      oneMessage('Sums', '**Check** $a^2 + b^2 = c^2$ with ![a sketch](data:image/png;base64,AAAA) `code`'),
    );
    expect((await call(t.app, 'GET', await imagePathOf(share.shortCode))).statusCode).toBe(200);
    expect(drawn.at(-1)).toMatchObject({ excerpts: [{ role: 'user', text: 'Check a² + b² = c² with code' }, {}] });
  });
});

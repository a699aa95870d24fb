/**
 * GET /s/:code/image.png: chosen messages as PNGs 1080 px wide, behind the page's access
 * decision on every request, kept like og.png's images; bad selections are 400 with the range.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shareImageUrl } from '../../src/og/image-selection.js';
import type { ShareImageJob } from '../../src/og/share-image-draw.js';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildConversation, call, signUp, type TestUser } from '../helpers/api.js';
import { shareOf } from '../pages/helpers.js';
import { blankRows, decodePng, pngSize } from './helpers.js';
import { conversationOf, longConversation } from './share-image-fixtures.js';

const ARTIFACTS = fileURLToPath(new URL('../../../../test-results/og/', import.meta.url));

let t: TestApp;
let owner: TestUser;
const jobs: ShareImageJob[] = [];
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
  const render = t.app.shareImages.render;
  t.app.shareImages.render = (job) => {
    jobs.push(job);
    return render(job);
  };
});
afterAll(() => t.close());

const imageOf = (code: string, query = '', options: Parameters<typeof call>[3] = {}) =>
  call(t.app, 'GET', `/s/${code}/image.png${query}`, options);

describe('the image of a conversation', () => {
  it('is a PNG 1080 px wide of the first exchange by default, light, in one part', async () => {
    const share = await shareOf(t, owner);
    const response = await imageOf(share.shortCode);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    const { width, height } = pngSize(response.rawPayload);
    expect(width).toBe(1080);
    expect(height).toBeGreaterThan(300);
    expect(height).toBeLessThanOrEqual(1920);
    expect(response.headers['x-image-parts']).toBe('1');
    const job = jobs.at(-1)!;
    expect(job.selection).toEqual({ range: null, theme: 'light', locale: 'en', part: 1 });
    expect(job.url).toBe(`http://localhost:3000/s/${share.shortCode}`);
    // The light background: the top-left pixel is white.
    expect(decodePng(response.rawPayload).pixels.readUInt32BE(0)).toBe(0xffffffff);
  });

  it('is drawn once, then served from memory with og.png cache headers; revalidation is a 304', async () => {
    const share = await shareOf(t, owner);
    const before = jobs.length;
    const first = await imageOf(share.shortCode, '?from=1&to=2');
    const second = await imageOf(share.shortCode, '?from=1&to=2');
    expect(jobs.length - before).toBe(1);
    expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
    // Asked for without its version: kept briefly, as og.png under an old version.
    expect(first.headers['cache-control']).toBe('public, max-age=300');
    const etag = first.headers.etag as string;
    const version = /^"img-([^"]+)-1-2-light-en-p1"$/.exec(etag)?.[1];
    expect(version).toMatch(/^1-[0-9a-f]{8}$/);
    const current = await imageOf(share.shortCode, `?from=1&to=2&v=${version}`);
    expect(current.headers['cache-control']).toBe('public, max-age=86400, immutable');
    // The address the page offers readers names the same version.
    const offered = shareImageUrl(t.config.publicUrl, {
      code: share.shortCode,
      snapshotVersion: 1,
      title: share.settings.title as string,
    });
    expect(new URL(offered).searchParams.get('v')).toBe(version);
    expect(offered).toBe(`http://localhost:3000/s/${share.shortCode}/image.png?v=${version}`);
    expect((await imageOf(share.shortCode, '?from=1&to=2', { headers: { 'if-none-match': etag } })).statusCode).toBe(
      304,
    );
  });

  it('draws dark differently from light', async () => {
    const share = await shareOf(t, owner);
    const light = await imageOf(share.shortCode, '?theme=light');
    const dark = await imageOf(share.shortCode, '?theme=dark');
    expect(dark.statusCode).toBe(200);
    expect(dark.rawPayload.equals(light.rawPayload)).toBe(false);
    const background = decodePng(dark.rawPayload).pixels.readUInt32BE(0);
    expect(background).not.toBe(0xffffffff);
    // Dark: each colour channel of the background is below a quarter.
    expect([background >>> 24, (background >>> 16) & 0xff, (background >>> 8) & 0xff].every((c) => c < 64)).toBe(true);
  });

  it('labels the messages in German when asked', async () => {
    const share = await shareOf(t, owner);
    const english = await imageOf(share.shortCode);
    const german = await imageOf(share.shortCode, '?lang=de');
    expect(german.statusCode).toBe(200);
    expect(jobs.at(-1)!.selection.locale).toBe('de');
    expect(german.rawPayload.equals(english.rawPayload)).toBe(false);
  });

  it('shows a chosen message only', async () => {
    const share = await shareOf(t, owner);
    const response = await imageOf(share.shortCode, '?from=2');
    expect(response.statusCode).toBe(200);
    expect(jobs.at(-1)!.selection.range).toEqual({ from: 2, to: 2 });
  });
});

describe('a selection out of range', () => {
  it.each([
    ['?from=0'],
    ['?from=3'],
    ['?from=2&to=1'],
    ['?to=9'],
    ['?from=one'],
    ['?from=1&from=2'],
    ['?theme=blue'],
    ['?lang=fr'],
    ['?part=0'],
    ['?from=-1'],
  ])('%s is 400 image_range_invalid with the range allowed', async (query) => {
    const share = await shareOf(t, owner);
    const response = await imageOf(share.shortCode, query);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.json().error).toMatchObject({
      code: 'image_range_invalid',
      details: { first: 1, last: 2, maxPerImage: 50 },
    });
  });

  it('refuses more messages than one request may choose, and a part past the last image', async () => {
    const share = await shareOf(t, owner, {}, conversationOf(longConversation(60)));
    const tooMany = await imageOf(share.shortCode, '?from=1&to=51');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.details).toEqual({ first: 1, last: 60, maxPerImage: 50 });
    const past = await imageOf(share.shortCode, '?from=1&to=2&part=2');
    expect(past.statusCode).toBe(400);
    expect(past.json().error).toMatchObject({
      code: 'image_range_invalid',
      details: { first: 1, last: 60, maxPerImage: 50, parts: 1 },
    });
  });
});

describe('who gets the image', () => {
  it('gives a password link the generic card, the same bytes as its og.png, kept by no one', async () => {
    const share = await shareOf(t, owner, { password: 'correct horse battery' });
    const before = jobs.length;
    const image = await imageOf(share.shortCode, '?from=1&to=2');
    const og = await call(t.app, 'GET', `/s/${share.shortCode}/og.png`);
    expect(image.statusCode).toBe(200);
    expect(og.statusCode).toBe(200);
    expect(image.rawPayload.equals(og.rawPayload)).toBe(true);
    expect(pngSize(image.rawPayload)).toEqual({ width: 1200, height: 630 });
    expect(image.headers['cache-control']).toBe('private, no-store');
    // Out-of-range parameters change nothing: a locked link says nothing of its length.
    expect((await imageOf(share.shortCode, '?from=99')).rawPayload.equals(og.rawPayload)).toBe(true);
    expect(jobs.length).toBe(before);
  });

  it('gives a view-limited link the generic card without using a view', async () => {
    const share = await shareOf(t, owner, { maxViews: 1 });
    const image = await imageOf(share.shortCode);
    const og = await call(t.app, 'GET', `/s/${share.shortCode}/og.png`);
    expect(image.rawPayload.equals(og.rawPayload)).toBe(true);
    expect(pngSize(image.rawPayload)).toEqual({ width: 1200, height: 630 });
  });

  it('answers 404 for an unknown code and a revoked link, and hides a private link from strangers', async () => {
    expect((await imageOf('AAAAAAAAAAAA')).statusCode).toBe(404);
    const share = await shareOf(t, owner);
    expect((await imageOf(share.shortCode)).statusCode).toBe(200);
    await call(t.app, 'DELETE', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer });
    const revoked = await imageOf(share.shortCode);
    expect(revoked.statusCode).toBe(404);
    expect(revoked.json().error.code).toBe('share_not_found');

    const hidden = await shareOf(t, owner, { privacy: 'private' });
    expect((await imageOf(hidden.shortCode)).statusCode).toBe(404);
    const own = await imageOf(hidden.shortCode, '', { auth: owner.session });
    expect(own.statusCode).toBe(200);
    expect(pngSize(own.rawPayload).width).toBe(1080);
    expect(own.headers['cache-control']).toBe('private, no-store');
  });
});

describe('guessing codes on the image path', () => {
  it('counts unknown codes towards the miss limit, as og.png does: past it 429, a real link still draws', async () => {
    const limited = await buildTestApp({}, { rateLimits: { shareMiss: { max: 2, windowMs: 60_000 } } });
    try {
      const user = await signUp(limited.app);
      const share = await shareOf(limited, user);
      const ip = '203.0.113.9';
      for (let i = 0; i < 2; i++) {
        expect((await call(limited.app, 'GET', `/s/NOSUCHCODE0${i}/image.png`, { ip })).statusCode).toBe(404);
      }
      const past = await call(limited.app, 'GET', '/s/NOSUCHCODE09/image.png', { ip });
      expect(past.statusCode).toBe(429);
      expect(Number(past.headers['retry-after'])).toBeGreaterThan(0);
      expect((await call(limited.app, 'GET', `/s/${share.shortCode}/image.png`, { ip })).statusCode).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('a long selection', () => {
  it('takes several images, each at most 1920 px tall, and 40 messages are drawn in reasonable time', async () => {
    const share = await shareOf(t, owner, {}, conversationOf(longConversation(40)));
    const started = Date.now();
    const first = await imageOf(share.shortCode, '?from=1&to=40');
    expect(first.statusCode).toBe(200);
    const parts = Number(first.headers['x-image-parts']);
    expect(parts).toBeGreaterThan(1);
    const images = [first];
    for (let part = 2; part <= parts; part++) images.push(await imageOf(share.shortCode, `?from=1&to=40&part=${part}`));
    for (const image of images) {
      expect(image.statusCode).toBe(200);
      expect(image.headers['x-image-parts']).toBe(String(parts));
      const { width, height } = pngSize(image.rawPayload);
      expect(width).toBe(1080);
      expect(height).toBeLessThanOrEqual(1920);
      // Nothing drawn in the bottom padding: no text runs off the bottom edge.
      expect(blankRows(decodePng(image.rawPayload)).slice(-40).every(Boolean)).toBe(true);
    }
    // A sanity bound on a shared machine, not a benchmark.
    expect(Date.now() - started).toBeLessThan(60_000);
    await mkdir(ARTIFACTS, { recursive: true });
    await writeFile(path.join(ARTIFACTS, 'conversation-40-part-1.png'), first.rawPayload);
  }, 90_000);

  it('keeps its default when the share is the stock conversation', async () => {
    const share = await shareOf(t, owner, {}, buildConversation());
    expect((await imageOf(share.shortCode, '?part=1')).statusCode).toBe(200);
  });
});

describe("the page's image form", () => {
  it('is in the reader menu of the page, and its default submission is a PNG of messages 1 to 2', async () => {
    const share = await shareOf(t, owner);
    const page = (await call(t.app, 'GET', `/s/${share.shortCode}`, { headers: { 'accept-language': 'de' } })).body;
    const form = /<form class="reader-menu-image"[^>]*\baction="([^"]+)"[^>]*>([\s\S]*?)<\/form>/.exec(page);
    expect(form, 'the image form').not.toBeNull();
    expect(form![1]).toBe(`/s/${share.shortCode}/image.png`);
    // What a browser sends for the form as drawn: every input with its value, and the colours chosen.
    const inputs = [...form![2]!.matchAll(/<input\b[^>]*>/g)].map(([tag]) => [
      /\bname="(\w+)"/.exec(tag)![1]!,
      /\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '',
    ]);
    expect(form![2]).toContain('<select name="theme">');
    const query = new URLSearchParams([...inputs, ['theme', 'dark']] as [string, string][]);
    expect(Object.fromEntries(query)).toMatchObject({ from: '1', to: '2', lang: 'de', theme: 'dark' });
    expect(query.get('v')).toBe(
      new URL(shareImageUrl('http://localhost:3000', shareRecord(share))).searchParams.get('v'),
    );
    const image = await imageOf(share.shortCode, `?${query}`);
    expect(image.statusCode).toBe(200);
    expect(image.headers['content-type']).toBe('image/png');
    expect(jobs.at(-1)!.selection).toEqual({ range: { from: 1, to: 2 }, theme: 'dark', locale: 'de', part: 1 });
  });

  it('is not offered for a view-limited link, whose image would be the generic card', async () => {
    const share = await shareOf(t, owner, { maxViews: 5 });
    const reveal = await call(t.app, 'POST', `/s/${share.shortCode}/reveal`, {
      headers: { origin: 'http://localhost:3000' },
    });
    expect(reveal.statusCode).toBe(200);
    // The page itself, with its menu, only without the image form.
    expect(reveal.body).toContain('class="reader-menu"');
    expect(reveal.body).not.toContain('reader-menu-image');
  });
});

/** What the image's version is made of, as the share API tells its owner. */
function shareRecord(share: Awaited<ReturnType<typeof shareOf>>) {
  const settings = share.settings as { snapshotVersion?: number; title?: string };
  return {
    code: share.shortCode,
    snapshotVersion: Number(settings.snapshotVersion ?? 1),
    title: String(settings.title),
  };
}

/**
 * Every access rule holds at the very next request after the link changes, however its page
 * is kept (rendered once and kept in memory, or stored when the link is shared): each test
 * first serves the conversation in every variant a reader may ask for (plain, brotli, gzip
 * in German, the Markdown, the embed), then changes the link, then checks the next request
 * of each, sent with the ETag its earlier answer had, answers by the new state and carries
 * no word of the conversation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { call, signUp, verifyEmail, type TestUser } from '../helpers/api.js';
import { takeDown } from '../helpers/moderation.js';
import { decoded, getPage, shareOf } from './helpers.js';
import {
  changeConversation,
  expectOthersRefused,
  expectPageRefused,
  expectRefusal,
  expectRevealed,
  LIVE_STATE_RATE_LIMITS,
  markedConversation,
  markedShare,
  patchShare,
  revoke,
  serveOthers,
  servePage,
  uniqueMarker,
  unknownPageFor,
  unlockWith,
  VARIANTS,
} from './live-state-helpers.js';
import { revealPage } from './reveal-helpers.js';

let t: TestApp;
let admin: TestUser;
let owner: TestUser;
let stranger: TestUser;
beforeAll(async () => {
  t = await buildTestApp({}, { rateLimits: LIVE_STATE_RATE_LIMITS });
  // The first account is the instance's admin.
  admin = await signUp(t.app);
  owner = await signUp(t.app);
  stranger = await signUp(t.app);
});
afterAll(() => t.close());

const HOUR = 3600_000;

describe(`a revoked link, at the next request (${DIALECT})`, () => {
  it('is the 404 page of an unknown code everywhere, for everyone, with a kept ETag or not', async () => {
    const { code, id, marker } = await markedShare(t, owner);
    const kept = await servePage(t, code, marker);
    const others = await serveOthers(t, code, marker);
    await revoke(t, owner, id);

    await expectPageRefused(t, code, kept, 'not_found', [marker]);
    // The owner too: a revoked link is dead for everyone.
    await expectPageRefused(t, code, kept, 'not_found', [marker], { auth: owner.session });
    await expectOthersRefused(t, others, 404, [marker]);
    expect((await call(t.app, 'GET', `/api/v1/shared/${code}`)).statusCode).toBe(404);
    // The very page a code that never existed gets: nothing tells it was there.
    const gone = await getPage(t, code, { headers: { 'accept-encoding': 'identity' } });
    expect(gone.body).toBe(await unknownPageFor(t, code));
  });

  it('is gone when its owner revokes all their links at once', async () => {
    const { code, marker } = await markedShare(t, owner);
    const kept = await servePage(t, code, marker);
    const others = await serveOthers(t, code, marker);
    const response = await call(t.app, 'DELETE', '/api/v1/shares', { auth: owner.bearer });
    expect(response.statusCode).toBe(200);
    expect(response.json().revoked).toBeGreaterThanOrEqual(1);
    await expectPageRefused(t, code, kept, 'not_found', [marker]);
    await expectOthersRefused(t, others, 404, [marker]);
  });

  it('is gone when its conversation is deleted', async () => {
    const { code, marker, share } = await markedShare(t, owner);
    const kept = await servePage(t, code, marker);
    const others = await serveOthers(t, code, marker);
    const deleted = await call(t.app, 'DELETE', `/api/v1/conversations/${String(share.settings.conversationId)}`, {
      auth: owner.bearer,
    });
    expect(deleted.statusCode).toBe(204);
    await expectPageRefused(t, code, kept, 'not_found', [marker]);
    await expectPageRefused(t, code, kept, 'not_found', [marker], { auth: owner.session });
    await expectOthersRefused(t, others, 404, [marker]);
  });

  it('is gone under its old code once given a new one, and served under the new one', async () => {
    const { code, id, marker } = await markedShare(t, owner);
    const kept = await servePage(t, code, marker);
    const others = await serveOthers(t, code, marker);
    const rotated = await call(t.app, 'POST', `/api/v1/shares/${id}/rotate`, { auth: owner.bearer });
    expect(rotated.statusCode).toBe(200);
    const newCode = rotated.json().shortCode as string;
    expect(newCode).not.toBe(code);
    await expectPageRefused(t, code, kept, 'not_found', [marker]);
    await expectOthersRefused(t, others, 404, [marker]);
    const moved = await getPage(t, newCode);
    expect(moved.statusCode).toBe(200);
    // The page links to itself by its code: the new one, never the old.
    expect(moved.body).toContain(`/s/${newCode}`);
    expect(moved.body).not.toContain(code);
  });
});

describe(`an expiring link, at the next request (${DIALECT})`, () => {
  it('is served until the very moment it expires, and from then on is the expired page everywhere', async () => {
    const { code, marker, share } = await markedShare(t, owner, { expiresIn: 2 });
    const expiresAt = new Date(String(share.settings.expiresAt)).getTime();
    const kept = await servePage(t, code, marker);
    const others = await serveOthers(t, code, marker);

    t.clock.set(new Date(expiresAt - 1));
    expect((await getPage(t, code)).statusCode).toBe(200);
    t.clock.set(new Date(expiresAt));
    await expectPageRefused(t, code, kept, 'expired', [marker]);
    await expectOthersRefused(t, others, 410, [marker]);
    expect((await call(t.app, 'GET', `/api/v1/shared/${code}`)).statusCode).toBe(410);
    // Its owner still sees it, never a page kept for readers.
    const own = await getPage(t, code, { auth: owner.session });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
  });

  it('expires by an expiry set after it was served', async () => {
    const { code, id, marker } = await markedShare(t, owner);
    const kept = await servePage(t, code, marker);
    const others = await serveOthers(t, code, marker);
    await patchShare(t, owner, id, { expiresIn: 1 });
    t.clock.advance(HOUR);
    await expectPageRefused(t, code, kept, 'expired', [marker]);
    await expectOthersRefused(t, others, 410, [marker]);
  });

  it('expires by an expiry brought forward after it was served', async () => {
    const { code, id, marker } = await markedShare(t, owner, { expiresIn: 48 });
    const kept = await servePage(t, code, marker);
    await patchShare(t, owner, id, { expiresIn: 1 });
    t.clock.advance(HOUR + 1);
    await expectPageRefused(t, code, kept, 'expired', [marker]);
  });
});

describe(`a password set or changed, at the next request (${DIALECT})`, () => {
  it('locks a served link at once, then opens with that password only', async () => {
    const { code, id, marker } = await markedShare(t, owner);
    const kept = await servePage(t, code, marker);
    const others = await serveOthers(t, code, marker);
    await patchShare(t, owner, id, { password: 'first secret' });

    await expectPageRefused(t, code, kept, 'password', [marker]);
    const locked = await getPage(t, code);
    expect(locked.body).toContain(`action="/s/${code}/unlock"`);
    await expectOthersRefused(t, others, 401, [marker]);

    expect(await unlockWith(t, code, 'wrong')).toBeUndefined();
    const cookie = await unlockWith(t, code, 'first secret');
    expect(cookie).toBeDefined();
    const open = await getPage(t, code, { headers: { cookie: cookie! } });
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain(marker);
    expect(open.headers['cache-control']).toBe('private, no-store');
  });

  it('refuses the old unlock cookie after a change, and opens with the new password', async () => {
    const { code, id, marker } = await markedShare(t, owner, { password: 'first secret' });
    const first = await unlockWith(t, code, 'first secret');
    // Served (and kept) for the unlocked reader in every variant, the Markdown too.
    const kept = new Map<string, string | undefined>();
    for (const variant of VARIANTS) {
      const response = await getPage(t, code, { headers: { ...variant.headers, cookie: first! } });
      expect(response.statusCode, variant.name).toBe(200);
      expect(decoded(response), variant.name).toContain(marker);
      kept.set(variant.name, response.headers.etag as string | undefined);
    }
    expect((await call(t.app, 'GET', `/s/${code}.md`, { headers: { cookie: first! } })).statusCode).toBe(200);

    await patchShare(t, owner, id, { password: 'second secret' });
    await expectPageRefused(t, code, kept, 'password', [marker], { cookie: first! });
    const md = await call(t.app, 'GET', `/s/${code}.md`, { headers: { cookie: first! } });
    expect(md.statusCode).toBe(401);
    expect(md.body).not.toContain(marker);
    // A refusal is never kept by a browser or proxy, nor validated against the old Markdown.
    expect(md.headers['cache-control']).toBe('private, no-store');
    expect(md.headers.etag).toBeUndefined();
    const reader = await call(t.app, 'GET', `/api/v1/shared/${code}`, { headers: { cookie: first! } });
    expect(reader.statusCode).toBe(401);
    expect(reader.body).not.toContain(marker);

    expect(await unlockWith(t, code, 'first secret')).toBeUndefined();
    const second = await unlockWith(t, code, 'second secret');
    expect(second).toBeDefined();
    const open = await getPage(t, code, { headers: { cookie: second! } });
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain(marker);
  });

  it('needs no cookie once the password is removed', async () => {
    const { code, id, marker } = await markedShare(t, owner, { password: 'first secret' });
    expectRefusal(await getPage(t, code), 'password', [marker]);
    await patchShare(t, owner, id, { password: null });
    const open = await getPage(t, code);
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain(marker);
  });
});

describe(`a link an admin took down, at the next request (${DIALECT})`, () => {
  it('is the unknown-code 404 for everyone but its owner, who is told why', async () => {
    const { code, id, marker } = await markedShare(t, owner, { privacy: 'public' });
    const kept = await servePage(t, code, marker);
    const others = await serveOthers(t, code, marker);
    await takeDown(t.app, admin, id, 'Spam links.');

    await expectPageRefused(t, code, kept, 'not_found', [marker]);
    await expectPageRefused(t, code, kept, 'not_found', [marker], { auth: stranger.session });
    await expectPageRefused(t, code, kept, 'not_found', [marker], { auth: admin.session });
    await expectOthersRefused(t, others, 404, [marker]);
    const gone = await getPage(t, code, { headers: { 'accept-encoding': 'identity' } });
    expect(gone.body).toBe(await unknownPageFor(t, code));
    const own = await getPage(t, code, { auth: owner.session });
    expectRefusal(own, 'taken_down', [marker], { label: 'owner' });
    expect(own.body).toContain('Spam links.');
  });
});

describe(`a view-limited link, at the next request (${DIALECT})`, () => {
  it('refuses the reveal after its last view, and its page, Markdown and embed say it is used up', async () => {
    const { code, marker } = await markedShare(t, owner, { maxViews: 2 });
    const step = await getPage(t, code);
    expect(step.statusCode).toBe(200);
    expect(step.body).toContain('can be opened 2 more times');
    expect(step.body).not.toContain(marker);
    // The Markdown and the embed point to the page: no content, no view used.
    for (const path of [`/s/${code}.md`, `/embed/${code}`]) {
      const response = await getPage(t, path);
      expect(response.statusCode, path).toBe(200);
      expect(decoded(response), path).not.toContain(marker);
    }

    await expectRevealed(t, code, marker);
    const oneLeft = await getPage(t, code);
    expect(oneLeft.body).toContain('can be opened 1 more time');
    expect(oneLeft.body).not.toContain(marker);
    await expectRevealed(t, code, marker);

    const refused = await revealPage(t, code);
    expectRefusal(refused, 'used_up', [marker], { label: 'third reveal' });
    await expectPageRefused(t, code, new Map(), 'used_up', [marker]);
    await expectOthersRefused(
      t,
      new Map([
        [`/s/${code}.md`, undefined],
        [`/embed/${code}`, undefined],
      ]),
      410,
      [marker],
    );
    expect((await call(t.app, 'POST', `/api/v1/shared/${code}/reveal`)).statusCode).toBe(410);
  });

  it('keeps a served link behind a reveal step once a view limit is set', async () => {
    const { code, id, marker } = await markedShare(t, owner);
    const kept = await servePage(t, code, marker);
    const others = await serveOthers(t, code, marker);
    await patchShare(t, owner, id, { maxViews: 100 });
    for (const variant of VARIANTS) {
      const etag = kept.get(variant.name);
      const response = await getPage(t, code, {
        headers: { ...variant.headers, ...(etag ? { 'if-none-match': etag } : {}) },
      });
      expect(response.statusCode, variant.name).toBe(200);
      expect(response.headers['cache-control'], variant.name).toBe('private, no-store');
      expect(response.headers.etag, variant.name).toBeUndefined();
      const body = decoded(response);
      expect(body, variant.name).toContain(`action="/s/${code}/reveal"`);
      expect(body, variant.name).not.toContain(marker);
    }
    for (const [path, etag] of others) {
      const response = await getPage(t, path, { headers: etag ? { 'if-none-match': etag } : {} });
      expect(response.statusCode, path).toBe(200);
      expect(response.headers.etag, path).toBeUndefined();
      expect(decoded(response), path).not.toContain(marker);
    }
    // The revealed page is drawn as a view-limited one: its link-preview tags say nothing of it.
    const revealed = await revealPage(t, code);
    expect(revealed.statusCode).toBe(200);
    const body = decoded(revealed);
    expect(body).toContain(marker);
    expect(body).toContain('<meta property="og:title" content="A shared conversation"/>');
    expect(body).not.toMatch(new RegExp(`<meta [^>]*content="[^"]*${marker}`));
  });
});

describe(`a link made private, at the next request (${DIALECT})`, () => {
  it('is the unknown-code 404 for strangers and the uninvited, and opens for the invited', async () => {
    const friend = await signUp(t.app, `friend-${uniqueMarker().toLowerCase()}@example.com`);
    await verifyEmail(t.app, t.mailer.sent, friend.email);
    // Invited, but has not proved the address is theirs.
    const unproven = await signUp(t.app, `unproven-${uniqueMarker().toLowerCase()}@example.com`);
    const { code, id, marker } = await markedShare(t, owner);
    const kept = await servePage(t, code, marker);
    const others = await serveOthers(t, code, marker);
    await patchShare(t, owner, id, { privacy: 'private', allowedEmails: [friend.email, unproven.email] });

    await expectPageRefused(t, code, kept, 'not_found', [marker]);
    for (const reader of [stranger, unproven]) {
      await expectPageRefused(t, code, kept, 'not_found', [marker], { auth: reader.session });
      const api = await call(t.app, 'GET', `/api/v1/shared/${code}`, { auth: reader.bearer });
      expect(api.statusCode).toBe(404);
      expect(api.body).not.toContain(marker);
    }
    await expectOthersRefused(t, others, 404, [marker]);
    const hidden = await getPage(t, code, { headers: { 'accept-encoding': 'identity' } });
    expect(hidden.body).toBe(await unknownPageFor(t, code));

    for (const reader of [friend, owner]) {
      const open = await getPage(t, code, { auth: reader.session });
      expect(open.statusCode).toBe(200);
      expect(open.body).toContain(marker);
      expect(open.headers['cache-control']).toBe('private, no-store');
    }
  });
});

describe(`a link's content after a change, at the next request (${DIALECT})`, () => {
  it.each([
    ['PATCH with refresh', 'patch'],
    ['sharing the conversation again', 'post'],
  ] as const)('is the new snapshot after %s, never the old, and an old ETag gets the new page', async (_name, how) => {
    const marker = uniqueMarker();
    const oldTitle = uniqueMarker('OLD');
    const share = await shareOf(t, owner, {}, markedConversation(marker, oldTitle));
    const code = share.shortCode;
    const kept = await servePage(t, code, oldTitle);
    const others = await serveOthers(t, code, oldTitle);

    const newTitle = uniqueMarker('NEW');
    const newMarker = uniqueMarker('LATER');
    const conversationId = String(share.settings.conversationId);
    await changeConversation(t, owner, conversationId, { title: `Renamed ${newTitle}`, marker: newMarker });
    // A link is a snapshot: the new message shows only once the link takes it in.
    expect(decoded(await getPage(t, code))).not.toContain(newMarker);
    if (how === 'patch') {
      await patchShare(t, owner, share.settings.id, { refresh: true });
    } else {
      const again = await call(t.app, 'POST', '/api/v1/shares', { auth: owner.bearer, body: { conversationId } });
      expect(again.statusCode).toBeLessThan(300);
      expect(again.json().shortCode).toBe(code);
    }

    for (const variant of VARIANTS) {
      const etag = kept.get(variant.name)!;
      const response = await getPage(t, code, { headers: { ...variant.headers, 'if-none-match': etag } });
      expect(response.statusCode, variant.name).toBe(200);
      expect(response.headers.etag, variant.name).not.toBe(etag);
      const body = decoded(response);
      expect(body, variant.name).toContain(newTitle);
      expect(body, variant.name).toContain(newMarker);
      expect(body, variant.name).not.toContain(oldTitle);
      if (variant.locale === 'en') expect(body, variant.name).toContain('3 messages');
      // And the new page revalidates as itself.
      const revalidated = await getPage(t, code, {
        headers: { ...variant.headers, 'if-none-match': response.headers.etag as string },
      });
      expect(revalidated.statusCode, variant.name).toBe(304);
    }
    for (const [path, etag] of others) {
      const response = await getPage(t, path, { headers: etag ? { 'if-none-match': etag } : {} });
      expect(response.statusCode, path).toBe(200);
      const body = decoded(response);
      expect(body, path).toContain(newMarker);
      expect(body, path).not.toContain(oldTitle);
    }
    const api = await call(t.app, 'GET', `/api/v1/shared/${code}`);
    expect(api.json().title).toContain(newTitle);
  });

  it("shows the link's new title and hides author names at the next request", async () => {
    const marker = uniqueMarker();
    const oldTitle = uniqueMarker('OLD');
    const share = await shareOf(t, owner, { showAuthor: true }, markedConversation(marker, oldTitle));
    const code = share.shortCode;
    const kept = await servePage(t, code, oldTitle);
    expect((await getPage(t, code)).body).toContain('<span class="cs-author">Ana</span>');

    const newTitle = uniqueMarker('NEW');
    await patchShare(t, owner, share.settings.id, { title: `Retitled ${newTitle}`, showAuthor: false });
    for (const variant of VARIANTS) {
      const etag = kept.get(variant.name)!;
      const response = await getPage(t, code, { headers: { ...variant.headers, 'if-none-match': etag } });
      expect(response.statusCode, variant.name).toBe(200);
      const body = decoded(response);
      expect(body, variant.name).toContain(newTitle);
      expect(body, variant.name).not.toContain(oldTitle);
      expect(body, variant.name).not.toContain('Ana');
      expect(body, variant.name).toContain(marker);
    }
  });

  it('hides the secrets at the next request once the owner asks for them to be redacted', async () => {
    const marker = uniqueMarker();
    const secret = 'sk-proj-' + 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0';
    const conversation = markedConversation(marker);
    conversation.messages[1]!.parts = [{ type: 'text', text: `Answer ${marker}: the key is ${secret}` }];
    const share = await shareOf(t, owner, { redact: false }, conversation);
    const code = share.shortCode;
    const kept = await servePage(t, code, secret);
    const others = await serveOthers(t, code, secret);

    await patchShare(t, owner, share.settings.id, { redact: true });
    for (const variant of VARIANTS) {
      const etag = kept.get(variant.name)!;
      const response = await getPage(t, code, { headers: { ...variant.headers, 'if-none-match': etag } });
      expect(response.statusCode, variant.name).toBe(200);
      const body = decoded(response);
      expect(body, variant.name).toContain(marker);
      expect(body, variant.name).not.toContain(secret);
    }
    for (const [path, etag] of others) {
      const response = await getPage(t, path, { headers: etag ? { 'if-none-match': etag } : {} });
      expect(response.statusCode, path).toBe(200);
      expect(decoded(response), path).not.toContain(secret);
    }
  });

  it('drops the messages the owner no longer shares at the next request', async () => {
    const marker = uniqueMarker();
    const later = uniqueMarker('LATER');
    const conversation = markedConversation(marker);
    conversation.messages[1]!.parts = [{ type: 'text', text: `Answer ${later}` }];
    const share = await shareOf(t, owner, {}, conversation);
    const code = share.shortCode;
    const kept = await servePage(t, code, later);
    const others = await serveOthers(t, code, later);

    await patchShare(t, owner, share.settings.id, { range: { start: 0, end: 1 } });
    for (const variant of VARIANTS) {
      const etag = kept.get(variant.name)!;
      const response = await getPage(t, code, { headers: { ...variant.headers, 'if-none-match': etag } });
      expect(response.statusCode, variant.name).toBe(200);
      const body = decoded(response);
      expect(body, variant.name).toContain(`Ask ${marker}`);
      expect(body, variant.name).not.toContain(later);
    }
    for (const [path, etag] of others) {
      const response = await getPage(t, path, { headers: etag ? { 'if-none-match': etag } : {} });
      expect(response.statusCode, path).toBe(200);
      expect(decoded(response), path).not.toContain(later);
    }
  });

  it('stops framing at the next request once the owner turns embedding off', async () => {
    const { code, id, marker } = await markedShare(t, owner);
    const others = await serveOthers(t, code, marker);
    const kept = await servePage(t, code, marker);
    expect((await getPage(t, code)).body).toContain('application/json+oembed');
    const oembedPath = `/oembed?url=${encodeURIComponent(`${t.config.publicUrl}/s/${code}`)}&format=json`;
    const offered = await call(t.app, 'GET', oembedPath);
    expect(offered.statusCode).toBe(200);
    expect(offered.body).toContain(marker);
    await patchShare(t, owner, id, { allowEmbed: false });
    const etag = others.get(`/embed/${code}`);
    const embed = await getPage(t, `/embed/${code}`, { headers: etag ? { 'if-none-match': etag } : {} });
    expect(embed.statusCode).toBe(403);
    expect(embed.headers.etag).toBeUndefined();
    expect(decoded(embed)).not.toContain(marker);
    expect(String(embed.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    const oembed = await call(t.app, 'GET', oembedPath);
    expect(oembed.statusCode, oembed.body).toBe(404);
    expect(oembed.json().error.code).toBe('embed_disabled');
    expect(oembed.body).not.toContain(marker);
    // The page no longer offers an embed to unfurlers, in any variant.
    for (const variant of VARIANTS) {
      const etag = kept.get(variant.name)!;
      const response = await getPage(t, code, { headers: { ...variant.headers, 'if-none-match': etag } });
      expect(response.statusCode, variant.name).toBe(200);
      expect(response.headers.link, variant.name).toBeUndefined();
      expect(decoded(response), variant.name).not.toContain('json+oembed');
    }
  });

  it('tells search engines to stay away at the next request once indexing is turned off', async () => {
    const { code, id, marker } = await markedShare(t, owner, { privacy: 'public', allowIndexing: true });
    const kept = await servePage(t, code, marker);
    const indexed = await getPage(t, code);
    expect(indexed.headers['x-robots-tag']).toBeUndefined();
    expect(indexed.body).not.toContain('noindex');
    await patchShare(t, owner, id, { allowIndexing: false });
    for (const variant of VARIANTS) {
      const etag = kept.get(variant.name)!;
      const response = await getPage(t, code, { headers: { ...variant.headers, 'if-none-match': etag } });
      expect(response.statusCode, variant.name).toBe(200);
      expect(response.headers['x-robots-tag'], variant.name).toBe('noindex, nofollow');
      expect(decoded(response), variant.name).toContain('<meta name="robots" content="noindex, nofollow"/>');
    }
  });
});

/**
 * POST /api/v1/shared/:code/copies: a reader's copy holds exactly what the link's page shows,
 * is theirs, is no view, and is refused exactly as the page refuses the link.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/env.js';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { buildConversation, call, cookieFrom, signUp, type TestUser } from '../helpers/api.js';
import { getPage, shareOf } from '../pages/helpers.js';

let t: TestApp;
let owner: TestUser;
let reader: TestUser;
beforeAll(async () => {
  t = await buildTestApp();
  owner = await signUp(t.app);
  reader = await signUp(t.app);
});
afterAll(() => t.close());

const copyOf = (code: string, options: Parameters<typeof call>[3] = { auth: reader.bearer }) =>
  call(t.app, 'POST', `/api/v1/shared/${code}/copies`, options);

const viewCountOf = async (shareId: string) =>
  (await call(t.app, 'GET', `/api/v1/shares/${shareId}`, { auth: owner.bearer })).json().settings.viewCount as number;

describe(`saving a copy of a shared link (${DIALECT})`, () => {
  it('holds exactly the branch the page shows, without hidden context or ids of the original', async () => {
    const share = await shareOf(t, owner);
    const shown = (await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`, { auth: reader.bearer })).json();

    const response = await copyOf(share.shortCode);
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('private, no-store');
    const copy = response.json();
    expect(copy.title).toBe(shown.title);
    expect(copy.messages).toEqual(shown.messages);
    expect(copy.messages.map((message: { role: string }) => message.role)).toEqual(['user', 'assistant']);
    expect(copy.currentLeafId).toBe(copy.messages.at(-1).id);
    expect(copy.branchCount).toBe(1);
    expect(copy.context).toBeUndefined();
    expect(copy.copiedFrom).toEqual({
      shareUrl: share.shareUrl,
      shortCode: share.shortCode,
      copiedAt: t.clock.now().toISOString(),
    });
    const text = JSON.stringify(copy);
    for (const hidden of ['SYSTEM-PROMPT-SECRET', 'CUSTOM-INSTRUCTIONS-SECRET', 'another branch', 'Ana']) {
      expect(text).not.toContain(hidden);
    }
    for (const originalId of ['sys-1', 'u-1', 'a-1', 'a-1b', share.settings.id, share.settings.conversationId]) {
      expect(text).not.toContain(`"${originalId as string}"`);
    }
    expect(text).not.toContain(owner.id);

    // It is the reader's own conversation now, and nobody else's.
    const mine = await call(t.app, 'GET', `/api/v1/conversations/${copy.id}`, { auth: reader.bearer });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().copiedFrom.shortCode).toBe(share.shortCode);
    expect((await call(t.app, 'GET', `/api/v1/conversations/${copy.id}`, { auth: owner.bearer })).statusCode).toBe(404);
    // The owner's own conversation is no copy.
    const original = await call(t.app, 'GET', `/api/v1/conversations/${share.settings.conversationId as string}`, {
      auth: owner.bearer,
    });
    expect(original.json()).not.toHaveProperty('copiedFrom');
  });

  it('copies the snapshot, not what the owner wrote after sharing', async () => {
    const share = await shareOf(t, owner);
    await call(t.app, 'POST', `/api/v1/conversations/${share.settings.conversationId as string}/messages`, {
      auth: owner.bearer,
      body: { messages: [{ role: 'user', parts: [{ type: 'text', text: 'NOT-SHARED-YET' }] }] },
    });
    const copy = (await copyOf(share.shortCode)).json();
    expect(copy.messages).toHaveLength(2);
    expect(JSON.stringify(copy)).not.toContain('NOT-SHARED-YET');
  });

  it('keeps names only where the owner shows them', async () => {
    const share = await shareOf(t, owner, { showAuthor: true });
    const copy = (await copyOf(share.shortCode)).json();
    expect(copy.messages[0].author).toBe('Ana');
  });

  it('is not a view: the owner’s view count does not move (a page view does)', async () => {
    const share = await shareOf(t, owner);
    expect(await viewCountOf(share.settings.id)).toBe(0);
    expect((await copyOf(share.shortCode)).statusCode).toBe(201);
    expect((await copyOf(share.shortCode, { auth: reader.session })).statusCode).toBe(201);
    expect(await viewCountOf(share.settings.id)).toBe(0);
    await getPage(t, share.shortCode);
    expect(await viewCountOf(share.settings.id)).toBe(1);
  });

  it('is refused with 403 copy_not_allowed where the owner turned copies off, and allowed again when on', async () => {
    const share = await shareOf(t, owner, { allowCopy: false });
    expect(share.settings).toMatchObject({ allowCopy: false, copyAllowed: false });
    const refused = await copyOf(share.shortCode);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('copy_not_allowed');

    const changed = await call(t.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, {
      auth: owner.bearer,
      body: { allowCopy: true },
    });
    expect(changed.json().settings).toMatchObject({ allowCopy: true, copyAllowed: true });
    expect((await copyOf(share.shortCode)).statusCode).toBe(201);
  });

  it('defaults by privacy: on for public and unlisted links, off for private ones', async () => {
    const unlisted = await shareOf(t, owner);
    expect(unlisted.settings).toMatchObject({ allowCopy: null, copyAllowed: true });
    const pub = await shareOf(t, owner, { privacy: 'public' });
    expect(pub.settings).toMatchObject({ allowCopy: null, copyAllowed: true });
    const priv = await shareOf(t, owner, { privacy: 'private', allowedEmails: [reader.email] });
    expect(priv.settings).toMatchObject({ allowCopy: null, copyAllowed: false });
  });

  it('asks an anonymous reader to sign in (401), and refuses a cross-site cookie request', async () => {
    const share = await shareOf(t, owner);
    const anonymous = await copyOf(share.shortCode, {});
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error.code).toBe('unauthenticated');
    const crossSite = await copyOf(share.shortCode, {
      auth: reader.session,
      headers: { origin: 'https://evil.example' },
    });
    expect(crossSite.statusCode).toBe(403);
    expect(crossSite.json().error.code).toBe('csrf_rejected');
  });

  it('answers what the page answers for links the reader may not open', async () => {
    const unknown = await copyOf('AAAAAAAAAAAA');
    expect(unknown.statusCode).toBe(404);
    const notFound = unknown.json();
    expect(notFound.error.code).toBe('share_not_found');

    const revoked = await shareOf(t, owner);
    await call(t.app, 'DELETE', `/api/v1/shares/${revoked.settings.id}`, { auth: owner.bearer });
    const hidden = await shareOf(t, owner, { privacy: 'private', allowCopy: true });
    for (const code of [revoked.shortCode, hidden.shortCode]) {
      const response = await copyOf(code);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual(notFound);
      expect((await getPage(t, code, { auth: reader.session })).statusCode).toBe(404);
    }

    const expired = await shareOf(t, owner, { expiresIn: 1 });
    t.clock.advance(2 * 3600_000);
    const gone = await copyOf(expired.shortCode);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.code).toBe('share_expired');
    expect((await getPage(t, expired.shortCode)).statusCode).toBe(410);
  });

  it('lets an invited reader copy a private link its owner allows copies of', async () => {
    const share = await shareOf(t, owner, { privacy: 'private', allowedEmails: [reader.email], allowCopy: true });
    // The reader has not verified their email yet: the link is hidden from them, as on the page.
    expect((await copyOf(share.shortCode)).statusCode).toBe(404);
    const mail = [...t.mailer.sent].reverse().find((message) => message.to === reader.email);
    const link = new URL(mail!.text.match(/https?:\/\/\S+/)![0]);
    await call(t.app, 'GET', `${link.pathname}${link.search}`);
    expect((await copyOf(share.shortCode)).statusCode).toBe(201);
  });

  it('needs the unlock cookie on a password link, as the page does', async () => {
    const share = await shareOf(t, owner, { password: 'open sesame' });
    const locked = await copyOf(share.shortCode, { auth: reader.session });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().error.code).toBe('password_required');
    const unlocked = await call(t.app, 'POST', `/s/${share.shortCode}/unlock`, {
      auth: reader.session,
      body: { password: 'open sesame' },
    });
    const cookie = cookieFrom(unlocked, `cs_unlock_${share.shortCode}`)!;
    const [name, value] = cookie.split('=') as [string, string];
    const copied = await copyOf(share.shortCode, { auth: reader.session, cookies: { [name]: value } });
    expect(copied.statusCode).toBe(201);
  });

  it('refuses a view-limited link without spending a view', async () => {
    const share = await shareOf(t, owner, { maxViews: 2, allowCopy: true });
    const response = await copyOf(share.shortCode);
    expect(response.statusCode).toBe(403);
    expect(response.json().error.code).toBe('copy_not_allowed');
    expect(await viewCountOf(share.settings.id)).toBe(0);
  });

  it('lets the owner copy their own link', async () => {
    const share = await shareOf(t, owner);
    expect((await copyOf(share.shortCode, { auth: owner.bearer })).statusCode).toBe(201);
  });

  it('is in the OpenAPI document', async () => {
    const document = (await call(t.app, 'GET', '/api/docs/json')).json();
    expect(document.paths['/api/v1/shared/{code}/copies'].post.responses['201']).toBeDefined();
  });
});

describe('the instance switch (ENABLE_COPIES)', () => {
  it('is on by default and read from the environment', () => {
    expect(loadConfig({ DATA_DIR: t.config.dataDir }).enableCopies).toBe(true);
    expect(loadConfig({ DATA_DIR: t.config.dataDir, ENABLE_COPIES: 'false' }).enableCopies).toBe(false);
  });

  it('turned off, refuses every copy and says so in /api/v1/config', async () => {
    const off = await buildTestApp({ enableCopies: false });
    try {
      const user = await signUp(off.app);
      const share = await shareOf(off, user, { allowCopy: true }, buildConversation());
      const response = await call(off.app, 'POST', `/api/v1/shared/${share.shortCode}/copies`, { auth: user.bearer });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('copy_not_allowed');
      expect((await call(off.app, 'GET', '/api/v1/config')).json().copies).toBe(false);
    } finally {
      await off.close();
    }
  });
});

describe('the copy budget', () => {
  it('is 429 past the limit, for the API', async () => {
    const limited = await buildTestApp({}, { rateLimits: { copy: { max: 1, windowMs: 60_000 } } });
    try {
      const user = await signUp(limited.app);
      const share = await shareOf(limited, user);
      const url = `/api/v1/shared/${share.shortCode}/copies`;
      expect((await call(limited.app, 'POST', url, { auth: user.bearer })).statusCode).toBe(201);
      const second = await call(limited.app, 'POST', url, { auth: user.bearer });
      expect(second.statusCode).toBe(429);
      expect(second.json().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});

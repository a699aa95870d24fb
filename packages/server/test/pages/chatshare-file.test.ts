/**
 * `GET /s/:code.json`, the chatshare file: the Markdown's access rules and headers, and the
 * round trip it exists for: downloaded from one instance, imported into another with its own
 * database, shared there, and read as the same messages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, cookieFrom, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';
import { multipartFile } from '../helpers/multipart.js';
import { buildRichConversation } from '../fixtures/rich-conversation.js';
import { getPage, shareOf, storedViews } from './helpers.js';

let a: TestApp;
let b: TestApp;
let owner: TestUser;
beforeAll(async () => {
  const rateLimits = { auth: { max: 10_000, windowMs: 60_000 }, unlock: { max: 1000, windowMs: 60_000 } };
  // Two separate instances: each its own database (a file, or a schema), secret-for-secret the same config otherwise.
  a = await buildTestApp({}, { rateLimits });
  b = await buildTestApp({ publicUrl: 'http://localhost:4000' }, { rateLimits });
  owner = await signUp(a.app);
});
afterAll(async () => {
  await b?.close();
  await a?.close();
});

const download = (code: string, headers: Record<string, string> = {}) =>
  call(a.app, 'GET', `/s/${code}.json`, { headers });

const unlock = async (code: string, password: string) => {
  const response = await a.app.inject({
    method: 'POST',
    url: `/s/${code}/unlock`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
    payload: `password=${encodeURIComponent(password)}`,
  });
  return cookieFrom(response, `cs_unlock_${code}`)!;
};

describe('GET /s/:code.json', () => {
  it('is the shown branch as a chatshare file, a download with the Markdown’s headers', async () => {
    const share = await shareOf(a, owner, { showAuthor: true });
    const response = await download(share.shortCode);
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': 'attachment; filename="planning-a-trip-to-lisbon.chatshare.json"',
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
      'x-robots-tag': 'noindex, nofollow',
      'cache-control': 'no-cache',
    });
    expect(response.json()).toEqual({
      format: 'chatshare',
      version: 1,
      title: 'Planning a trip to Lisbon',
      url: `http://localhost:3000/s/${share.shortCode}`,
      sharedAt: '2026-06-01T12:00:00.000Z',
      models: ['gpt-4o'],
      messages: [
        {
          role: 'user',
          author: 'Ana',
          createdAt: '2026-05-01T10:00:00.000Z',
          parts: [{ type: 'text', text: 'What should I see in Lisbon?' }],
        },
        {
          role: 'assistant',
          model: 'gpt-4o',
          parts: [
            { type: 'reasoning', text: 'Think about neighbourhoods.' },
            { type: 'text', text: 'Start with **Alfama** and Belém.' },
          ],
        },
      ],
    });
    // Nothing the page does not show: hidden context, the system prompt, the other branch, ids, the owner.
    for (const hidden of ['CUSTOM-INSTRUCTIONS', 'SYSTEM-PROMPT', 'An older answer', '"id"', 'u-1', owner.email]) {
      expect(response.body).not.toContain(hidden);
    }
    // Without "Show my name", no author names either.
    const anonymous = await download((await shareOf(a, owner)).shortCode);
    expect(anonymous.body).not.toContain('Ana');
  });

  it('revalidates with an ETag when anyone would get it, and is not a view', async () => {
    const share = await shareOf(a, owner);
    const first = await download(share.shortCode, { 'user-agent': 'Mozilla/5.0 Chrome/131.0' });
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[\w-]{32}"$/);
    const again = await download(share.shortCode, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    await a.app.repos.shares.flushViews();
    expect(await storedViews(a, share.settings.id)).toBe(0);
  });

  it('follows the page’s access rules: unknown, revoked, private, expired, password', async () => {
    expect((await download('AAAAAAAAAAAA')).statusCode).toBe(404);

    const revoked = await shareOf(a, owner);
    await call(a.app, 'DELETE', `/api/v1/shares/${revoked.settings.id}`, { auth: owner.bearer });
    const gone = await download(revoked.shortCode);
    expect(gone.statusCode).toBe(404);
    expect(gone.json().error.code).toBe('share_not_found');
    expect(gone.headers['cache-control']).toBe('private, no-store');

    const hidden = await shareOf(a, owner, { privacy: 'private' });
    expect((await download(hidden.shortCode)).statusCode).toBe(404);
    const own = await call(a.app, 'GET', `/s/${hidden.shortCode}.json`, { auth: owner.session });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
    expect(own.headers.etag).toBeUndefined();

    const locked = await shareOf(a, owner, { password: 'open sesame' });
    const refused = await download(locked.shortCode);
    expect(refused.statusCode).toBe(401);
    expect(refused.body).not.toContain('Lisbon');
    const unlocked = await download(locked.shortCode, { cookie: await unlock(locked.shortCode, 'open sesame') });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.json().title).toBe('Planning a trip to Lisbon');
    expect(unlocked.headers['cache-control']).toBe('private, no-store');

    const expiring = await shareOf(a, owner, { expiresIn: 1 });
    expect((await download(expiring.shortCode)).statusCode).toBe(200);
    a.clock.advance(3_600_000 + 1);
    const expired = await download(expiring.shortCode);
    expect(expired.statusCode).toBe(410);
    expect(expired.json().error.code).toBe('share_expired');
  });

  it('gives a view-limited link a note without content, and uses no view', async () => {
    const share = await shareOf(a, owner, { maxViews: 2 });
    const response = await download(share.shortCode, { 'user-agent': 'Mozilla/5.0 Chrome/131.0' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('private, no-store');
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; /);
    expect(response.json()).toEqual({
      format: 'chatshare',
      version: 1,
      revealRequired: true,
      url: `http://localhost:3000/s/${share.shortCode}`,
      viewsLeft: 2,
      note: 'This conversation can be opened 2 more times. Open the link to read it.',
    });
    expect(response.body).not.toContain('Lisbon');
    expect(await storedViews(a, share.settings.id)).toBe(0);
    const german = await download(share.shortCode, { 'accept-language': 'de' });
    expect(german.json().note).toContain('Öffne den Link');
    // It says what it is when someone tries to import it.
    const imported = await call(b.app, 'POST', '/api/v1/conversations', {
      auth: (await signUp(b.app)).bearer,
      body: response.json(),
    });
    expect(imported.statusCode).toBe(400);
    expect(imported.json().error.message).toContain('the file holds no conversation');
  });

  it('names the file after the title in plain letters, whatever the title holds', async () => {
    const share = await shareOf(a, owner, { title: 'Ünïcode "quotes"; filename=evil.exe\r\n/../' });
    const disposition = (await download(share.shortCode)).headers['content-disposition'];
    expect(disposition).toBe('attachment; filename="unicode-quotes-filename-evil-exe.chatshare.json"');
    const symbols = await shareOf(a, owner, { title: '日本語 ✨' });
    expect((await download(symbols.shortCode)).headers['content-disposition']).toBe(
      `attachment; filename="${symbols.shortCode}.chatshare.json"`,
    );
  });
});

describe('the round trip', () => {
  it('imports into a second instance, whose page then shows the same messages', async () => {
    const share = await shareOf(a, owner, {}, buildRichConversation());
    const file = await download(share.shortCode);
    expect(file.statusCode).toBe(200);

    // Into instance B, as a person would: the downloaded file through B's import API.
    const reader = await signUp(b.app);
    const { payload, headers } = multipartFile(file.body, 'downloaded.chatshare.json');
    const imported = await b.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...headers, authorization: `Bearer ${reader.token}` },
      payload,
    });
    expect(imported.statusCode).toBe(201);
    expect(imported.json()).toMatchObject({ format: 'chatshare', skipped: [] });
    const { id } = (imported.json().imported as { id: string }[])[0]!;
    const stored = await call(b.app, 'GET', `/api/v1/conversations/${id}`, { auth: reader.bearer });
    expect(stored.json().source).toMatchObject({ format: 'chatshare' });

    // The same file again is recognised (the link is its source id), not stored twice.
    const again = multipartFile(file.body, 'downloaded.chatshare.json');
    const twice = await b.app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...again.headers, authorization: `Bearer ${reader.token}` },
      payload: again.payload,
    });
    expect(twice.json().imported).toEqual([]);

    const copy = await call(b.app, 'POST', '/api/v1/shares', { auth: reader.bearer, body: { conversationId: id } });
    expect(copy.statusCode).toBe(201);
    const codeB = copy.json().shortCode as string;
    const messagesOf = async (t: TestApp, code: string) => {
      const shared = (await call(t.app, 'GET', `/api/v1/shared/${code}`)).json();
      return { title: shared.title, models: shared.models, messages: shared.messages };
    };
    const original = await messagesOf(a, share.shortCode);
    expect(original.messages.length).toBeGreaterThan(2);
    expect(await messagesOf(b, codeB)).toEqual(original);

    // B's page draws them: every message, in order, as A's page does.
    const pageA = (await getPage(a, share.shortCode)).body;
    const pageB = (await getPage(b, codeB)).body;
    const messageBlocks = (html: string) =>
      [...html.matchAll(/<li class="cs-message [\s\S]*?<\/li>(?=<li class="cs-message |<\/ol>)/g)].map((match) =>
        match[0].replace(/\s(id|aria-labelledby|for|href)="[^"]*"/g, ''),
      );
    expect(messageBlocks(pageB)).toEqual(messageBlocks(pageA));
    expect(messageBlocks(pageA)).toHaveLength(original.messages.length);
  });

  it('knows a later download of the same link that grew as changed since import', async () => {
    const { id } = await createConversation(a.app, owner);
    const share = await createShare(a.app, owner, { conversationId: id });
    const reader = await signUp(b.app);
    const upload = async (text: string) => {
      const { payload, headers } = multipartFile(text, 'downloaded.chatshare.json');
      return b.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { ...headers, authorization: `Bearer ${reader.token}` },
        payload,
      });
    };
    expect((await upload((await download(share.shortCode)).body)).json().imported).toHaveLength(1);
    const added = await call(a.app, 'POST', `/api/v1/conversations/${id}/messages`, {
      auth: owner.bearer,
      body: { messages: [{ role: 'user', parts: [{ type: 'text', text: 'And in Porto?' }] }] },
    });
    expect(added.statusCode).toBeLessThan(300);
    await call(a.app, 'PATCH', `/api/v1/shares/${share.settings.id}`, { auth: owner.bearer, body: { refresh: true } });
    const grown = await upload((await download(share.shortCode)).body);
    expect(grown.json().imported).toEqual([]);
    expect(grown.json().skipped).toEqual([expect.objectContaining({ code: 'changed_since_import' })]);
  });

  it('refuses a file that was tampered with, storing nothing', async () => {
    const share = await shareOf(a, owner);
    const file = (await download(share.shortCode)).json();
    const reader = await signUp(b.app);
    for (const [body, path] of [
      [{ ...file, version: 7 }, 'version'],
      [{ ...file, messages: [{ ...file.messages[0], role: 'system' }] }, 'messages[0].role'],
      [{ ...file, title: undefined }, 'title'],
    ] as const) {
      const response = await call(b.app, 'POST', '/api/v1/conversations', { auth: reader.bearer, body });
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toMatchObject({ code: 'import_failed' });
      expect(response.json().error.message).toMatch(new RegExp(`^${path.replace(/[[\]]/g, '\\$&')}: `));
    }
    const list = await call(b.app, 'GET', '/api/v1/conversations', { auth: reader.bearer });
    expect(list.json().items).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { buildConversation, call, cookieFrom, signUp, verifyEmail, type TestUser } from '../helpers/api.js';
import { getPage, shareOf } from './helpers.js';
import { revealPage } from './reveal-helpers.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp(
    {},
    { rateLimits: { auth: { max: 10_000, windowMs: 60_000 }, unlock: { max: 1000, windowMs: 60_000 } } },
  );
  owner = await signUp(t.app);
});
afterAll(() => t.close());

const unlockForm = (code: string, password: string) =>
  t.app.inject({
    method: 'POST',
    url: `/s/${code}/unlock`,
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
    payload: `password=${encodeURIComponent(password)}`,
  });

describe('the conversation page', () => {
  it('is rendered on the server with the shared branch only, and nothing hidden', async () => {
    const share = await shareOf(t, owner);
    const response = await getPage(t, share.shortCode);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html.startsWith('<!DOCTYPE html><html lang="en">')).toBe(true);
    expect(html).toContain('<title>Planning a trip to Lisbon · chatshare</title>');
    expect(html).toContain('<h1 class="cs-title">Planning a trip to Lisbon</h1>');
    expect(html).toContain('What should I see in Lisbon?');
    expect(html).toContain('Start with <strong>Alfama</strong> and Belém.');
    expect(html.match(/<li class="cs-message /g)).toHaveLength(2);
    for (const hidden of [
      'SYSTEM-PROMPT-SECRET',
      'CUSTOM-INSTRUCTIONS-SECRET',
      'An older answer',
      'Ana',
      owner.email,
    ]) {
      expect(html).not.toContain(hidden);
    }
  });

  it('has the header, the copy-link field and the footer', async () => {
    const share = await shareOf(t, owner);
    const html = (await getPage(t, share.shortCode)).body;
    expect(html).toContain('2 messages');
    expect(html).toContain(
      '<time dateTime="2026-06-01T12:00:00.000Z">Shared on June 1, 2026</time><span aria-hidden="true"> · </span><span>messages after this were not shared</span>',
    );
    expect(html).toContain(`value="http://localhost:3000/s/${share.shortCode}"`);
    expect(html).toMatch(/<input id="cs-share-link"[^>]*readOnly=""/);
    expect(html).toMatch(
      /<button type="button" class="copy-link-button" data-copy="link" data-copied="Copied" hidden="">Copy link<\/button>/,
    );
    expect(html).toContain('<a class="site-home" href="/"');
    expect(html).toContain('<span>Shared from chatshare</span>');
    expect(html).toContain('<a href="/app/">Start your own</a>');
  });

  it('shows author names only when the owner chose to', async () => {
    const share = await shareOf(t, owner, { showAuthor: true });
    expect((await getPage(t, share.shortCode)).body).toContain('<span class="cs-author">Ana</span>');
  });

  it('speaks German to a German browser, and English otherwise', async () => {
    const share = await shareOf(t, owner);
    const german = await getPage(t, share.shortCode, { headers: { 'accept-language': 'de-DE,de;q=0.9,en;q=0.8' } });
    expect(german.body).toContain('<html lang="de">');
    expect(german.body).toContain('2 Nachrichten');
    expect(german.body).toContain('Geteilt am 1. Juni 2026');
    expect(german.body).toContain('spätere Nachrichten wurden nicht geteilt');
    expect(german.body).toContain('Link kopieren');
    expect(german.body).toContain('Geteilt über chatshare');
    const preferred = await getPage(t, share.shortCode, { headers: { 'accept-language': 'en;q=0.4, de;q=0.7' } });
    expect(preferred.body).toContain('<html lang="de">');
    const french = await getPage(t, share.shortCode, { headers: { 'accept-language': 'fr-FR, fr;q=0.9' } });
    expect(french.body).toContain('<html lang="en">');
    expect(french.body).toContain('Shared on June 1, 2026');
  });

  it('answers HEAD like GET, without a body', async () => {
    const share = await shareOf(t, owner);
    const response = await t.app.inject({ method: 'HEAD', url: `/s/${share.shortCode}` });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });
});

describe('the gates', () => {
  it('asks for the password with a form, says when it was wrong, then shows the page', async () => {
    const share = await shareOf(t, owner, { password: 'open sesame' });
    const locked = await getPage(t, share.shortCode);
    expect(locked.statusCode).toBe(401);
    expect(locked.headers['cache-control']).toBe('private, no-store');
    expect(locked.body).toContain(`<form class="gate-form" action="/s/${share.shortCode}/unlock" method="post">`);
    expect(locked.body).toMatch(/<input id="cs-password" type="password" required=""[^>]* name="password"\/>/);
    expect(locked.body).not.toContain('Lisbon');
    expect(locked.body).not.toContain('Wrong password');

    const wrong = await unlockForm(share.shortCode, 'guess');
    expect(wrong.statusCode).toBe(303);
    const retry = await getPage(t, wrong.headers.location as string);
    expect(retry.statusCode).toBe(401);
    expect(retry.body).toContain('Wrong password. Try again.');

    const right = await unlockForm(share.shortCode, 'open sesame');
    expect(right.headers.location).toBe(`/s/${share.shortCode}`);
    const cookie = cookieFrom(right, `cs_unlock_${share.shortCode}`)!;
    const open = await getPage(t, share.shortCode, { headers: { cookie } });
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain('What should I see in Lisbon?');
    expect(open.headers['cache-control']).toBe('private, no-store');
  });

  it('answers unknown, revoked and hidden private links with the same 404 page, offering sign-in', async () => {
    const revoked = await shareOf(t, owner);
    await call(t.app, 'DELETE', `/api/v1/shares/${revoked.settings.id}`, { auth: owner.bearer });
    const hidden = await shareOf(t, owner, { privacy: 'private', allowedEmails: ['friend@example.com'] });
    const stranger = await signUp(t.app);
    const unknown = await getPage(t, 'AAAAAAAAAAAA');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.body).toContain('This link does not exist');
    expect(unknown.body).toContain('href="/app/signin?next=%2Fs%2FAAAAAAAAAAAA"');
    expect(unknown.headers['cache-control']).toBe('private, no-store');
    const same = (response: { body: string }, code: string) => response.body.replaceAll(code, 'AAAAAAAAAAAA');
    for (const [code, auth] of [
      [revoked.shortCode, undefined],
      [revoked.shortCode, owner.session],
      [hidden.shortCode, undefined],
      [hidden.shortCode, stranger.session],
    ] as const) {
      const response = await getPage(t, code, auth ? { auth } : {});
      expect(response.statusCode).toBe(404);
      expect(same(response, code)).toBe(unknown.body);
    }
    // Something that is not even shaped like a code gets the page too, with a plain sign-in link.
    const odd = await getPage(t, '%3Cscript%3E');
    expect(odd.statusCode).toBe(404);
    expect(odd.body).toContain('href="/app/signin"');
    expect(odd.body).not.toContain('<script>');
  });

  it('shows a private link to an invited, verified viewer and to the owner', async () => {
    const friend = await signUp(t.app, `friend-${Date.now()}@example.com`);
    await verifyEmail(t.app, t.mailer.sent, friend.email);
    const share = await shareOf(t, owner, { privacy: 'private', allowedEmails: [friend.email] });
    for (const viewer of [friend, owner]) {
      const response = await getPage(t, share.shortCode, { auth: viewer.session });
      expect(response.statusCode).toBe(200);
      expect(response.headers['cache-control']).toBe('private, no-store');
    }
  });

  it('shows "this link has expired" with 410, while the owner still sees the page', async () => {
    const share = await shareOf(t, owner, { expiresIn: 1 });
    expect((await getPage(t, share.shortCode)).statusCode).toBe(200);
    t.clock.advance(3600_000);
    const expired = await getPage(t, share.shortCode);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');
    expect(expired.body).not.toContain('Lisbon');
    const own = await getPage(t, share.shortCode, { auth: owner.session });
    expect(own.statusCode).toBe(200);
    expect(own.headers['cache-control']).toBe('private, no-store');
  });

  it('answers a used-up view limit with the used-up page', async () => {
    const share = await shareOf(t, owner, { maxViews: 2 });
    expect((await revealPage(t, share.shortCode)).statusCode).toBe(200);
    expect((await revealPage(t, share.shortCode)).statusCode).toBe(200);
    const third = await getPage(t, share.shortCode);
    expect(third.statusCode).toBe(410);
    expect(third.body).toContain('This link has been used up');
  });

  it('shows the gates in German too', async () => {
    const share = await shareOf(t, owner, { password: 'geheim!!' });
    const response = await getPage(t, share.shortCode, { headers: { 'accept-language': 'de' } });
    expect(response.body).toContain('Diese Unterhaltung ist geschützt');
    expect(response.body).toContain('Passwort');
  });
});

describe('GET /s/:code.md', () => {
  it('returns the conversation as Markdown', async () => {
    const share = await shareOf(t, owner, { showAuthor: true });
    const response = await call(t.app, 'GET', `/s/${share.shortCode}.md`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.body).toBe(
      [
        '# Planning a trip to Lisbon',
        '',
        `2 messages · Shared on June 1, 2026 · messages after this were not shared  \nLink: http://localhost:3000/s/${share.shortCode}`,
        '',
        '---',
        '',
        '### Ana (You)',
        '',
        'What should I see in Lisbon?',
        '',
        '---',
        '',
        '### Assistant · gpt-4o',
        '',
        '> **Reasoning**\n>\n> Think about neighbourhoods.',
        '',
        'Start with **Alfama** and Belém.',
        '',
      ].join('\n'),
    );
  });

  it('fences code safely and keeps titles and names from becoming markup', async () => {
    const conversation = buildConversation({
      title: '# <b>Not a heading</b>',
      messages: [
        {
          id: 'u',
          parentId: null,
          role: 'user',
          author: '*Eve*',
          parts: [{ type: 'code', language: 'md', text: 'a ``` b ```` c' }],
        },
      ],
      currentLeafId: 'u',
    });
    const share = await shareOf(t, owner, { showAuthor: true }, conversation);
    const body = (await call(t.app, 'GET', `/s/${share.shortCode}.md`)).body;
    expect(body).toContain('# \\# \\<b\\>Not a heading\\</b\\>');
    expect(body).toContain('### \\*Eve\\* (You)');
    expect(body).toContain('`````md\na ``` b ```` c\n`````');
  });

  it('follows the same access rules as the page', async () => {
    expect((await call(t.app, 'GET', '/s/AAAAAAAAAAAA.md')).statusCode).toBe(404);
    const locked = await shareOf(t, owner, { password: 'open sesame' });
    expect((await call(t.app, 'GET', `/s/${locked.shortCode}.md`)).statusCode).toBe(401);
    const cookie = cookieFrom(await unlockForm(locked.shortCode, 'open sesame'), `cs_unlock_${locked.shortCode}`)!;
    const unlocked = await call(t.app, 'GET', `/s/${locked.shortCode}.md`, { headers: { cookie } });
    expect(unlocked.statusCode).toBe(200);
    expect(unlocked.headers['cache-control']).toBe('private, no-store');
    const hidden = await shareOf(t, owner, { privacy: 'private' });
    expect((await call(t.app, 'GET', `/s/${hidden.shortCode}.md`)).statusCode).toBe(404);
    expect((await call(t.app, 'GET', `/s/${hidden.shortCode}.md`, { auth: owner.session })).statusCode).toBe(200);
    const expiring = await shareOf(t, owner, { expiresIn: 1 });
    const revoked = await shareOf(t, owner);
    await call(t.app, 'DELETE', `/api/v1/shares/${revoked.settings.id}`, { auth: owner.bearer });
    expect((await call(t.app, 'GET', `/s/${revoked.shortCode}.md`)).statusCode).toBe(404);
    t.clock.advance(3600_000);
    expect((await call(t.app, 'GET', `/s/${expiring.shortCode}.md`)).statusCode).toBe(410);
  });

  it('speaks German to a German browser', async () => {
    const share = await shareOf(t, owner);
    const body = (await call(t.app, 'GET', `/s/${share.shortCode}.md`, { headers: { 'accept-language': 'de' } })).body;
    expect(body).toContain('### Du');
    expect(body).toContain('2 Nachrichten · Geteilt am 1. Juni 2026');
  });
});

describe('too many misses', () => {
  it('answers further unknown codes with a 429 page for that address, and still opens real links', async () => {
    const limited = await buildTestApp(
      {},
      { rateLimits: { auth: { max: 1000, windowMs: 60_000 }, shareMiss: { max: 3, windowMs: 60_000 } } },
    );
    try {
      const user = await signUp(limited.app);
      const share = await shareOf(limited, user);
      for (let i = 0; i < 3; i++) expect((await getPage(limited, 'AAAAAAAAAAA' + i)).statusCode).toBe(404);
      const blocked = await getPage(limited, 'AAAAAAAAAAA9');
      expect(blocked.statusCode).toBe(429);
      expect(blocked.headers['retry-after']).toBeDefined();
      expect(blocked.body).toContain('Too many requests');
      const open = await getPage(limited, share.shortCode);
      expect(open.statusCode).toBe(200);
      expect(open.body).toContain('Lisbon');
    } finally {
      await limited.close();
    }
  });

  it('sends a form that tries too many passwords back to the form, with a message', async () => {
    const limited = await buildTestApp(
      {},
      { rateLimits: { auth: { max: 1000, windowMs: 60_000 }, unlock: { max: 2, windowMs: 60_000 } } },
    );
    try {
      const user = await signUp(limited.app);
      const share = await shareOf(limited, user, { password: 'open sesame' });
      const attempt = () =>
        limited.app.inject({
          method: 'POST',
          url: `/s/${share.shortCode}/unlock`,
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost:3000' },
          payload: 'password=wrong',
        });
      await attempt();
      await attempt();
      const blocked = await attempt();
      expect(blocked.statusCode).toBe(303);
      expect(blocked.headers.location).toBe(`/s/${share.shortCode}?error=rate_limited`);
      const page = await getPage(limited, blocked.headers.location as string);
      expect(page.statusCode).toBe(401);
      expect(page.body).toContain('Too many attempts. Try again later.');
      // JSON clients still get the JSON error.
      const json = await call(limited.app, 'POST', `/s/${share.shortCode}/unlock`, { body: { password: 'x' } });
      expect(json.statusCode).toBe(429);
      expect(json.json().error.code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});

/**
 * The share page's short path (routes/pages/share-page-fast-path.ts) answers exactly what the
 * full route answers, takes only the requests it may, and leaves everything else to the full
 * route. Requests through `call` go through the server's listener (front-door.ts) and so
 * meet the short path; `app.inject` goes to Fastify alone, the full route.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { BROWSER, getPage, storedViews } from './helpers.js';
import { LIVE_STATE_RATE_LIMITS, markedShare, revoke } from './live-state-helpers.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp({}, { rateLimits: LIVE_STATE_RATE_LIMITS });
  owner = await signUp(t.app);
});
afterAll(() => t.close());

/** How often the short path answered (served) or looked up and left a request (declined). */
async function shortPathCounts() {
  const metric = await t.app.metrics.registry.getSingleMetric('chatshare_share_page_short_path_total')?.get();
  const count = (result: string) => metric?.values.find((value) => value.labels.result === result)?.value ?? 0;
  return { served: count('served'), declined: count('declined') };
}

/** The same request to the full route alone (Fastify, no short path). */
const fullRoute = (path: string, headers: Record<string, string>) =>
  t.app.inject({ method: 'GET', url: path, headers: { 'user-agent': BROWSER, ...headers } });

/** Everything of a response but what the connection decides (date, keep-alive). */
function answerOf(response: LightMyRequestResponse) {
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(([name]) => !['date', 'connection', 'keep-alive'].includes(name)),
  );
  return { status: response.statusCode, headers, body: response.rawPayload.toString('base64') };
}

const VARIANTS: [string, Record<string, string>][] = [
  ['uncompressed', { 'accept-encoding': 'identity' }],
  ['as a browser asks', { 'accept-encoding': 'gzip, deflate, br', 'accept-language': 'en-GB,en;q=0.9' }],
  ['gzip, in German', { 'accept-encoding': 'gzip', 'accept-language': 'de' }],
  ['a link preview bot', { 'user-agent': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)' }],
];

describe(`the share page's short path (${DIALECT})`, () => {
  it('answers a public page byte for byte and header for header as the full route does', async () => {
    for (const settings of [{}, { allowIndexing: true }, { allowEmbed: false }, { privacy: 'unlisted' }]) {
      const { code } = await markedShare(t, owner, settings);
      for (const [name, headers] of VARIANTS) {
        const before = await shortPathCounts();
        const short = await getPage(t, code, { headers });
        expect((await shortPathCounts()).served, `${name} ${JSON.stringify(settings)}`).toBe(before.served + 1);
        const full = await fullRoute(`/s/${code}`, headers);
        expect(short.statusCode).toBe(200);
        expect(answerOf(short), `${name} ${JSON.stringify(settings)}`).toEqual(answerOf(full));
      }
    }
  });

  it('counts each reader once and a preview bot not at all, like the full route', async () => {
    const { code, id } = await markedShare(t, owner);
    const stored = await storedViews(t, id);
    for (let i = 0; i < 5; i++) await getPage(t, code);
    await getPage(t, code, { headers: { 'user-agent': 'Slackbot-LinkExpanding 1.0' } });
    await t.app.repos.shares.flushViews();
    expect(await storedViews(t, id)).toBe(stored + 5);
  });

  it('leaves every refusal to the full route, which answers it as before', async () => {
    const links = {
      password: await markedShare(t, owner, { password: 'a long secret' }),
      private: await markedShare(t, owner, { privacy: 'private', allowedEmails: ['someone@example.com'] }),
      'view-limited': await markedShare(t, owner, { maxViews: 3 }),
      revoked: await markedShare(t, owner),
    };
    await revoke(t, owner, links.revoked.id);
    const unknown = [...links.revoked.code].reverse().join('');
    const cases = [
      ...Object.entries(links).map(([name, link]) => [name, link.code, link.marker]),
      ['unknown', unknown, ''],
    ];
    for (const [name, code, marker] of cases) {
      const before = await shortPathCounts();
      const response = await getPage(t, code!);
      const after = await shortPathCounts();
      expect(after, name).toEqual({ served: before.served, declined: before.declined + 1 });
      expect(response.statusCode, name).toBe((await fullRoute(`/s/${code}`, {})).statusCode);
      if (marker) expect(response.body, name).not.toContain(marker);
    }
  });

  it('does not even look at requests that carry a cookie, a validator or a query, nor at HEAD', async () => {
    const { code } = await markedShare(t, owner);
    const before = await shortPathCounts();
    const etag = String((await fullRoute(`/s/${code}`, {})).headers.etag);
    const answers = [
      await getPage(t, code, { cookies: { theme: 'dark' } }),
      await getPage(t, code, { headers: { 'if-none-match': etag } }),
      await getPage(t, `/s/${code}?utm_source=chat`),
      await getPage(t, `/s/${code}/`),
      await call(t.app, 'GET', `/s/${code}.md`),
    ];
    const head = await t.app.inject({ method: 'HEAD', url: `/s/${code}` });
    expect(answers.map((response) => response.statusCode)).toEqual([200, 304, 200, 200, 200]);
    expect(head.statusCode).toBe(200);
    expect(await shortPathCounts()).toEqual(before);
  });

  it('is answered at the next request after a revoke, on the short path as on the full one', async () => {
    const { code, id, marker } = await markedShare(t, owner);
    expect((await getPage(t, code)).body).toContain(marker);
    await revoke(t, owner, id);
    const response = await getPage(t, code);
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(marker);
  });
});

describe(`the short path's log line (${DIALECT})`, () => {
  it('logs a page it answered as Fastify logs a request, at level info', async () => {
    const lines: string[] = [];
    const logged = await buildTestApp({ logLevel: 'info' }, { logStream: { write: (line) => void lines.push(line) } });
    try {
      const user = await signUp(logged.app);
      const { code } = await markedShare(logged, user);
      expect((await getPage(logged, code)).statusCode).toBe(200);
      const entries = lines.map((line) => JSON.parse(line) as { msg: string; req?: { url?: string }; res?: object });
      const completed = entries.filter((entry) => entry.msg === 'request completed' && entry.req?.url === `/s/${code}`);
      expect(completed).toHaveLength(1);
      expect(completed[0]!.res).toEqual({ statusCode: 200 });
    } finally {
      await logged.close();
    }
  });
});

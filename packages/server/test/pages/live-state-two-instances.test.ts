/**
 * The live-state rules across two instances on one database (and one Redis, when the suite
 * has one): instance A serves a link's page in every variant (so A keeps it), the link is
 * changed through instance B, and A's very next request answers by the new state. A's kept
 * pages, its rendered-page cache and anything it stored must never outlive a change made
 * elsewhere. In-process (see two-instances.ts); the process-and-nginx deployment is in
 * test/cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECT, TEST_REDIS_URL, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
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
import { buildTwoInstances, type TwoInstances } from './two-instances.js';

const SETUP = `${DIALECT}${TEST_REDIS_URL ? ' + Redis' : ''}`;

let pair: TwoInstances;
let a: TestApp;
let b: TestApp;
let admin: TestUser;
let owner: TestUser;
let stranger: TestUser;
beforeAll(async () => {
  pair = await buildTwoInstances(LIVE_STATE_RATE_LIMITS);
  ({ a, b } = pair);
  // The first account is the instance's admin: signed up on A, acting on B.
  admin = await signUp(a.app);
  owner = await signUp(a.app);
  stranger = await signUp(b.app);
});
afterAll(() => pair?.close());

const HOUR = 3600_000;

describe(`two instances: a change made through B, at A's next request (${SETUP})`, () => {
  it('share on A, seen on B: both instances read one database', async () => {
    const { code, marker } = await markedShare(a, owner);
    await servePage(b, code, marker);
    const made = await markedShare(b, owner);
    await servePage(a, made.code, made.marker);
  });

  it('a revoke through B is the 404 on A', async () => {
    const { code, id, marker } = await markedShare(a, owner);
    const kept = await servePage(a, code, marker);
    const others = await serveOthers(a, code, marker);
    await revoke(b, owner, id);
    await expectPageRefused(a, code, kept, 'not_found', [marker]);
    await expectPageRefused(a, code, kept, 'not_found', [marker], { auth: owner.session });
    await expectOthersRefused(a, others, 404, [marker]);
    const gone = await getPage(a, code, { headers: { 'accept-encoding': 'identity' } });
    expect(gone.body).toBe(await unknownPageFor(a, code));
  });

  it('a new code given through B makes the old one a 404 on A', async () => {
    const { code, id, marker } = await markedShare(a, owner);
    const kept = await servePage(a, code, marker);
    const rotated = await call(b.app, 'POST', `/api/v1/shares/${id}/rotate`, { auth: owner.bearer });
    expect(rotated.statusCode).toBe(200);
    await expectPageRefused(a, code, kept, 'not_found', [marker]);
    await servePage(a, rotated.json().shortCode as string, marker);
  });

  it('a password set through B locks A at once; changed through B, A refuses the cookie A set', async () => {
    const { code, id, marker } = await markedShare(a, owner);
    const kept = await servePage(a, code, marker);
    const others = await serveOthers(a, code, marker);
    await patchShare(b, owner, id, { password: 'first secret' });
    await expectPageRefused(a, code, kept, 'password', [marker]);
    await expectOthersRefused(a, others, 401, [marker]);

    // Unlocked on A, and served (so kept) there to the unlocked reader.
    const first = await unlockWith(a, code, 'first secret');
    expect(first).toBeDefined();
    const unlockedKept = new Map<string, string | undefined>();
    for (const variant of VARIANTS) {
      const open = await getPage(a, code, { headers: { ...variant.headers, cookie: first! } });
      expect(open.statusCode, variant.name).toBe(200);
      expect(decoded(open), variant.name).toContain(marker);
      unlockedKept.set(variant.name, open.headers.etag as string | undefined);
    }

    await patchShare(b, owner, id, { password: 'second secret' });
    await expectPageRefused(a, code, unlockedKept, 'password', [marker], { cookie: first! });
    const md = await call(a.app, 'GET', `/s/${code}.md`, { headers: { cookie: first! } });
    expect(md.statusCode).toBe(401);
    expect(md.body).not.toContain(marker);
    expect(await unlockWith(a, code, 'first secret')).toBeUndefined();
    // The new password, given on B, opens the link on A.
    const second = await unlockWith(b, code, 'second secret');
    expect(second).toBeDefined();
    const open = await getPage(a, code, { headers: { cookie: second! } });
    expect(open.statusCode).toBe(200);
    expect(open.body).toContain(marker);
  });

  it('a takedown through B is the 404 on A, and its owner is told why on A', async () => {
    const { code, id, marker } = await markedShare(a, owner, { privacy: 'public' });
    const kept = await servePage(a, code, marker);
    const others = await serveOthers(a, code, marker);
    await takeDown(b.app, admin, id, 'Spam links.');
    await expectPageRefused(a, code, kept, 'not_found', [marker]);
    await expectPageRefused(a, code, kept, 'not_found', [marker], { auth: stranger.session });
    await expectOthersRefused(a, others, 404, [marker]);
    const own = await getPage(a, code, { auth: owner.session });
    expectRefusal(own, 'taken_down', [marker], { label: 'owner' });
  });

  it('an expiry set through B expires the link on A', async () => {
    const { code, id, marker } = await markedShare(a, owner);
    const kept = await servePage(a, code, marker);
    const others = await serveOthers(a, code, marker);
    const patched = await patchShare(b, owner, id, { expiresIn: 1 });
    const expiresAt = new Date(String(patched.settings.expiresAt)).getTime();
    a.clock.set(new Date(expiresAt - 1));
    expect((await getPage(a, code)).statusCode).toBe(200);
    a.clock.set(new Date(expiresAt));
    await expectPageRefused(a, code, kept, 'expired', [marker]);
    await expectOthersRefused(a, others, 410, [marker]);
  });

  it('a link made on B with an expiry, served on A, expires on A on time', async () => {
    const { code, marker } = await markedShare(b, owner, { expiresIn: 2 });
    const kept = await servePage(a, code, marker);
    const others = await serveOthers(a, code, marker);
    a.clock.advance(2 * HOUR);
    await expectPageRefused(a, code, kept, 'expired', [marker]);
    await expectOthersRefused(a, others, 410, [marker]);
  });

  it('a view limit holds over reveals split across A and B', async () => {
    const { code, marker } = await markedShare(a, owner, { maxViews: 3 });
    expect((await getPage(a, code)).body).toContain('can be opened 3 more times');
    await expectRevealed(a, code, marker);
    await expectRevealed(b, code, marker);
    // A counts B's view at once.
    const step = await getPage(a, code);
    expect(step.body).toContain('can be opened 1 more time');
    expect(step.body).not.toContain(marker);
    await expectRevealed(a, code, marker);

    expectRefusal(await revealPage(b, code), 'used_up', [marker], { label: 'fourth reveal, on B' });
    expectRefusal(await revealPage(a, code), 'used_up', [marker], { label: 'fifth reveal, on A' });
    await expectPageRefused(a, code, new Map(), 'used_up', [marker]);
    await expectPageRefused(b, code, new Map(), 'used_up', [marker]);
  });

  it('the last view used on B refuses the next reveal on A', async () => {
    const { code, marker } = await markedShare(a, owner, { maxViews: 1 });
    expect((await getPage(a, code)).statusCode).toBe(200);
    await expectRevealed(b, code, marker);
    expectRefusal(await revealPage(a, code), 'used_up', [marker], { label: 'reveal on A' });
    // The very request A answered with the reveal step before.
    expectRefusal(await getPage(a, code), 'used_up', [marker], { label: 'page on A' });
    await expectPageRefused(a, code, new Map(), 'used_up', [marker]);
  });

  it('a link made private through B is the 404 for strangers on A', async () => {
    const { code, id, marker } = await markedShare(a, owner);
    const kept = await servePage(a, code, marker);
    const others = await serveOthers(a, code, marker);
    await patchShare(b, owner, id, { privacy: 'private', allowedEmails: ['friend@example.com'] });
    await expectPageRefused(a, code, kept, 'not_found', [marker]);
    await expectPageRefused(a, code, kept, 'not_found', [marker], { auth: stranger.session });
    await expectOthersRefused(a, others, 404, [marker]);
  });

  it('a refresh through B is the new snapshot on A, and an old ETag gets the new page', async () => {
    const marker = uniqueMarker();
    const oldTitle = uniqueMarker('OLD');
    const share = await shareOf(a, owner, {}, markedConversation(marker, oldTitle));
    const code = share.shortCode;
    const kept = await servePage(a, code, oldTitle);
    const others = await serveOthers(a, code, oldTitle);
    // B has the old page too, as a reader through the proxy would have made it.
    await servePage(b, code, oldTitle);

    const newTitle = uniqueMarker('NEW');
    const newMarker = uniqueMarker('LATER');
    await changeConversation(b, owner, String(share.settings.conversationId), {
      title: `Renamed ${newTitle}`,
      marker: newMarker,
    });
    await patchShare(b, owner, share.settings.id, { refresh: true });

    for (const instance of [a, b]) {
      for (const variant of VARIANTS) {
        const etag = kept.get(variant.name)!;
        const response = await getPage(instance, code, { headers: { ...variant.headers, 'if-none-match': etag } });
        const label = `${instance === a ? 'A' : 'B'}, ${variant.name}`;
        expect(response.statusCode, label).toBe(200);
        expect(response.headers.etag, label).not.toBe(etag);
        const body = decoded(response);
        expect(body, label).toContain(newTitle);
        expect(body, label).toContain(newMarker);
        expect(body, label).not.toContain(oldTitle);
      }
    }
    for (const [path, etag] of others) {
      const response = await getPage(a, path, { headers: etag ? { 'if-none-match': etag } : {} });
      expect(response.statusCode, path).toBe(200);
      expect(decoded(response), path).toContain(newMarker);
      expect(decoded(response), path).not.toContain(oldTitle);
    }
    // The same page on both: the ETag one gave revalidates on the other.
    const onA = await getPage(a, code);
    const onB = await getPage(b, code, { headers: { 'if-none-match': onA.headers.etag as string } });
    expect(onB.statusCode).toBe(304);
  });

  it('a display name changed through B is the name on A at once, the old one gone', async () => {
    const sharer = await signUp(a.app);
    const before = uniqueMarker('NAME');
    const setName = async (instance: TestApp, name: string | null) => {
      const response = await call(instance.app, 'PATCH', '/api/v1/me', { auth: sharer.bearer, body: { name } });
      expect(response.statusCode).toBe(200);
    };
    await setName(a, `Sharer ${before}`);
    const { code, marker } = await markedShare(a, sharer, { showAuthor: true });
    const kept = await servePage(a, code, before);
    const after = uniqueMarker('NAME');
    await setName(b, `Sharer ${after}`);
    for (const variant of VARIANTS) {
      const etag = kept.get(variant.name)!;
      const response = await getPage(a, code, { headers: { ...variant.headers, 'if-none-match': etag } });
      expect(response.statusCode, variant.name).toBe(200);
      const body = decoded(response);
      expect(body, variant.name).toContain(after);
      expect(body, variant.name).not.toContain(before);
      expect(body, variant.name).toContain(marker);
    }
    await setName(b, null);
    const unnamed = decoded(await getPage(a, code));
    expect(unnamed).not.toContain(after);
    expect(unnamed).not.toContain('Shared by');
  });

  it('embedding turned off through B stops the frame on A', async () => {
    const { code, id, marker } = await markedShare(a, owner);
    const others = await serveOthers(a, code, marker);
    await patchShare(b, owner, id, { allowEmbed: false });
    const etag = others.get(`/embed/${code}`);
    const embed = await getPage(a, `/embed/${code}`, { headers: etag ? { 'if-none-match': etag } : {} });
    expect(embed.statusCode).toBe(403);
    expect(embed.headers.etag).toBeUndefined();
    expect(decoded(embed)).not.toContain(marker);
  });
});

/**
 * Links with live updates (services/live-updates.ts): a change to the conversation is on the
 * page at the next request, through the same presenter; a change with possible secrets waits
 * for the owner; revoke still closes the link at once. Pages are read through the server's
 * listener, so through the short path and its in-memory pages, as real readers read them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, DIALECT, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import { getPage } from './helpers.js';
import { LIVE_STATE_RATE_LIMITS, markedShare, patchShare, revoke, uniqueMarker } from './live-state-helpers.js';

let t: TestApp;
let owner: TestUser;
beforeAll(async () => {
  t = await buildTestApp({}, { rateLimits: LIVE_STATE_RATE_LIMITS });
  owner = await signUp(t.app);
});
afterAll(() => t.close());

// Shaped like a real key, so the secret scan finds it (core secrets.ts).
const SECRET = 'sk-proj-' + 'Q7vX2mN9pL4kR8tY1wZ6bC3dF5gH0jS2aE4uI7oP9qW1xV3n';

type Sent = { role: string; content: string };

async function append(conversationId: string, messages: Sent[], parentId?: string) {
  const response = await call(t.app, 'POST', `/api/v1/conversations/${conversationId}/messages`, {
    auth: owner.bearer,
    body: { messages, ...(parentId !== undefined ? { parentId } : {}) },
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    currentLeafId: string;
    liveLink?: { shareId: string; status: string; reason?: string; warnings: { redacted: boolean }[] };
  };
}

async function liveShare(settings: Record<string, unknown> = {}) {
  const made = await markedShare(t, owner, { liveUpdates: true, ...settings });
  return { ...made, conversationId: made.share.settings.conversationId as string };
}

async function settingsOf(id: string) {
  const response = await call(t.app, 'GET', `/api/v1/shares/${id}`, { auth: owner.bearer });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { settings: { liveUpdates: { follows: string; held: { reason: string } | null } | null } })
    .settings;
}

describe(`live links (${DIALECT})`, () => {
  it('shows an appended message at the next request, and says the link is live and when it changed', async () => {
    const { code, id, conversationId, marker } = await liveShare();
    const before = await getPage(t, code);
    expect(before.body).toContain(`Answer ${marker}`);
    expect(before.body).toContain('this link shows the conversation as it is now');
    expect(before.body).toContain('Last changed on');

    const added = uniqueMarker('ADDED');
    const answer = await append(conversationId, [
      { role: 'user', content: `Follow-up ${added}` },
      { role: 'assistant', content: `Reply ${added}` },
    ]);
    expect(answer.liveLink).toMatchObject({ shareId: id, status: 'published', warnings: [] });
    const after = await getPage(t, code);
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain(`Follow-up ${added}`);
    expect(after.body).toContain(`Reply ${added}`);
    expect((await call(t.app, 'GET', `/s/${code}.md`)).body).toContain(`Reply ${added}`);
    const shared = await call(t.app, 'GET', `/api/v1/shared/${code}`);
    expect(shared.json()).toMatchObject({ live: true, messageCount: 4 });
    expect((await settingsOf(id)).liveUpdates).toEqual({ follows: 'current', held: null });
  });

  it('leaves a snapshot link as it was: live updates are opt-in', async () => {
    const { code, share } = await markedShare(t, owner);
    const added = uniqueMarker('LATER');
    const answer = await append(share.settings.conversationId as string, [{ role: 'user', content: added }]);
    expect(answer.liveLink).toBeUndefined();
    const page = await getPage(t, code);
    expect(page.body).not.toContain(added);
    expect(page.body).toContain('messages after this were not shared');
    expect((await call(t.app, 'GET', `/api/v1/shared/${code}`)).json()).toMatchObject({ live: false });
  });

  it('is a 404 at once after revoke, and a change after that publishes nothing', async () => {
    const { code, id, conversationId } = await liveShare();
    expect((await getPage(t, code)).statusCode).toBe(200);
    await revoke(t, owner, id);
    expect((await getPage(t, code)).statusCode).toBe(404);
    const added = uniqueMarker('AFTER');
    expect((await append(conversationId, [{ role: 'user', content: added }])).liveLink).toBeUndefined();
    const page = await getPage(t, code);
    expect(page.statusCode).toBe(404);
    expect(page.body).not.toContain(added);
  });

  it('holds back a message with a possible secret until the owner decides', async () => {
    const { code, id, conversationId } = await liveShare();
    const added = uniqueMarker('KEY');
    const answer = await append(conversationId, [{ role: 'user', content: `${added} my key is ${SECRET}` }]);
    expect(answer.liveLink).toMatchObject({ shareId: id, status: 'held', reason: 'secrets' });
    expect(answer.liveLink!.warnings.length).toBeGreaterThan(0);
    expect((await settingsOf(id)).liveUpdates?.held?.reason).toBe('secrets');
    // Held: neither the secret nor the message around it is published, and later clean messages wait too.
    const clean = uniqueMarker('CLEAN');
    expect((await append(conversationId, [{ role: 'assistant', content: clean }])).liveLink?.status).toBe('held');
    const held = await getPage(t, code);
    expect(held.body).not.toContain(SECRET);
    expect(held.body).not.toContain(added);
    expect(held.body).not.toContain(clean);

    // The owner decides to redact: the link catches up, the secret replaced, and follows again.
    await patchShare(t, owner, id, { refresh: true, redact: true });
    expect((await settingsOf(id)).liveUpdates).toEqual({ follows: 'current', held: null });
    const caught = await getPage(t, code);
    expect(caught.body).toContain(added);
    expect(caught.body).toContain(clean);
    expect(caught.body).not.toContain(SECRET);
    expect(caught.body).toContain('REDACTED');
  });

  it('publishes a redacting link at once, the secret replaced and reported', async () => {
    const { code, conversationId } = await liveShare({ redact: true });
    const added = uniqueMarker('RED');
    const answer = await append(conversationId, [{ role: 'user', content: `${added} ${SECRET}` }]);
    expect(answer.liveLink?.status).toBe('published');
    expect(answer.liveLink?.warnings.map((warning) => warning.redacted)).toEqual([true]);
    const page = await getPage(t, code);
    expect(page.body).toContain(added);
    expect(page.body).not.toContain(SECRET);
  });

  it("follows the conversation's current branch when it forks", async () => {
    const { code, conversationId, marker } = await liveShare();
    const forked = uniqueMarker('FORK');
    // A new answer beside the first one: the conversation's current branch moves to it.
    await append(conversationId, [{ role: 'assistant', content: `Other answer ${forked}` }], 'u-1');
    const page = await getPage(t, code);
    expect(page.body).toContain(`Other answer ${forked}`);
    expect(page.body).not.toContain(`Answer ${marker}`);
    expect(page.body).toContain(`Ask ${marker}`);
  });

  it('follows a chosen branch as it grows, and stays on it when the conversation moves elsewhere', async () => {
    const marker = uniqueMarker();
    const { id: conversationId } = (
      await call(t.app, 'POST', '/api/v1/conversations', {
        auth: owner.bearer,
        body: {
          title: `Branches ${marker}`,
          messages: [
            { id: 'q', parentId: null, role: 'user', parts: [{ type: 'text', text: `Ask ${marker}` }] },
            { id: 'a1', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: `First ${marker}` }] },
            { id: 'a2', parentId: 'q', role: 'assistant', parts: [{ type: 'text', text: `Second ${marker}` }] },
          ],
          currentLeafId: 'a2',
        },
      })
    ).json() as { id: string };
    const made = await call(t.app, 'POST', '/api/v1/shares', {
      auth: owner.bearer,
      body: { conversationId, liveUpdates: true, leafMessageId: 'a1' },
    });
    expect(made.statusCode, made.body).toBe(201);
    const { shortCode: code, settings } = made.json() as { shortCode: string; settings: { id: string } };
    expect((await settingsOf(settings.id)).liveUpdates?.follows).toBe('chosen');

    const onCurrent = uniqueMarker('CURRENT');
    await append(conversationId, [{ role: 'user', content: onCurrent }]);
    const onChosen = uniqueMarker('CHOSEN');
    await append(conversationId, [{ role: 'user', content: onChosen }], 'a1');
    const page = await getPage(t, code);
    expect(page.body).toContain(`First ${marker}`);
    expect(page.body).toContain(onChosen);
    expect(page.body).not.toContain(`Second ${marker}`);
    expect(page.body).not.toContain(onCurrent);
  });

  it('catches up when turned on, follows renames, and stops when turned off', async () => {
    const { code, id, share, marker } = await markedShare(t, owner);
    const conversationId = share.settings.conversationId as string;
    const early = uniqueMarker('EARLY');
    await append(conversationId, [{ role: 'user', content: early }]);
    expect((await getPage(t, code)).body).not.toContain(early);

    await patchShare(t, owner, id, { liveUpdates: true });
    expect((await getPage(t, code)).body).toContain(early);
    const renamed = await call(t.app, 'PATCH', `/api/v1/conversations/${conversationId}`, {
      auth: owner.bearer,
      body: { title: `Renamed ${marker}` },
    });
    expect(renamed.json()).toMatchObject({ liveLink: { status: 'published' } });
    expect((await getPage(t, code)).body).toContain(`Renamed ${marker}`);

    await patchShare(t, owner, id, { liveUpdates: false });
    expect((await settingsOf(id)).liveUpdates).toBeNull();
    const late = uniqueMarker('LATE');
    expect((await append(conversationId, [{ role: 'user', content: late }])).liveLink).toBeUndefined();
    expect((await getPage(t, code)).body).not.toContain(late);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, signUp, type TestUser } from '../helpers/api.js';
import {
  buildSnapshot,
  conversationCount,
  publicationBody,
  publish,
  SENDER,
  signUpNamed,
} from '../helpers/community.js';

let hub: TestApp;
let person: TestUser;
beforeAll(async () => {
  hub = await buildTestApp();
  person = await signUpNamed(hub.app, 'Rita');
});
afterAll(() => hub.close());

const readShared = (app: TestApp, code: string) => call(app.app, 'GET', `/api/v1/shared/${code}`);

describe('POST /api/v1/community/publications', () => {
  it("stores the conversation and a public link in the signed-in person's account, with the chosen title", async () => {
    const before = await conversationCount(hub.app, person);
    const response = await publish(hub.app, person);
    expect(response.statusCode).toBe(201);
    const share = response.json();
    expect(share.shareUrl).toBe(`http://localhost:3000/s/${share.shortCode}`);
    expect(share.settings).toMatchObject({ privacy: 'public', title: 'Lisbon in three days', showAuthor: false });
    expect(await conversationCount(hub.app, person)).toBe(before + 1);

    const shared = (await readShared(hub, share.shortCode)).json();
    expect(shared.title).toBe('Lisbon in three days');
    expect(shared.sharedBy).toBeNull();
    expect(shared.messages.map((message: { parts: { text: string }[] }) => message.parts[0]!.text)).toEqual([
      'What should I see in Lisbon?',
      'Start with **Alfama** and Belém.',
    ]);
    expect(shared.messages[0].author).toBeUndefined();
    const conversation = (
      await call(hub.app, 'GET', `/api/v1/conversations/${share.settings.conversationId}`, { auth: person.session })
    ).json();
    expect(conversation.source.format).toBe('chatshare');
    expect(conversation.models).toEqual(['gpt-4o']);
  });

  it("shows the publisher's name (and the authors') only when they chose to", async () => {
    const share = (await publish(hub.app, person, publicationBody({ showAuthor: true }))).json();
    const shared = (await readShared(hub, share.shortCode)).json();
    expect(shared.sharedBy).toBe('Rita');
    expect(shared.messages[0].author).toBe('Ana');
  });

  it('needs a signed-in person and writes nothing otherwise', async () => {
    const response = await call(hub.app, 'POST', '/api/v1/community/publications', { body: publicationBody() });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('unauthenticated');
  });

  it('refuses what is not a conversation in the snapshot format with a 400, and stores nothing', async () => {
    const before = await conversationCount(hub.app, person);
    const bad = [
      { conversation: 'hello' },
      { conversation: buildSnapshot({ format: 2 }) },
      { conversation: buildSnapshot({ messages: [] }) },
      { conversation: buildSnapshot({ messages: [{ id: 'm1', parentId: null, role: 'wizard', parts: [] }] }) },
      { conversation: buildSnapshot({ extra: '<script>alert(1)</script>' }) },
      { title: '   ' },
      { sourceOrigin: 'https://chat.sender.example/path' },
      { sourceOrigin: 'null' },
    ];
    for (const overrides of bad) {
      const response = await publish(hub.app, person, publicationBody(overrides));
      expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(['import_failed', 'invalid_conversation', 'validation_failed']).toContain(response.json().error.code);
    }
    expect(await conversationCount(hub.app, person)).toBe(before);
  });

  it('leaves nothing behind when the link cannot be made', async () => {
    const before = await conversationCount(hub.app, person);
    const original = hub.app.shareService.createOrRefresh;
    hub.app.shareService.createOrRefresh = async () => {
      throw new Error('the disk is full');
    };
    try {
      expect((await publish(hub.app, person)).statusCode).toBe(500);
    } finally {
      hub.app.shareService.createOrRefresh = original;
    }
    expect(await conversationCount(hub.app, person)).toBe(before);
  });
});

describe('what the hub accepts', () => {
  it('takes conversations only from COMMUNITY_ALLOWED_ORIGINS when that is set: 403 with a stable code', async () => {
    const strict = await buildTestApp({ communityAllowedOrigins: [SENDER] });
    try {
      const someone = await signUp(strict.app);
      const refused = await publish(
        strict.app,
        someone,
        publicationBody({ sourceOrigin: 'https://elsewhere.example' }),
      );
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('community_origin_not_allowed');
      expect(await conversationCount(strict.app, someone)).toBe(0);
      expect((await publish(strict.app, someone)).statusCode).toBe(201);
    } finally {
      await strict.close();
    }
  });

  it('says so clearly when it allows no public links, and stores nothing', async () => {
    const closed = await buildTestApp({ enableOpenSharing: false });
    try {
      const someone = await signUp(closed.app);
      const response = await publish(closed.app, someone);
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('open_sharing_disabled');
      expect(await conversationCount(closed.app, someone)).toBe(0);
    } finally {
      await closed.close();
    }
  });

  it('counts publishing against the same limit as creating links', async () => {
    const limited = await buildTestApp(
      {},
      { rateLimits: { auth: { max: 1000, windowMs: 60_000 }, shareCreate: { max: 2, windowMs: 60_000 } } },
    );
    try {
      const someone = await signUp(limited.app);
      expect((await publish(limited.app, someone)).statusCode).toBe(201);
      expect((await publish(limited.app, someone)).statusCode).toBe(201);
      const third = await publish(limited.app, someone);
      expect(third.statusCode).toBe(429);
      expect(third.json().error.code).toBe('rate_limited');
      expect(await conversationCount(limited.app, someone)).toBe(2);
    } finally {
      await limited.close();
    }
  });
});

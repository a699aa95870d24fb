/**
 * Hostile input: prototype keys as data, rows an older version stored broken, malformed
 * multipart, and connections that stay usable after an upload is refused early.
 */
import type { AddressInfo } from 'node:net';
import { IMPORTERS, type ConversationDraft } from '@chatshare/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type TestApp } from '../helpers/app.js';
import { call, createConversation, createShare, signUp, type TestUser } from '../helpers/api.js';
import { FORMAT_SAMPLES, hostile, mutationArb, PROTO_KEYS } from '../fixtures/hostile.js';
import { multipartFile } from '../helpers/multipart.js';
import { exchange, rawRequest, type RawOutcome } from '../helpers/raw-http.js';

let t: TestApp;
let user: TestUser;
let port: number;
beforeAll(async () => {
  // Generated requests must meet the code under test, not the per-user limits.
  const generous = { max: 100_000, windowMs: 60_000 };
  t = await buildTestApp({}, { rateLimits: { auth: generous, shareCreate: generous, shareMiss: generous } });
  user = await signUp(t.app);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
afterAll(() => t.close());

/** Writes a stored conversation's messages as a row of an older version could hold them. */
async function corruptConversation(id: string, edit: (messages: Record<string, unknown>[]) => void) {
  const row = await t.app.db.selectFrom('conversations').select('data').where('id', '=', id).executeTakeFirstOrThrow();
  const data = JSON.parse(row.data) as { messages: Record<string, unknown>[] };
  edit(data.messages);
  await t.app.db
    .updateTable('conversations')
    .set({ data: JSON.stringify(data) })
    .where('id', '=', id)
    .execute();
}

async function corruptSnapshot(shareId: string, edit: (messages: Record<string, unknown>[]) => void) {
  const row = await t.app.db
    .selectFrom('shares')
    .select('snapshot')
    .where('id', '=', shareId)
    .executeTakeFirstOrThrow();
  const snapshot = JSON.parse(row.snapshot) as { messages: Record<string, unknown>[] };
  edit(snapshot.messages);
  await t.app.db
    .updateTable('shares')
    .set({ snapshot: JSON.stringify(snapshot) })
    .where('id', '=', shareId)
    .execute();
}

describe('roles named like prototype properties', () => {
  it.each(PROTO_KEYS)('refuses the role %j with a 400 and stores nothing', async (role) => {
    const before = await t.app.db.selectFrom('conversations').select('id').execute();
    for (const body of [
      { messages: [{ role, content: 'hi' }] },
      [{ role, content: 'hi' }],
      { messages: [{ id: 'a', parentId: null, role, parts: [{ type: 'text', text: 'hi' }] }] },
    ]) {
      const response = await call(t.app, 'POST', '/api/v1/conversations', { auth: user.bearer, body });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('import_failed');
      expect(response.json().error.message).toMatch(/role/);
    }
    const after = await t.app.db.selectFrom('conversations').select('id').execute();
    expect(after).toHaveLength(before.length);
  });

  it('refuses such a role in appended messages, in either format', async () => {
    const { id } = await createConversation(t.app, user);
    for (const message of [
      { role: 'constructor', content: 'hi' },
      { role: '__proto__', parts: [{ type: 'text', text: 'hi' }] },
    ]) {
      const response = await call(t.app, 'POST', `/api/v1/conversations/${id}/messages`, {
        auth: user.bearer,
        body: { messages: [message] },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json().error.code).toBe('validation_failed');
    }
    const stored = await call(t.app, 'GET', `/api/v1/conversations/${id}`, { auth: user.bearer });
    expect(stored.json().messages).toHaveLength(4);
  });
});

describe('a draft that misses the model', () => {
  it('is refused before anything is stored, by create and by import', async () => {
    const openai = IMPORTERS.find((importer) => importer.format === 'openai')!;
    const broken = {
      title: 'broken',
      messages: [{ id: 'm1', parentId: null, role: {}, parts: [{ type: 'text', text: 'hi' }] }],
      currentLeafId: 'm1',
      models: [],
      source: { format: 'openai', importedAt: '2026-06-01T12:00:00.000Z' },
    } as unknown as ConversationDraft;
    const spy = vi.spyOn(openai, 'read').mockImplementation(() => ({
      format: 'openai',
      conversations: [structuredClone(broken)],
      skipped: [],
    }));
    try {
      const before = await t.app.db.selectFrom('conversations').select('id').execute();
      const body = { messages: [{ role: 'user', content: 'hi' }] };
      const created = await call(t.app, 'POST', '/api/v1/conversations', { auth: user.bearer, body });
      expect(created.statusCode, created.body).toBe(400);
      expect(created.json().error.code).toBe('import_failed');
      const upload = multipartFile(JSON.stringify([body]));
      const imported = await t.app.inject({
        method: 'POST',
        url: '/api/v1/imports',
        headers: { ...upload.headers, authorization: `Bearer ${user.token}` },
        payload: upload.payload,
      });
      expect(imported.statusCode, imported.body).toBeLessThan(500);
      expect(imported.json().imported ?? []).toEqual([]);
      const after = await t.app.db.selectFrom('conversations').select('id').execute();
      expect(after).toHaveLength(before.length);
    } finally {
      spy.mockRestore();
    }
  });
});

describe('a stored conversation that no longer matches the model', () => {
  it('is shown without its unreadable messages, to the owner and in a new link', async () => {
    const { id } = await createConversation(t.app, user);
    // What an older version stored for the role "__proto__": the prototype, serialised.
    await corruptConversation(id, (messages) => {
      messages[1]!.role = {};
      messages[2]!.parts = [{ type: 'text', text: 'kept' }, { type: 'nonsense' }, 'not a part'];
    });
    const owner = await call(t.app, 'GET', `/api/v1/conversations/${id}`, { auth: user.bearer });
    expect(owner.statusCode, owner.body).toBe(200);
    const shown = owner.json().messages as { id: string; parentId: string | null; parts: unknown[] }[];
    expect(shown.map((message) => message.id)).toEqual(['sys-1', 'a-1', 'a-1b']);
    // The replies of the left-out message hang on its parent.
    expect(shown.find((message) => message.id === 'a-1')!.parentId).toBe('sys-1');
    expect(shown.find((message) => message.id === 'a-1')!.parts).toEqual([{ type: 'text', text: 'kept' }]);
    expect(owner.json().currentLeafId).toBe('a-1');

    const snapshot = await call(t.app, 'GET', `/api/v1/conversations/${id}/snapshot`, { auth: user.bearer });
    expect(snapshot.statusCode, snapshot.body).toBe(200);
    const share = await call(t.app, 'POST', '/api/v1/shares', { auth: user.bearer, body: { conversationId: id } });
    expect(share.statusCode, share.body).toBe(201);
    const code = share.json().shortCode as string;
    const read = await call(t.app, 'GET', `/api/v1/shared/${code}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().messages.map((message: { parts: unknown[] }) => message.parts)).toEqual([
      [{ type: 'text', text: 'kept' }],
    ]);
  });

  it('keeps every public view of a link with a broken snapshot readable', async () => {
    const { id } = await createConversation(t.app, user);
    const share = await createShare(t.app, user, { conversationId: id });
    await corruptSnapshot(share.settings.id, (messages) => {
      messages.unshift({ id: 'm0', parentId: null, role: {}, parts: [{ type: 'text', text: 'broken' }] });
      messages.push({ id: 'mx', parentId: 'm1', role: 'assistant', parts: [{ type: 'text' }] });
      messages.push('not a message' as never);
    });
    const read = await call(t.app, 'GET', `/api/v1/shared/${share.shortCode}`);
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().messages).toHaveLength(2);
    expect(JSON.stringify(read.json())).not.toContain('broken');
    for (const url of [`/s/${share.shortCode}`, `/s/${share.shortCode}.md`, `/embed/${share.shortCode}`]) {
      const page = await call(t.app, 'GET', url);
      expect(page.statusCode, `${url} ${page.body.slice(0, 200)}`).toBe(200);
      expect(page.body).toContain('Alfama');
    }
  });
});

const BOUNDARY = 'hostile-boundary';
/** A whole multipart body with one file part. */
const multipartBody = (content: string, boundary = BOUNDARY) =>
  `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c.json"\r\n` +
  `Content-Type: application/json\r\n\r\n${content}\r\n--${boundary}--\r\n`;
const chat = JSON.stringify([{ role: 'user', content: 'hi' }]);

const upload = (contentType: string, payload: string | Buffer) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { authorization: `Bearer ${user.token}`, 'content-type': contentType },
    payload,
  });

describe('malformed multipart', () => {
  const whole = multipartBody(chat);
  it.each([
    ['no boundary', 'multipart/form-data', whole],
    ['an empty boundary', 'multipart/form-data; boundary=', multipartBody(chat, '')],
    ['a quoted empty boundary', 'multipart/form-data; boundary=""', multipartBody(chat, '')],
    [
      'a boundary longer than 70 characters',
      `multipart/form-data; boundary=${'b'.repeat(300)}`,
      multipartBody(chat, 'b'.repeat(300)),
    ],
    ['a part cut off in its headers', `multipart/form-data; boundary=${BOUNDARY}`, whole.slice(0, 60)],
    ['a part cut off in its content', `multipart/form-data; boundary=${BOUNDARY}`, whole.slice(0, 150)],
    ['no closing delimiter', `multipart/form-data; boundary=${BOUNDARY}`, whole.replace(`--${BOUNDARY}--\r\n`, '')],
    ['a JSON body', `multipart/form-data; boundary=${BOUNDARY}`, chat],
  ])('answers %s with 400 invalid_multipart', async (_name, type, payload) => {
    const response = await upload(type, payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('invalid_multipart');
  });
});

describe('a multipart part with malformed headers', () => {
  it('is refused once the parser stops reading, instead of waiting for the client to give up', async () => {
    const payload =
      `--${BOUNDARY}\r\nContent-Disposition\r\nno colon here\r\n\r\n${'x'.repeat(300 * 1024)}\r\n` +
      `--${BOUNDARY}--\r\n`;
    const response = await upload(`multipart/form-data; boundary=${BOUNDARY}`, payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json().error.code).toBe('invalid_multipart');
  });
});

/** Sends `first`, then a small request on the same connection: it must be answered, or the connection said it closes. */
async function expectReusable(first: Buffer): Promise<RawOutcome> {
  const next = rawRequest('GET', '/api/v1/conversations?limit=1', { authorization: `Bearer ${user.token}` });
  const [answer, then] = await exchange(port, [first, next]);
  expect(typeof answer === 'object', `first request: ${String(answer)}`).toBe(true);
  const response = answer as Exclude<RawOutcome, string>;
  expect(response.status, response.body).toBeLessThan(500);
  if (response.headers.connection === 'close') {
    expect(then === undefined || then === 'closed', `after Connection: close: ${JSON.stringify(then)}`).toBe(true);
  } else {
    expect(typeof then === 'object' ? then.status : then).toBe(200);
  }
  return answer!;
}

describe('a connection after an upload refused early', () => {
  const importRequest = (content: string | Buffer) =>
    rawRequest(
      'POST',
      '/api/v1/imports',
      { authorization: `Bearer ${user.token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      multipartBody(content.toString()),
    );

  it.each([64 * 1024, 400 * 1024, 3 * 1024 * 1024])(
    'answers the next request after %i bytes in an unsupported format',
    async (size) => {
      const unknown = `[${Array.from({ length: Math.ceil(size / 12) }, (_, i) => `{"x":${i % 1000}}`).join(',')}]`;
      const answer = await expectReusable(importRequest(unknown));
      expect((answer as { body: string }).body).toContain('unsupported_format');
    },
  );

  it('answers the next request after malformed multipart', async () => {
    const body = `not multipart at all ${'x'.repeat(500 * 1024)}`;
    await expectReusable(
      rawRequest(
        'POST',
        '/api/v1/imports',
        { authorization: `Bearer ${user.token}`, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        body,
      ),
    );
  });

  it.each([200 * 1024, 2 * 1024 * 1024])(
    'answers the next request after the disk filled up %i bytes into an upload',
    async (size) => {
      const full = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      const spy = vi.spyOn(t.app.repos.conversations, 'create').mockRejectedValue(full);
      try {
        const many = JSON.stringify(
          Array.from({ length: Math.ceil(size / 60) }, (_, i) => ({
            messages: [{ role: 'user', content: `message ${i}` }],
          })),
        );
        const next = rawRequest('GET', '/api/v1/conversations?limit=1', { authorization: `Bearer ${user.token}` });
        const [answer, then] = await exchange(port, [importRequest(many), next]);
        expect(typeof answer === 'object' && answer.status, JSON.stringify(answer)).toBe(507);
        const closes = typeof answer === 'object' && answer.headers.connection === 'close';
        expect(closes ? then === undefined || then === 'closed' : typeof then === 'object' && then.status).toBe(
          closes ? true : 200,
        );
      } finally {
        spy.mockRestore();
      }
    },
  );

  it('answers the next request after a refused sign-in', async () => {
    await expectReusable(
      rawRequest(
        'POST',
        '/api/v1/imports',
        { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        multipartBody('x'.repeat(400 * 1024)),
      ),
    );
  });
});

/** Fixed, so a failure replays; fast-check prints it (and the failing case) in the error. */
const SEED = 20261202;
const FORMATS = Object.keys(FORMAT_SAMPLES);

/** The probe on the same connection after `request`: answered, or the first answer said it closes. */
async function expectAnsweredAndReusable(request: Buffer, label: string) {
  const probe = rawRequest('GET', '/api/v1/conversations?limit=1', { authorization: `Bearer ${user.token}` });
  const [answer, then] = await exchange(port, [request, probe]);
  if (typeof answer !== 'object') throw new Error(`${label}: no answer (${answer})`);
  expect(answer.status, `${label} ${answer.body.slice(0, 300)}`).toBeLessThan(500);
  if (answer.status >= 400) expect(typeof JSON.parse(answer.body).error.code, label).toBe('string');
  if (answer.headers.connection === 'close') expect(then === undefined || then === 'closed', label).toBe(true);
  else expect(typeof then === 'object' ? then.status : then, `${label}: the next request`).toBe(200);
}

const jsonRequest = (method: string, url: string, body: unknown) =>
  rawRequest(
    method,
    url,
    { authorization: `Bearer ${user.token}`, 'content-type': 'application/json' },
    JSON.stringify(body),
  );

const multipartRequest = (url: string, contentType: string, body: string) =>
  rawRequest('POST', url, { authorization: `Bearer ${user.token}`, 'content-type': contentType }, body);

describe('generated hostile input', () => {
  let conversationId: string;
  let shareId: string;
  beforeAll(async () => {
    conversationId = (await createConversation(t.app, user)).id;
    shareId = (await createShare(t.app, user, { conversationId })).settings.id;
  });

  it('answers prototype names in any key or enum of every write body with a 2xx or a 4xx, and the connection goes on', async () => {
    const targets = ['create', 'append', 'share-create', 'share-update', 'import'] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.constantFrom(...FORMATS),
        fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
        fc.option(fc.constantFrom(...PROTO_KEYS), { nil: undefined }),
        async (target, format, mutations, queryValue) => {
          const query = queryValue ? `format=${encodeURIComponent(queryValue)}` : '';
          let request: Buffer;
          if (target === 'create') {
            request = jsonRequest(
              'POST',
              `/api/v1/conversations?${query}`,
              hostile(FORMAT_SAMPLES[format]!, mutations),
            );
          } else if (target === 'append') {
            const message =
              format === 'chatshare'
                ? { role: 'user', parts: [{ type: 'text', text: 'more' }] }
                : { role: 'user', content: 'more', name: 'ana' };
            const body = hostile({ messages: [message], parentId: 'a-1' }, mutations);
            request = jsonRequest('POST', `/api/v1/conversations/${conversationId}/messages`, body);
          } else if (target === 'share-create') {
            const body = hostile(
              {
                conversationId,
                privacy: 'unlisted',
                title: 'Shared',
                allowedEmails: ['friend@example.com'],
                range: { start: 0, end: 2 },
                redact: false,
                leafMessageId: 'a-1',
              },
              mutations,
            );
            request = jsonRequest('POST', '/api/v1/shares', body);
          } else if (target === 'share-update') {
            const body = hostile(
              { privacy: 'unlisted', title: 'Renamed', refresh: true, range: { start: 0 } },
              mutations,
            );
            request = jsonRequest('PATCH', `/api/v1/shares/${shareId}`, body);
          } else {
            const file = JSON.stringify(hostile(FORMAT_SAMPLES[format]!, mutations));
            request = multipartRequest(
              `/api/v1/imports?onDuplicate=copy&${query}`,
              `multipart/form-data; boundary=${BOUNDARY}`,
              multipartBody(file),
            );
          }
          await expectAnsweredAndReusable(request, `${target} ${format} ${JSON.stringify(mutations)} ${query}`);
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
    // Whatever was stored can be read back.
    const rows = await t.app.db.selectFrom('conversations').select('id').where('owner_id', '=', user.id).execute();
    for (const { id } of rows) {
      const read = await call(t.app, 'GET', `/api/v1/conversations/${id}`, { auth: user.bearer });
      expect(read.statusCode, read.body.slice(0, 300)).toBe(200);
    }
  }, 30_000);

  it('answers malformed multipart of any size with a 4xx, and the connection goes on', async () => {
    const plain = 'b0undary';
    const boundaries: Record<string, [header: string, body: string]> = {
      none: ['multipart/form-data', plain],
      empty: ['multipart/form-data; boundary=', ''],
      quotedEmpty: ['multipart/form-data; boundary=""', ''],
      quoted: ['multipart/form-data; boundary="b0 undary"', 'b0 undary'],
      plain: [`multipart/form-data; boundary=${plain}`, plain],
      mismatch: ['multipart/form-data; boundary=other', plain],
      long71: [`multipart/form-data; boundary=${'b'.repeat(71)}`, 'b'.repeat(71)],
      long300: [`multipart/form-data; boundary=${'b'.repeat(300)}`, 'b'.repeat(300)],
    };
    const part = (boundary: string, disposition: string, content: string) =>
      `--${boundary}\r\nContent-Disposition: ${disposition}\r\nContent-Type: application/json\r\n\r\n${content}\r\n`;
    const fileDisposition = 'form-data; name="file"; filename="c.json"';
    const shapes: Record<string, (boundary: string, content: string, cut: number) => string> = {
      whole: (b, c) => multipartBody(c, b),
      cut: (b, c, cut) => multipartBody(c, b).slice(0, cut % (multipartBody(c, b).length + 1)),
      noClose: (b, c) => part(b, fileDisposition, c),
      noParts: (_b, c) => c,
      empty: () => '',
      preamble: (b, c) => `preamble\r\n${multipartBody(c, b)}epilogue`,
      badHeaders: (b, c) => `--${b}\r\nContent-Disposition\r\nno colon here\r\n\r\n${c}\r\n--${b}--\r\n`,
      protoField: (b, c) => `${part(b, 'form-data; name="__proto__"', '{}')}${multipartBody(c, b)}`,
      textField: (b, c) => `${part(b, 'form-data; name="file"', c)}--${b}--\r\n`,
      twoFiles: (b, c) => `${part(b, fileDisposition, c)}${multipartBody(c, b)}`,
      protoFilename: (b, c) => `${part(b, 'form-data; name="constructor"; filename="__proto__"', c)}--${b}--\r\n`,
    };
    const contents = (kind: string, format: string, size: number) =>
      kind === 'sample'
        ? `${JSON.stringify(FORMAT_SAMPLES[format])}${' '.repeat(size)}`
        : kind === 'unknown'
          ? `[${'{"x":0},'.repeat(Math.ceil(size / 8))}{"x":0}]`
          : 'not json '.repeat(Math.ceil(size / 9) + 1);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(boundaries)),
        fc.constantFrom(...Object.keys(shapes)),
        fc.constantFrom('sample', 'unknown', 'text'),
        fc.constantFrom(...FORMATS),
        fc.constantFrom(0, 4 * 1024, 300 * 1024, 1200 * 1024),
        fc.nat(),
        async (boundary, shape, kind, format, size, cut) => {
          const [header, body] = boundaries[boundary]!;
          // A stalled parser takes STALL_MS to refuse: that case is tested once with a large body above.
          const length = shape === 'badHeaders' ? Math.min(size, 4096) : size;
          const payload = shapes[shape]!(body, contents(kind, format, length), cut);
          await expectAnsweredAndReusable(
            multipartRequest('/api/v1/imports?onDuplicate=copy', header, payload),
            `${boundary} ${shape} ${kind} ${format} ${size} ${cut}`,
          );
        },
      ),
      { seed: SEED, numRuns: 80 },
    );
  }, 30_000);
});

/** The /publish page's rules for what it accepts, and the page's strings. */
import { describe, expect, it } from 'vitest';
import { readPayload } from '../src/publish/payload.js';
import { PUBLISH, receive } from '../src/publish/receive.js';
import { PUBLISH_STRINGS } from '../src/publish/strings.js';

const SENDER = 'https://chat.sender.example';
const opener = { name: 'the opener' };
const conversation = {
  format: 1,
  title: 'Lisbon',
  models: ['gpt-4o'],
  messages: [
    { id: 'm1', parentId: null, role: 'user', parts: [{ type: 'text', text: 'Hi' }] },
    { id: 'm2', parentId: 'm1', role: 'assistant', parts: [{ type: 'code', language: 'js', text: '1' }] },
  ],
};
const message = (overrides: Partial<{ data: unknown; origin: string; source: unknown }> = {}) =>
  ({
    data: { type: PUBLISH, conversation, models: ['gpt-4o'] },
    origin: SENDER,
    source: opener,
    ...overrides,
  }) as unknown as MessageEvent;

describe('receive', () => {
  it('takes a conversation from its opener', () => {
    const reception = receive(message(), { opener, allowedOrigins: [] });
    expect(reception).toMatchObject({ kind: 'received', origin: SENDER, conversation: { title: 'Lisbon' } });
  });

  it('ignores every window but its opener, and pages without one', () => {
    expect(receive(message({ source: {} }), { opener, allowedOrigins: [] })).toEqual({ kind: 'ignored' });
    expect(receive(message({ source: null }), { opener: null, allowedOrigins: [] })).toEqual({ kind: 'ignored' });
  });

  it('ignores other kinds of message from the opener', () => {
    for (const data of [null, 'chatshare:publish', { type: 'chatshare:loaded' }, { type: 'other', conversation }]) {
      expect(receive(message({ data }), { opener, allowedOrigins: [] })).toEqual({ kind: 'ignored' });
    }
  });

  it('refuses an opener whose origin is not in COMMUNITY_ALLOWED_ORIGINS', () => {
    const context = { opener, allowedOrigins: ['https://other.example'] };
    expect(receive(message(), context)).toEqual({ kind: 'refused', origin: SENDER });
    expect(receive(message(), { opener, allowedOrigins: [SENDER] }).kind).toBe('received');
  });

  it('calls a malformed conversation unreadable', () => {
    const broken = { type: PUBLISH, conversation: { ...conversation, messages: [{ id: 'm1', role: 'wizard' }] } };
    expect(receive(message({ data: broken }), { opener, allowedOrigins: [] })).toEqual({
      kind: 'unreadable',
      origin: SENDER,
    });
  });
});

describe('readPayload', () => {
  it('copies known fields only', () => {
    const sneaky = {
      conversation: {
        ...conversation,
        messages: [
          { ...conversation.messages[0], html: '<img onerror=alert(1)>', parts: [{ type: 'text', text: 'x', raw: 1 }] },
        ],
      },
    };
    expect(readPayload(sneaky)?.messages).toEqual([
      { id: 'm1', parentId: null, role: 'user', parts: [{ type: 'text', text: 'x' }] },
    ]);
  });

  it.each([
    ['no messages', { ...conversation, messages: [] }],
    ['another format', { ...conversation, format: 2 }],
    ['a system message', { ...conversation, messages: [{ id: 's', parentId: null, role: 'system', parts: [] }] }],
    [
      'an unknown part',
      { ...conversation, messages: [{ id: 'm', parentId: null, role: 'user', parts: [{ type: 'html' }] }] },
    ],
    ['a title that is not text', { ...conversation, title: 42 }],
  ])('refuses %s', (_name, value) => {
    expect(readPayload({ conversation: value })).toBeNull();
  });
});

describe('publish strings', () => {
  it('has the same keys and placeholders in English and German', () => {
    const en = PUBLISH_STRINGS.en as Record<string, string>;
    const de = PUBLISH_STRINGS.de as Record<string, string>;
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((match) => match[1]).sort();
    for (const key of Object.keys(en)) expect(placeholders(de[key]!), key).toEqual(placeholders(en[key]!));
  });
});

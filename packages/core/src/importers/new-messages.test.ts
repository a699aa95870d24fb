import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { importConversations } from './index.js';
import { readNewMessages } from './new-messages.js';

const now = new Date('2026-06-01T12:00:00.000Z');

/** The error a call throws, for its code and message. */
function failure(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected an error');
}

describe('readNewMessages', () => {
  it('passes our own messages through as they are', () => {
    const ours = [{ id: 'x', role: 'user', parts: [{ type: 'text', text: 'hi' }], model: 'gpt-4o' }];
    expect(readNewMessages(ours)).toEqual(ours);
  });

  it('reads OpenAI messages as our parts, without the reader ids or parents', () => {
    expect(
      readNewMessages([
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'hi' }], name: 'Ana' },
      ]),
    ).toEqual([
      { role: 'system', parts: [{ type: 'text', text: 'Be brief.' }] },
      { role: 'user', author: 'Ana', parts: [{ type: 'text', text: 'hi' }] },
    ]);
  });

  it.each([
    [
      [
        { role: 'user', content: 'hi' },
        { role: 'user', parts: [{ type: 'text', text: 'x' }] },
      ],
      'messages.1 has parts',
    ],
    [
      [
        { role: 'user', parts: [{ type: 'text', text: 'x' }] },
        { role: 'user', content: 'hi' },
      ],
      'messages.1 has no parts',
    ],
    [
      [
        { role: 'user', content: 'hi' },
        { role: 'user', content: '' },
      ],
      'messages.1 has no content',
    ],
    [[{ role: 'constructor', content: 'hi' }], 'messages.0.role: unknown role'],
    [[{ role: '__proto__', content: 'hi' }], 'messages.0.role: unknown role'],
    [[{ role: 'user', parts: [{ type: 'text' }] }], 'messages.0.parts.0'],
  ])('refuses %j as validation_failed: "%s…"', (input, start) => {
    const error = failure(() => readNewMessages(input));
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(400);
    expect(error.message.startsWith(start)).toBe(true);
  });
});

describe('creating from OpenAI messages', () => {
  it('treats a role named like an Object property as unknown, not as a role', () => {
    for (const role of ['constructor', '__proto__', 'toString']) {
      const error = failure(() => importConversations([{ role, content: 'hi' }], { now }));
      expect(error.code).toBe('import_failed');
      expect(error.message).toContain('unknown role');
    }
  });
});

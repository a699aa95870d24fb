import { describe, expect, it } from 'vitest';
import { ChatshareError, isChatshareError, safe } from '../src/index.js';

/** What a second copy of this package in node_modules makes: same brand, another class. */
function errorFromAnotherCopy(): Error {
  class OtherChatshareError extends Error {
    readonly code = 'share_not_found';
    readonly status = 404;
  }
  const error = new OtherChatshareError('gone');
  Object.defineProperty(error, Symbol.for('@chatshare/client.ChatshareError'), { value: true });
  return error;
}

describe('isChatshareError', () => {
  it('recognises errors made by this copy and by another copy of the SDK, and nothing else', () => {
    expect(isChatshareError(new ChatshareError({ status: 404, code: 'share_not_found', message: 'gone' }))).toBe(true);
    expect(isChatshareError(errorFromAnotherCopy())).toBe(true);
    expect(isChatshareError(new Error('plain'))).toBe(false);
    expect(isChatshareError({ code: 'share_not_found' })).toBe(false);
    expect(isChatshareError(null)).toBe(false);
  });

  it('lets safe() turn another copy’s error into a value instead of rethrowing it', async () => {
    const result = await safe(Promise.reject(errorFromAnotherCopy()));
    expect(result.ok).toBe(false);
    await expect(safe(Promise.reject(new Error('bug')))).rejects.toThrow('bug');
  });
});

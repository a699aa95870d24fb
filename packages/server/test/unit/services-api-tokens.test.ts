import { describe, expect, it } from 'vitest';
import type { ApiToken } from '../../src/repositories/api-tokens.js';
import type { User } from '../../src/repositories/users.js';
import { ApiTokenService, tokenName } from '../../src/services/api-tokens.js';

const user: User = {
  id: 'u1',
  email: 'owner@example.com',
  name: null,
  emailVerified: true,
  createdAt: '2026-06-01T12:00:00.000Z',
  grantedAdmin: false,
};
const stored: ApiToken = { id: 't1', name: 'laptop', hint: 'abcd', createdAt: user.createdAt, lastUsedAt: null };

function fakeRepository() {
  const created: { userId: string; name: string }[] = [];
  return {
    created,
    list: async () => [stored],
    create: async (userId: string, name: string) => {
      created.push({ userId, name });
      return { token: 'cs_secret', apiToken: { ...stored, name } };
    },
    revoke: async (userId: string, id: string) => userId === user.id && id === stored.id,
  };
}

describe('ApiTokenService', () => {
  it('stores a name as one trimmed line and refuses a blank one', async () => {
    const repository = fakeRepository();
    const service = new ApiTokenService(repository);
    await service.create(user, '  my\nscript  ');
    expect(repository.created).toEqual([{ userId: 'u1', name: tokenName('my\nscript') }]);
    expect(() => tokenName(' \t ')).toThrow(expect.objectContaining({ status: 400, code: 'validation_failed' }));
  });

  it('revokes only a live token of the user: anything else is token_not_found', async () => {
    const service = new ApiTokenService(fakeRepository());
    await expect(service.revoke(user, 't1')).resolves.toBeUndefined();
    await expect(service.revoke(user, 'other')).rejects.toMatchObject({ status: 404, code: 'token_not_found' });
  });
});

import { LIFETIMES } from '@chatshare/core';
import { describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/auth/passwords.js';
import { createSigner } from '../../src/auth/signing.js';
import type { ShareRecord } from '../../src/repositories/shares.js';
import { UnlockService } from '../../src/services/unlock.js';

const CODE = 'AbCdEfGhIjKl';
const signer = createSigner('a test secret that is long enough', 'share-unlock');
const now = new Date('2026-06-01T12:00:00.000Z');

function serviceFor(share: { passwordHash: string | null; passwordVersion: number }, at = () => now) {
  return new UnlockService({
    shares: { forUnlock: async () => share as ShareRecord },
    signer,
    now: at,
    secureCookies: true,
  });
}

const anonymous = (service: UnlockService, cookies: Record<string, string | undefined> = {}) =>
  service.viewer(null, CODE, cookies);

describe('UnlockService', () => {
  it('gives a share-scoped, HttpOnly, expiring cookie for the right password', async () => {
    const service = serviceFor({ passwordHash: await hashPassword('open sesame'), passwordVersion: 3 });
    const cookie = await service.unlock(CODE, anonymous(service), 'open sesame');
    expect(cookie).toMatchObject({
      name: `cs_unlock_${CODE}`,
      options: { path: '/', httpOnly: true, sameSite: 'lax', secure: true, maxAge: LIFETIMES.unlockMs / 1000 },
    });
    // Read back, the cookie unlocks this share's current password version, and no other share.
    expect(anonymous(service, { [cookie!.name]: cookie!.value }).unlockedPasswordVersion).toBe(3);
    expect(
      service.viewer(null, 'ZZZZZZZZZZZZ', { cs_unlock_ZZZZZZZZZZZZ: cookie!.value }).unlockedPasswordVersion,
    ).toBe(null);
  });

  it('refuses a wrong password with wrong_password', async () => {
    const service = serviceFor({ passwordHash: await hashPassword('open sesame'), passwordVersion: 1 });
    await expect(service.unlock(CODE, anonymous(service), 'guess')).rejects.toMatchObject({
      status: 401,
      code: 'wrong_password',
    });
  });

  it('sets no cookie for a link without a password', async () => {
    const service = serviceFor({ passwordHash: null, passwordVersion: 0 });
    expect(await service.unlock(CODE, anonymous(service), 'anything')).toBeNull();
  });

  it('reads an expired or forged cookie as not unlocked', async () => {
    const service = serviceFor({ passwordHash: await hashPassword('pw'), passwordVersion: 1 });
    const cookie = (await service.unlock(CODE, anonymous(service), 'pw'))!;
    const later = serviceFor(
      { passwordHash: null, passwordVersion: 1 },
      () => new Date(now.getTime() + LIFETIMES.unlockMs),
    );
    expect(anonymous(later, { [cookie.name]: cookie.value }).unlockedPasswordVersion).toBeNull();
    expect(anonymous(service, { [cookie.name]: `${cookie.value}x` }).unlockedPasswordVersion).toBeNull();
  });

  it('names the signed-in viewer', () => {
    const service = serviceFor({ passwordHash: null, passwordVersion: 0 });
    const user = {
      id: 'u1',
      email: 'reader@example.com',
      name: null,
      emailVerified: true,
      createdAt: now.toISOString(),
      grantedAdmin: false,
    };
    expect(service.viewer(user, CODE, {})).toEqual({
      userId: 'u1',
      email: 'reader@example.com',
      emailVerified: true,
      unlockedPasswordVersion: null,
    });
  });
});

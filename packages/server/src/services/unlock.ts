/**
 * Password-protected links: checking a share password and the cookie a correct one earns
 * (auth/unlock-cookie.ts), and reading that cookie back into the viewer every access
 * decision is taken for.
 */
import { errors, LIFETIMES, type Viewer } from '@chatshare/core';
import type { CookieSerializeOptions } from '@fastify/cookie';
import { verifyPassword } from '../auth/passwords.js';
import type { Signer } from '../auth/signing.js';
import { createUnlockValue, readUnlockValue, unlockCookieName } from '../auth/unlock-cookie.js';
import type { User } from '../repositories/users.js';
import type { ShareService } from './shares.js';

export interface UnlockServiceDeps {
  shares: Pick<ShareService, 'forUnlock'>;
  signer: Signer;
  now: () => Date;
  /** Whether cookies are marked Secure (the instance is served over https). */
  secureCookies: boolean;
}

export interface UnlockCookie {
  name: string;
  value: string;
  options: CookieSerializeOptions;
}

export class UnlockService {
  constructor(private readonly deps: UnlockServiceDeps) {}

  /** Who is looking at share `code`: the signed-in user (if any) and their unlock cookie. */
  viewer(user: User | null, code: string, cookies: Record<string, string | undefined>): Viewer {
    return {
      userId: user?.id ?? null,
      email: user?.email ?? null,
      emailVerified: user?.emailVerified ?? false,
      unlockedPasswordVersion: readUnlockValue(
        this.deps.signer,
        code,
        cookies[unlockCookieName(code)],
        this.deps.now(),
      ),
    };
  }

  /**
   * Checks `password` against link `code` (which must be open to this viewer but for its
   * password): the cookie to set, or null for a link without a password. A wrong password is
   * a 401 `wrong_password`.
   */
  async unlock(code: string, viewer: Viewer, password: string): Promise<UnlockCookie | null> {
    const share = await this.deps.shares.forUnlock(code, viewer);
    if (share.passwordHash === null) return null;
    if (!(await verifyPassword(password, share.passwordHash))) throw errors.wrongPassword();
    return {
      name: unlockCookieName(code),
      value: createUnlockValue(this.deps.signer, code, share.passwordVersion, this.deps.now()),
      options: {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: this.deps.secureCookies,
        maxAge: LIFETIMES.unlockMs / 1000,
      },
    };
  }
}
